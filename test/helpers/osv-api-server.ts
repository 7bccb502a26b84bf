import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OsvRecord } from '../../server/src/engine/deps/advisories/osv';

export interface RecordedRequest {
  method: string;
  path: string;
  body?: unknown;
}

export interface OsvApiServerOptions {
  /** Records `GET /v1/vulns/{id}` serves. */
  records: OsvRecord[];
  /** Which advisory ids the API says affect a package version, keyed `ecosystem/name@version`. */
  affecting: Record<string, string[]>;
  /** At most this many vulns per querybatch result; the rest come through `next_page_token`. */
  pageSize?: number;
  /** Bytes served at `GET /<ecosystem>/all.zip` (the osv.dev export layout). */
  exports?: Record<string, Uint8Array>;
}

export interface OsvApiServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  const data = body instanceof Uint8Array ? Buffer.from(body) : Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': type, 'content-length': data.length });
  res.end(data);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
}

/**
 * A server on 127.0.0.1 that speaks the part of the OSV API the audit uses (`POST /v1/querybatch` with
 * `page_token` paging, `GET /v1/vulns/{id}`) and serves export archives; the answers are given, not computed.
 */
export async function startOsvApiServer(options: OsvApiServerOptions): Promise<OsvApiServer> {
  const requests: RecordedRequest[] = [];
  const byId = new Map(options.records.map((r) => [r.id, r]));
  const server = createServer(async (req, res) => {
    const path = req.url ?? '/';
    const body = req.method === 'POST' ? await readBody(req).catch(() => 'invalid') : undefined;
    requests.push({ method: req.method ?? '', path, body });
    if (req.method === 'POST' && path === '/v1/querybatch') {
      const queries = (body as { queries?: { package?: { ecosystem?: string; name?: string }; version?: string; page_token?: string }[] })?.queries;
      if (!Array.isArray(queries)) return send(res, 400, { code: 3, message: 'queries is required' });
      const results = queries.map((q) => {
        const ids = options.affecting[`${q.package?.ecosystem}/${q.package?.name}@${q.version}`] ?? [];
        const start = q.page_token ? Number(q.page_token) : 0;
        const end = options.pageSize ? start + options.pageSize : ids.length;
        const vulns = ids.slice(start, end).map((id) => ({ id, modified: byId.get(id)?.modified }));
        return end < ids.length ? { vulns, next_page_token: String(end) } : vulns.length ? { vulns } : {};
      });
      return send(res, 200, { results });
    }
    const vuln = /^\/v1\/vulns\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && vuln) {
      const record = byId.get(decodeURIComponent(vuln[1]));
      return record ? send(res, 200, record) : send(res, 404, { code: 5, message: 'Bug not found.' });
    }
    const archive = /^\/([^/]+)\/all\.zip$/.exec(path);
    if (req.method === 'GET' && archive && options.exports?.[decodeURIComponent(archive[1])]) {
      return send(res, 200, options.exports[decodeURIComponent(archive[1])], 'application/zip');
    }
    send(res, 404, { code: 5, message: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
