/**
 * Drives the VS Code workbench that code-server serves, in Debian's headless chromium through playwright-core, the way
 * a user does: keyboard shortcuts, quick open, the Problems panel, the quick fix menu and the command palette.
 *
 * Every wait polls the page until a condition holds (or a deadline passes) and says in its error what it waited for
 * and what it saw last, so a failure report explains itself.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const DEFAULT_TIMEOUT_MS = 20_000;
const POLL_INTERVAL_MS = 150;

const SQUIGGLES = '.squiggly-error, .squiggly-warning';
const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_ROWS = `${QUICK_INPUT} .quick-input-list .monaco-list-row`;
const PROBLEM_ROWS = '.markers-panel .monaco-tl-row';
const ACTION_WIDGET = '.action-widget';

export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/install-code-server.sh (installs Debian's chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Polls `check` until it returns something other than undefined/false and returns that. On timeout the error names
 * `what` and the last value `describe` gave (the page state the test saw).
 */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  options: { timeoutMs?: number; describe?: () => Promise<string> } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      const seen = options.describe ? `; last seen: ${await options.describe().catch((e) => String(e))}` : '';
      throw new Error(`timed out after ${options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms waiting for ${what}${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

/** Monaco renders spaces as no-break spaces. */
const normalize = (text: string) => text.replace(/\u00a0/g, ' ');

async function texts(locator: Locator): Promise<string[]> {
  return (await locator.allInnerTexts()).map(normalize);
}

export class Workbench {
  private constructor(readonly page: Page) {}

  /** Opens `url` in a new page and waits until the workbench's editor part is shown. */
  static async open(browser: Browser, url: string, timeoutMs = 45_000): Promise<Workbench> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    await page.locator('.monaco-workbench .part.editor').waitFor({ state: 'visible', timeout: timeoutMs });
    return new Workbench(page);
  }

  async screenshot(file: string): Promise<void> {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file });
  }

  /** Quick open (Ctrl+P): types `name`, waits until the list offers it, opens it and waits for its editor tab. */
  async openFile(name: string): Promise<void> {
    await this.pickFromQuickInput('Control+P', name, name);
    await waitUntil(`an active editor tab for ${name}`, async () => (await this.activeTabTitle()) === name, {
      describe: async () => `active tab ${JSON.stringify(await this.activeTabTitle())}`,
    });
  }

  /** Go to line (Ctrl+G) `line:column`, 1-based. */
  async goTo(line: number, column: number): Promise<void> {
    await this.openQuickInput('Control+G');
    await this.page.keyboard.type(`${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await waitUntil(`the cursor at Ln ${line}, Col ${column}`, async () => (await this.cursorPosition()) === `Ln ${line}, Col ${column}`, {
      describe: async () => `status bar ${JSON.stringify(await this.cursorPosition())}`,
    });
  }

  /** Command palette (F1): types `title`, waits until the first entry is that command and runs it with Enter. */
  async runCommand(title: string): Promise<void> {
    await this.pickFromQuickInput('F1', title, title);
  }

  /** Saves the active editor (Ctrl+S). */
  async save(): Promise<void> {
    await this.page.keyboard.press('Control+S');
  }

  /** Text of the active editor's rendered lines. */
  async editorText(): Promise<string> {
    return (await texts(this.page.locator('.part.editor .editor-instance .monaco-editor .view-lines'))).join('\n');
  }

  async squiggleCount(): Promise<number> {
    return this.page.locator(`.part.editor ${SQUIGGLES}`).count();
  }

  async waitForSquiggle(timeoutMs = 30_000): Promise<void> {
    await this.page.locator(`.part.editor ${SQUIGGLES}`).first().waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** Shows the Problems panel (Ctrl+Shift+M, which toggles: only pressed while the panel is hidden). */
  async showProblems(): Promise<void> {
    if (await this.page.locator('.markers-panel').isVisible()) return;
    await this.page.keyboard.press('Control+Shift+M');
    await this.page.locator('.markers-panel').waitFor({ state: 'visible', timeout: DEFAULT_TIMEOUT_MS });
  }

  /** Rows of the Problems panel: file rows and problem rows (message, source, code, `[Ln l, Col c]`). */
  async problemRows(): Promise<string[]> {
    return texts(this.page.locator(PROBLEM_ROWS));
  }

  /** Waits until the Problems panel has a row containing every one of `parts`; returns that row's text. */
  async waitForProblem(parts: readonly string[], timeoutMs = 30_000): Promise<string> {
    await this.showProblems();
    return waitUntil(
      `a Problems row with ${parts.map((p) => JSON.stringify(p)).join(', ')}`,
      async () => (await this.problemRows()).find((row) => parts.every((p) => row.includes(p))),
      { timeoutMs, describe: async () => JSON.stringify(await this.problemRows()) },
    );
  }

  /**
   * Quick fix menu (Ctrl+.) at the cursor: waits for the action titled `title`, moves the focus to it with the arrow
   * keys (a pointer block over the menu swallows clicks) and applies it with Enter.
   */
  async applyQuickFix(title: string): Promise<void> {
    await this.page.keyboard.press('Control+.');
    const actions = this.page.locator(`${ACTION_WIDGET} .monaco-list-row.action`);
    const describe = async () => JSON.stringify(await actions.evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label'))));
    const wanted = actions.and(this.page.locator(`[aria-label="${title}"]`));
    await waitUntil(`the quick fix "${title}" in the action widget`, () => wanted.isVisible(), { describe });
    const focused = this.page.locator(`${ACTION_WIDGET} .monaco-list-row.action.focused`);
    await waitUntil(
      `the focus on "${title}"`,
      async () => {
        if ((await focused.count()) > 0 && (await focused.getAttribute('aria-label')) === title) return true;
        await this.page.keyboard.press('ArrowDown');
        return false;
      },
      { describe: async () => `focused ${JSON.stringify(await focused.getAttribute('aria-label').catch(() => null))}, actions ${await describe()}` },
    );
    await this.page.keyboard.press('Enter');
    await this.page.locator(ACTION_WIDGET).waitFor({ state: 'hidden', timeout: DEFAULT_TIMEOUT_MS });
  }

  /** Text of the visible notification toasts. */
  async notifications(): Promise<string[]> {
    return texts(this.page.locator('.notifications-toasts .notification-list-item-message'));
  }

  async activeTabTitle(): Promise<string | undefined> {
    const tab = this.page.locator('.part.editor .tab.active .label-name').first();
    return (await tab.count()) ? normalize(await tab.innerText()) : undefined;
  }

  async cursorPosition(): Promise<string | undefined> {
    const item = this.page.locator('#status\\.editor\\.selection').first();
    return (await item.count()) ? normalize(await item.innerText()).trim() : undefined;
  }

  private async openQuickInput(shortcut: string): Promise<void> {
    await this.page.keyboard.press(shortcut);
    await this.page.locator(`${QUICK_INPUT} input`).waitFor({ state: 'visible', timeout: DEFAULT_TIMEOUT_MS });
  }

  /** In a quick pick that a command opened: types `label`, waits until the first row contains it and accepts it. */
  async pickQuickInputItem(label: string): Promise<void> {
    await this.page.locator(`${QUICK_INPUT} input`).waitFor({ state: 'visible', timeout: DEFAULT_TIMEOUT_MS });
    await this.typeAndAccept(label, label);
  }

  /** Opens a quick input, types `query`, waits until the first row contains `expected` and accepts it with Enter. */
  private async pickFromQuickInput(shortcut: string, query: string, expected: string): Promise<void> {
    await this.openQuickInput(shortcut);
    await this.typeAndAccept(query, expected);
  }

  private async typeAndAccept(query: string, expected: string): Promise<void> {
    await this.page.keyboard.type(query);
    const rows = this.page.locator(QUICK_INPUT_ROWS);
    await waitUntil(
      `"${expected}" as the first entry of the quick input`,
      async () => (await rows.count()) > 0 && normalize(await rows.first().innerText()).includes(expected),
      { describe: async () => JSON.stringify(await texts(rows)) },
    );
    await this.page.keyboard.press('Enter');
    await this.page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: DEFAULT_TIMEOUT_MS });
  }
}
