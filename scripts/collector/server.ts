import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { filterFromQuery } from '../../utils/fleet/api';
import { MAX_REPORT_BYTES, validateReportText } from '../../utils/fleet/validate-report';
import { checkOrigins, hostAllowed, isExtensionOrigin, listenRefusal, noCredentials, readRole, uploadRole, type Credentials } from './access';
import { queryAggregate } from './aggregate-sql';
import { createBatcher } from './batcher';
import { openDuckdbStore } from './duckdb-store';
import { createRateLimiter } from './rate-limit';
import type { FleetStore } from './store';

export interface CollectorOptions {
  /** Where the DuckDB file lives. */
  dir: string;
  port?: number;
  /** Interface to listen on; loopback unless IT opens it on purpose (then credentials are required). */
  host?: string;
  credentials?: Partial<Credentials>;
  /** Extension origins allowed to read with CORS (`chrome-extension://ID`, `moz-extension://UUID`). */
  origins?: string[];
  /** Names clients use in the Host header besides localhost and IP literals (the collector's DNS name). */
  hostnames?: string[];
  /** Another store (ClickHouse); the default is DuckDB in `dir`. */
  store?: FleetStore;
  maxBytes?: number;
  rateLimit?: { burst?: number; perMinute?: number };
  /** Slow clients must not hold sockets: header and whole-request deadlines, idle keep-alive. */
  timeouts?: { headersMs?: number; requestMs?: number; keepAliveMs?: number; checkEveryMs?: number };
  batch?: { maxBatch?: number; maxDelayMs?: number };
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
  store: FleetStore;
  close(): Promise<void>;
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/**
 * The reference collector: validates posted reports (the fleet page's validator),
 * stores them in batches (DuckDB by default), acknowledges each by id, and serves
 * aggregates to IT's fleet page. Closed by default: docs/collector-security.md.
 */
export async function startCollector(options: CollectorOptions): Promise<Collector> {
  const host = options.host ?? '127.0.0.1';
  const credentials: Credentials = { ...noCredentials(), ...options.credentials };
  const refusal = listenRefusal(host, credentials) ?? checkOrigins(options.origins ?? []);
  if (refusal) throw new Error(refusal);
  const origins = new Set(options.origins ?? []);
  const hostnames = options.hostnames ?? [];
  const store = options.store ?? (await openDuckdbStore(options.dir));
  const batcher = createBatcher(store, options.batch);
  const limiter = createRateLimiter(options.rateLimit);
  const maxBytes = options.maxBytes ?? MAX_REPORT_BYTES;
  const log = options.log ?? (() => {});
  const stats: CollectorStats = { stored: 0, duplicates: 0, rejected: 0, received: [] };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const origin = req.headers.origin;
    if (!hostAllowed(req.headers.host, hostnames)) return send(res, 421, { error: 'unknown Host header (configure --hostname)' }, true);
    if (origin && origins.has(origin)) cors(res, origin);
    else if (origin && origin !== 'null' && !isExtensionOrigin(origin)) return send(res, 403, { error: 'origin not allowed' }, true);
    const url = new URL(req.url ?? '/', 'http://collector');
    if (req.method === 'OPTIONS') return origin && origins.has(origin) ? send(res, 204) : send(res, 403, { error: 'origin not allowed' }, true);
    if (req.method === 'GET' && url.pathname === '/health') {
      // Counts only for readers: they tell an outsider how big the fleet is.
      const reader = readRole(credentials, req.headers.authorization).kind !== 'none' && credentials.read.length > 0;
      return send(res, 200, reader ? { ok: true, reports: await store.count() } : { ok: true });
    }
    if (req.method === 'POST' && (url.pathname === '/reports' || url.pathname === '/')) return upload(req, res);
    if (req.method === 'GET' && url.pathname === '/api/aggregate') {
      if (readRole(credentials, req.headers.authorization).kind === 'none') return send(res, 401, { error: 'a read credential is required' }, true);
      const parsed = filterFromQuery(url.searchParams);
      if (!parsed.ok) return send(res, 400, { error: parsed.reason });
      return send(res, 200, await queryAggregate(store, parsed.filter));
    }
    return send(res, 404, { error: 'not found' });
  };

