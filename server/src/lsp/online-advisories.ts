import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { storeOnlineAdvisories } from '../audit/dependency-advisories';
import type { AuditConfig } from '../engine/config';
import { advisoryDirs, OSV_CACHE_DIR } from '../engine/deps/advisories/advisory-source';
import type { PackageQuery } from '../engine/deps/advisories/database';
import { DEFAULT_OSV_API, OsvClient } from '../engine/deps/advisories/online';

/** The editor's switches for the online lookup (settings `owaspAudit.onlineAdvisories`, `owaspAudit.osvEndpoint`). */
export interface OnlineSettings {
  enabled: boolean;
  endpoint: string;
}

export function onlineSettings(settings: Record<string, unknown>): OnlineSettings {
  const endpoint = typeof settings.osvEndpoint === 'string' && settings.osvEndpoint.trim() ? settings.osvEndpoint.trim() : DEFAULT_OSV_API;
  return { enabled: settings.onlineAdvisories !== false, endpoint: endpoint.replace(/\/+$/, '') };
}

export const ALLOW = 'Allow';
export const NOT_NOW = 'Not now';
export const NEVER = 'Never';
type Remembered = typeof ALLOW | typeof NEVER;

/** Asks the user (window/showMessageRequest); undefined when the user dismissed it or the client cannot ask. */
export type AskUser = (message: string, actions: string[]) => Promise<string | undefined>;

/**
 * The editor's online advisory lookup. Nothing is sent before the user allowed it for that endpoint: the first use
 * asks once, says what is sent, and "Allow"/"Never" are remembered in the server's global storage (in memory without
 * one); "Not now" or a dismissed question keep this session offline.
 */
export class OnlineAdvisories {
  private readonly answers = new Map<string, Promise<boolean>>();
  /** Endpoints whose answer is known (remembered, or given in this session). */
  private readonly settled = new Set<string>();
  private readonly consentFile?: string;
  private readonly cacheDir: string;

  constructor(
    private readonly storageDir: string | undefined,
    private readonly ask: AskUser,
    private readonly log: (message: string) => void,
  ) {
    this.consentFile = storageDir && join(storageDir, 'osv-consent.json');
    this.cacheDir = storageDir ? join(storageDir, 'osv') : OSV_CACHE_DIR;
  }

  /**
   * The configuration to scan with: `config` plus the folder of advisories the API returned for `queries`, when the
   * user allowed the lookup and it succeeded; `config` unchanged otherwise (offline data, or the "no advisory data" notice).
   * With `whenAllowedLater`, an unanswered question does not hold the scan up: `config` comes back at once and the
   * callback runs if the answer turns out to be "Allow" (a workspace audit must not wait on a notification the user
   * may never click).
   */
  async withOnlineData(config: AuditConfig, settings: OnlineSettings, queries: readonly PackageQuery[], whenAllowedLater?: () => void): Promise<AuditConfig> {
    if (!settings.enabled || !queries.length) return config;
    const answer = this.allowed(settings.endpoint);
    if (whenAllowedLater && !this.settled.has(settings.endpoint)) {
      void answer.then((allowed) => allowed && whenAllowedLater());
      return config;
    }
    if (!(await answer)) return config;
    const dir = join(this.cacheDir, 'records');
    try {
      await storeOnlineAdvisories(queries, new OsvClient({ endpoint: settings.endpoint, cacheDir: join(this.cacheDir, 'answers') }), dir);
    } catch (e) {
      this.log(`online advisory lookup failed: ${(e as Error).message}`);
      return config;
    }
    return { ...config, advisories: [...advisoryDirs(config.advisories), dir] };
  }

  /** One question per endpoint per session, however many manifests are scanned at once. */
  private allowed(endpoint: string): Promise<boolean> {
    let answer = this.answers.get(endpoint);
    if (!answer) {
      const remembered = this.readConsent()[endpoint];
      if (remembered) {
        this.settled.add(endpoint);
        answer = Promise.resolve(remembered === ALLOW);
      } else {
        answer = this.askUser(endpoint).finally(() => this.settled.add(endpoint));
      }
      this.answers.set(endpoint, answer);
    }
    return answer;
  }

  private async askUser(endpoint: string): Promise<boolean> {
    const message = `OWASP Audit checks dependencies against OSV: it sends package names and versions (no code) to ${endpoint}. Allow?`;
    const choice = await this.ask(message, [ALLOW, NOT_NOW, NEVER]).catch(() => undefined);
    if (choice === ALLOW || choice === NEVER) this.remember(endpoint, choice);
    this.log(`online advisory lookup at ${endpoint}: ${choice ?? 'no answer'}`);
    return choice === ALLOW;
  }

  private readConsent(): Record<string, Remembered> {
    if (!this.consentFile) return {};
    try {
      return JSON.parse(readFileSync(this.consentFile, 'utf8')) as Record<string, Remembered>;
    } catch {
      return {};
    }
  }

  private remember(endpoint: string, choice: Remembered): void {
    if (!this.consentFile || !this.storageDir) return;
    try {
      mkdirSync(this.storageDir, { recursive: true });
      const temp = `${this.consentFile}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify({ ...this.readConsent(), [endpoint]: choice }, null, 2));
      renameSync(temp, this.consentFile);
    } catch (e) {
      this.log(`could not remember the online lookup answer: ${(e as Error).message}`);
    }
  }
}
