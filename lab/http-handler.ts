import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { BLOCK_PAGE_REDIRECTS, blockPage, controlAnswer, loginPage, mediaAnswer, okPage, service403, type LabAnswer } from './pages';
import type { HostPlan } from './scenario';
import { headerRestriction, restrictionCheckPage } from './restricted-modes';
import { realNetworkAnswer } from './real-networks';
import { squidGuardRedirect } from './squidguard';
import type { LabRequest } from './types';

/** What the shared HTTP(S) request handler needs to know. */
export interface HandlerContext {
  plan: Map<string, HostPlan>;
  record(entry: LabRequest): void;
  wsHoldMs: number;
  throttledBodyBytes: number;
  /** Size of every media answer of an unthrottled host (undefined: a 1×1 image). */
  mediaBodyBytes?: number;
  /** Tokens the lab's discovery APIs handed out: a video CDN serves only URLs carrying one (rotating URLs). */
  issuedTokens: Set<string>;
}

/**
 * A discovery API (fast.com's shape): each call hands out a fresh URL on the video CDN with a
 * new token, as Netflix's API does; the CDN refuses any other token, so a URL copied into a
 * catalog would rot at once and only run-time discovery works.
 */
function discoveryAnswer(ctx: HandlerContext, d: NonNullable<HostPlan['discovery']>): LabAnswer {
  const token = randomBytes(8).toString('hex');
  ctx.issuedTokens.add(token);
  const url = `https://${d.cdnHost}${d.path}?c=zz&n=64496&e=${Math.floor(Date.now() / 1000) + 3600}&t=${token}`;
  // The field path (`targets.0.url`) becomes nested objects and arrays.
  const body = d.field.split('.').reduceRight<unknown>((inner, key) => (/^\d+$/.test(key) ? [inner] : { [key]: inner }), url);
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client: { location: { country: 'ZZ' } }, ...(body as object) }) };
}

/** The video CDN: a handed-out token gets the asked range (`/range/0-N`), anything else 403. */
function cdnAnswer(ctx: HandlerContext, url: URL): LabAnswer {
  if (!ctx.issuedTokens.has(url.searchParams.get('t') ?? '')) return { status: 403, headers: { 'content-type': 'text/plain' }, body: 'lab: unknown or expired token\n' };
  const range = /\/range\/(\d+)-(\d+)/.exec(url.pathname);
  const bytes = range ? Number(range[2]) - Number(range[1]) + 1 : 4 * 1024 * 1024;
  return { status: 200, headers: { 'content-type': 'application/octet-stream', server: 'lab-video-cdn' }, body: Buffer.alloc(Math.min(bytes, 64 * 1024 * 1024)) };
}

/** Lower-cased single-valued headers, as the lab records them. */
function headersOf(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')]));
}

