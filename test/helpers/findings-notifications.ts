import type { FindingsParams } from '../../server/src/lsp/protocol';
import type { LspClient } from './lsp-client';

export const FINDINGS = 'owaspAudit/findings';

/** The `owaspAudit/findings` notifications for `uri`, in arrival order. */
export function findingsFor(client: LspClient, uri: string): FindingsParams[] {
  return client.customNotifications.filter((n) => n.method === FINDINGS && (n.params as FindingsParams).uri === uri).map((n) => n.params as FindingsParams);
}

/** Waits for a findings notification for `uri` after the first `skip` ones that satisfies `predicate`. */
export function waitForFindings(client: LspClient, uri: string, predicate: (p: FindingsParams) => boolean = () => true, skip = 0): Promise<FindingsParams> {
  return client.waitFor(
    () => `a findings notification for ${uri} (got ${JSON.stringify(findingsFor(client, uri))})`,
    () => findingsFor(client, uri).slice(skip).reverse().find(predicate),
  );
}