  const upload = async (req: IncomingMessage, res: ServerResponse) => {
    const role = uploadRole(credentials, req.headers.authorization);
    if (role.kind === 'none') return send(res, 401, { error: 'missing or wrong upload credential' }, true);
    // A JSON content type makes a browser preflight, which web pages fail (no CORS for them).
    if (!JSON_TYPE.test(req.headers['content-type'] ?? '')) return send(res, 415, { error: 'content-type must be application/json' }, true);
    const body = await readBody(req, maxBytes);
    if (body === undefined) {
      stats.rejected++;
      return send(res, 413, { error: `larger than the ${maxBytes} byte limit for one report` }, true);
    }
    const result = validateReportText(body, maxBytes);
    if (!result.ok) {
      stats.rejected++;
      log(`rejected: ${result.reason}`);
      return send(res, 400, { error: result.reason });
    }
    const report = result.report;
    if (role.kind === 'upload' && role.site !== undefined && report.site !== role.site) {
      stats.rejected++;
      return send(res, 403, { error: 'this credential uploads for another site' });
    }
    const wait = limiter.take(report.installId ? `install:${report.installId}` : `address:${req.socket.remoteAddress}`);
    if (wait) {
      res.setHeader('retry-after', String(wait));
      return send(res, 429, { error: 'too many reports from this install; retry later' });
    }
    stats.received.push(report.id);
    let outcome;
    try {
      outcome = await batcher.add(report);
    } catch (error) {
      log(`store failed: ${String(error).slice(0, 300)}`);
      res.setHeader('retry-after', '30');
      return send(res, 503, { error: 'could not store the report; retry later' });
    }
    if (outcome === 'stored') stats.stored++;
    else stats.duplicates++;
    log(`${outcome} ${report.id} site=${JSON.stringify(report.site ?? '')}`);
    return send(res, outcome === 'stored' ? 201 : 200, { id: report.id, status: outcome });
  };

  const t = options.timeouts ?? {};
  const server: Server = createServer(
    {
      headersTimeout: t.headersMs ?? 10_000,
      requestTimeout: t.requestMs ?? 30_000,
      keepAliveTimeout: t.keepAliveMs ?? 5_000,
      connectionsCheckingInterval: t.checkEveryMs ?? 1_000,
    },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        log(`error: ${String(error)}`);
        if (!res.headersSent) send(res, 500, { error: 'internal error' }, true);
        else res.destroy();
      });
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    stats,
    store,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await batcher.flush();
      await store.close();
    },
  };
}

/** Only configured extension origins: the page IT opens, never a web page. */
function cors(res: ServerResponse, origin: string) {
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('vary', 'origin');
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  res.setHeader('access-control-allow-headers', 'authorization, content-type');
  res.setHeader('access-control-max-age', '600');
}

/** The body as text, or undefined as soon as it exceeds `max` (the rest is not read into memory). */
function readBody(req: IncomingMessage, max: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > max) return resolve(undefined);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.removeAllListeners('data');
        resolve(undefined);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * `close`: after a refusal (401, 413…) the connection ends, so a client cannot keep
 * streaming a body or retry credentials on an open socket.
 */
function send(res: ServerResponse, status: number, body?: unknown, close = false) {
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (close) {
    headers.connection = 'close';
    res.on('finish', () => {
      res.req.socket.end();
      // Whatever the client still sends is dropped; a client that never stops is cut off.
      setTimeout(() => res.req.socket.destroy(), 2_000).unref();
    });
  }
  res.writeHead(status, headers);
  res.end(body === undefined ? undefined : JSON.stringify(body));
}
