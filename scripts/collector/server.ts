import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_REPORT_BYTES, validateReportText } from '../../utils/fleet/validate-report';
import { DAY_FILE, openNdjsonStore } from './ndjson-store';

export interface CollectorOptions {
  dir: string;
  port?: number;
  /** Interface to listen on; loopback unless IT opens it on purpose. */
  host?: string;
  /** When set, every request must carry exactly this `Authorization` header (the policy's `uploadAuthorization`). */
  authorization?: string;
  maxBytes?: number;
  log?: (line: string) => void;
}

export interface CollectorStats {
  stored: number;
  duplicates: number;
  rejected: number;
  /** Ids in arrival order, duplicates included, so tests can prove a client never sent one twice. */
  received: string[];
}

export interface Collector {
  url: string;
  port: number;
  stats: CollectorStats;
  close(): Promise<void>;
}

/**
 * The reference receiver: validates posted reports (size, schema v1, hostile
 * content — the same validator as the fleet page), stores them as NDJSON per day,
 * deduplicated by report id, and serves them back to the fleet page.
 */
export async function startCollector(options: CollectorOptions): Promise<Collector> {
  const store = await openNdjsonStore(options.dir);
  const maxBytes = options.maxBytes ?? MAX_REPORT_BYTES;
  const log = options.log ?? (() => {});
  const stats: CollectorStats = { stored: 0, duplicates: 0, rejected: 0, received: [] };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    cors(req, res);
    const path = new URL(req.url ?? '/', 'http://collector').pathname;
    if (req.method === 'OPTIONS') return send(res, 204);
    if (path === '/health') return send(res, 200, { ok: true, reports: store.size });
    if (options.authorization && req.headers.authorization !== options.authorization) return send(res, 401, { error: 'missing or wrong Authorization header' });
    if (req.method === 'POST' && (path === '/reports' || path === '/')) {
      const body = await readBody(req, maxBytes);
      if (body === undefined) {
        stats.rejected++;
        return send(res, 413, { error: `larger than the ${maxBytes} byte limit for one report` });
      }
      const result = validateReportText(body, maxBytes);
      if (!result.ok) {
        stats.rejected++;
        log(`rejected: ${result.reason}`);
        return send(res, 400, { error: result.reason });
      }
      stats.received.push(result.report.id);
      // Store what was posted (evidence included), not the fleet's reduced view.
      const stored = await store.append(result.report.id, JSON.parse(body));
      if (stored) stats.stored++;
      else stats.duplicates++;
      log(`${stored ? 'stored' : 'duplicate'} ${result.report.id} site=${JSON.stringify(result.report.site ?? '')}`);
      return send(res, stored ? 201 : 200, { id: result.report.id, status: stored ? 'stored' : 'duplicate' });
    }
    if (req.method === 'GET' && path === '/reports') return send(res, 200, { days: await store.listDays() });
    if (req.method === 'GET' && path === '/reports.ndjson') {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      for (const { file } of await store.listDays()) res.write(await store.readDay(file));
      return res.end();
    }
    const day = /^\/reports\/(.+)$/.exec(path)?.[1];
    if (req.method === 'GET' && day && DAY_FILE.test(day)) {
      const files = await store.listDays();
      if (!files.some((f) => f.file === day)) return send(res, 404, { error: 'no such day' });
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      return res.end(await store.readDay(day));
    }
    return send(res, 404, { error: 'not found' });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`error: ${String(error)}`);
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * CORS for the extension's fleet page (and any origin when IT serves the page
 * elsewhere): the data is already behind the optional Authorization header.
 */
function cors(req: IncomingMessage, res: ServerResponse) {
  res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
  res.setHeader('vary', 'origin');
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  res.setHeader('access-control-allow-headers', 'authorization, content-type');
  res.setHeader('access-control-max-age', '600');
}

/** The body as text, or undefined as soon as it exceeds `max` (the rest is not read into memory). */
function readBody(req: IncomingMessage, max: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > max) {
      req.resume();
      return resolve(undefined);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.resume();
        resolve(undefined);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body?: unknown) {
  res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}
