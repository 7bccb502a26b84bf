/**
 * Reads and drives the extension's own parts of the workbench: the "Security Audit" tree in the side bar, the status
 * bar item, and the report webview (two nested iframes: VS Code's webview host, then the page).
 */
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { waitUntil } from './workbench';

const TREE_ROWS = '.part.sidebar .pane-body .monaco-list-row';
const STATUS_ITEM = '.part.statusbar .statusbar-item';

export interface TreeRow {
  label: string;
  description: string;
  expanded: boolean | undefined;
  level: number;
}

export class SecurityAuditView {
  constructor(private readonly page: Page) {}

  /** The visible rows of the tree, top to bottom. */
  async rows(): Promise<TreeRow[]> {
    // No named functions inside: the test's TypeScript transform would wrap them in a helper the page lacks.
    const raw = await this.page.locator(TREE_ROWS).evaluateAll((rows) =>
      rows.map((row) => [
        row.querySelector('.label-name')?.textContent ?? '',
        row.querySelector('.label-description')?.textContent ?? '',
        row.getAttribute('aria-expanded'),
        row.getAttribute('aria-level'),
      ]),
    );
    const clean = (text: string | null) => (text ?? '').replace(/\u00a0/g, ' ').trim();
    return raw.map(([label, description, expanded, level]) => ({
      label: clean(label),
      description: clean(description),
      expanded: expanded === null ? undefined : expanded === 'true',
      level: Number(level ?? 0),
    }));
  }

  /** Waits until a row satisfies `predicate`; returns it. */
  waitForRow(what: string, predicate: (row: TreeRow) => boolean, timeoutMs?: number): Promise<TreeRow> {
    return waitUntil(`a Security Audit row: ${what}`, async () => (await this.rows()).find(predicate), {
      timeoutMs,
      describe: async () => JSON.stringify(await this.rows()),
    });
  }

  /** Clicks the row whose label is `label` (the first one). */
  async click(label: string): Promise<void> {
    await this.row(label).click();
  }

  /** Expands a collapsed row (a click on it toggles). */
  async expand(label: string): Promise<void> {
    const row = this.row(label);
    if ((await row.getAttribute('aria-expanded')) === 'false') await row.click();
    await waitUntil(`"${label}" expanded`, async () => (await row.getAttribute('aria-expanded')) === 'true');
  }

  /** Hovers a row and clicks its inline action titled `title`. */
  async clickInlineAction(label: string, title: string): Promise<void> {
    const row = this.row(label);
    await row.hover();
    await row.locator(`.actions .action-label[aria-label="${title}"]`).click();
  }

  /** Clicks an action of the view's title bar (its tooltip starts with `title`). */
  async clickTitleAction(title: string): Promise<void> {
    await this.page.locator(`.part.sidebar .title-actions .action-label[aria-label^="${title}"]`).first().click();
  }

  /** The status bar item of the extension (`$(shield) OWASP <n>`): its count. */
  async statusCount(): Promise<number | undefined> {
    const item = this.statusItem();
    if ((await item.count()) === 0) return undefined;
    const match = /OWASP (\d+)/.exec(await item.innerText());
    return match ? Number(match[1]) : undefined;
  }

  async clickStatusItem(): Promise<void> {
    await this.statusItem().locator('a').first().click();
  }

  private statusItem(): Locator {
    return this.page.locator(STATUS_ITEM).filter({ hasText: /OWASP \d+/ }).first();
  }

  private row(label: string): Locator {
    return this.page.locator(TREE_ROWS).filter({ has: this.page.locator('.label-name', { hasText: label }) }).first();
  }
}

/** The page inside the active webview (the report). */
export function activeWebview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}