const hostOf = (req: IncomingMessage) => (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();

/** The answer for one request, decided only by the host's treatment and the path. */
export function answerFor(ctx: HandlerContext, host: string, path: string, scheme: string, headers: Record<string, string> = {}): LabAnswer {
  const plan = ctx.plan.get(host);
  if (!plan) return { status: 404, headers: { 'content-type': 'text/plain', 'x-lab': 'stray' }, body: `lab: ${host} is not in the catalog\n` };
  const real = realNetworkAnswer(ctx.plan, host, path, scheme);
  if (real) return real;
  const url = `${scheme}://${host}${path}`;
  const t = plan.treatment;
  // Portals (where redirect-style blocks land) are ordinary web servers: 200, no proxy headers.
  if (t.kind === 'blockpage' && plan.owner === 'portal') {
    return { ...blockPage(t.vendor, url), status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } };
  }
  if (t.kind === 'blockpage') return blockPage(t.vendor, url);
  if (t.kind === 'redirect-blockpage') {
    const target = BLOCK_PAGE_REDIRECTS[t.vendor];
    // squidGuard's redirect carries who asked (squidguard.ts); the others only the blocked URL.
    const location = t.vendor === 'squidguard' ? squidGuardRedirect(target, url) : `https://${target.host}${target.path}?url=${encodeURIComponent(url)}`;
    return { status: 302, headers: { location, 'content-type': 'text/html' }, body: `<a href="${location}">blocked</a>` };
  }
  if (t.kind === 'service-403') return service403(plan.name);
  if (t.kind === 'youtube-restricted-dns' && path.startsWith('/check_content_restrictions')) return restrictionCheckPage('dns');
  // YouTube restricts what it serves when the request carries the header; without it (the gateway did not add it) it does not.
  if (t.kind === 'youtube-restrict-header' && path.startsWith('/check_content_restrictions')) {
    const level = headerRestriction(headers);
    return level ? restrictionCheckPage('header', level) : restrictionCheckPage('none');
  }
  if (t.kind === 'login-redirect' && !path.startsWith('/login')) {
    return { status: 302, headers: { location: `https://${host}/login?next=${encodeURIComponent(path)}` }, body: '' };
  }
  if (t.kind === 'login-redirect') return loginPage(plan.name);
  if (plan.owner === 'control') return controlAnswer(path);
  if (plan.discovery) return discoveryAnswer(ctx, plan.discovery);
  if (plan.cdn) return cdnAnswer(ctx, new URL(url));
  const size = Number(new URL(url).searchParams.get('bytes')) || (t.kind === 'throttle' ? ctx.throttledBodyBytes : undefined);
  const media = mediaAnswer(path, size || ctx.mediaBodyBytes);
  if (media) return media;
  const page = okPage(plan.name, host, path);
  if (size && size > page.body.length) page.body = `${page.body}<!--${'.'.repeat(size - page.body.length - 7)}-->`;
  return page;
}

/**
 * Request handler shared by every lab HTTP/HTTPS listener: answers by Host header and records
 * every request (cookie header included) before answering, so nothing escapes the log.
 */
export function createHttpHandler(ctx: HandlerContext, server: string, scheme: 'http' | 'https') {
  return (req: IncomingMessage, res: ServerResponse) => {
    const host = hostOf(req);
    const path = req.url ?? '/';
    const headers = headersOf(req);
    const answer = answerFor(ctx, host, path, scheme, headers);
    ctx.record({ time: Date.now(), server: ctx.plan.has(host) ? server : 'stray', method: req.method ?? '', host, path, headers, status: answer.status });
    res.writeHead(answer.status, { 'cache-control': 'no-store', ...answer.headers });
    res.end(req.method === 'HEAD' ? undefined : answer.body);
  };
}

/** Treatments under which the host itself answers as the real service would (WebSockets included). */
const SERVED_NORMALLY = new Set(['ok', 'proxy-ok', 'throttle', 'policy', 'extension', 'youtube-restricted-dns', 'safesearch-dns', 'youtube-restrict-header']);

/**
 * WebSocket upgrades: hosts served normally accept and hold the socket `wsHoldMs`, then close
 * with 1000; others answer their HTTP treatment (e.g. the block page), which fails the handshake
 * the way a filtering proxy's page does.
 */
export function createUpgradeHandler(ctx: HandlerContext, server: string, scheme: 'http' | 'https') {
  const wss = new WebSocketServer({ noServer: true });
  return (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const host = hostOf(req);
    const path = req.url ?? '/';
    const answer = answerFor(ctx, host, path, scheme);
    const kind = ctx.plan.get(host)?.treatment.kind ?? 'stray';
    const accept = SERVED_NORMALLY.has(kind) && ctx.plan.get(host)?.owner !== 'control';
    ctx.record({ time: Date.now(), server: ctx.plan.has(host) ? server : 'stray', method: 'UPGRADE', host, path, headers: headersOf(req), status: accept ? 101 : answer.status });
    if (!accept) {
      socket.end(`HTTP/1.1 ${answer.status} Lab\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(answer.body)}\r\n\r\n${answer.body}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.send('lab: hello');
      ws.on('message', (data) => ws.send(data));
      setTimeout(() => ws.close(1000, 'lab: hold over'), ctx.wsHoldMs).unref();
    });
  };
}
