import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { request as httpsRequest } from 'node:https';
import type { Catalog, ServiceEntry } from '../../utils/catalog/schema';
import { parseIceServerUrl } from '../../utils/catalog/ice-url';
import { acceptMediaUrl, pickField } from '../../utils/probe/media-discovery';

/**
 * `npm run catalog -- --check`: probes every endpoint of a catalog from this machine's
 * network and says, per endpoint, whether it still is what the catalog claims
 * (docs/endpoints.md). For maintainers, on an open connection, before each catalog release.
 */

/** A media object must be at least this big to show a throttle after a 1 MB burst allowance. */
export const MIN_MEDIA_BYTES = 2 * 1024 * 1024;

export type Word = 'ok' | 'rotted' | 'too small' | 'needs login' | 'moved';

export interface EndpointCheck {
  serviceId: string;
  channel: 'page' | 'media' | 'realtime' | 'call' | 'discovery';
  url: string;
  word: Word;
  status?: number;
  /** Body size: Content-Range total, Content-Length, or what was read (capped at MIN_MEDIA_BYTES). */
  size?: number;
  contentType?: string;
  /** Where a redirect pointed. */
  redirect?: string;
  note?: string;
}

/** One HTTP answer, read at most `maxBytes` into the body. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  bytes: number;
  text: string;
}
export type HttpGet = (url: string, headers: Record<string, string>, maxBytes: number) => Promise<HttpAnswer>;
/** Sends one STUN Binding request; resolves true when a STUN answer (success or error) came back. */
export type StunPing = (host: string, port: number) => Promise<boolean>;

/** How to reach hosts: the lab maps every name to its own listener; the open network uses DNS. */
export interface Transport {
  get: HttpGet;
  stun: StunPing;
}

/** Node's https, no cookies, bounded body, redirects not followed (the checker follows them itself). */
export function nodeTransport(opts: { timeoutMs?: number; connectTo?: (host: string) => { host: string; port: number }; insecure?: boolean } = {}): Transport {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const get: HttpGet = (url, headers, maxBytes) =>
    new Promise((resolve, reject) => {
      const u = new URL(url);
      const target = opts.connectTo?.(u.hostname);
      const req = httpsRequest(
        {
          host: target?.host ?? u.hostname,
          port: target?.port ?? (u.port || 443),
          servername: u.hostname,
          path: `${u.pathname}${u.search}`,
          method: 'GET',
          headers: { host: u.host, 'user-agent': 'access-gap-catalog-check', ...headers },
          rejectUnauthorized: !opts.insecure,
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let bytes = 0;
          const done = () => {
            req.destroy();
            const flat = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')]));
            resolve({ status: res.statusCode ?? 0, headers: flat, bytes, text: Buffer.concat(chunks).subarray(0, 65_536).toString('utf8') });
          };
          res.on('data', (c: Buffer) => {
            bytes += c.length;
            if (bytes <= 65_536) chunks.push(c);
            if (bytes >= maxBytes) done();
          });
          res.on('end', done);
          res.on('error', done);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end();
    });
  const stun: StunPing = (host, port) =>
    new Promise((resolve) => {
      const socket = createSocket('udp4');
      // RFC 5389 Binding request: type 0x0001, length 0, magic cookie, 96-bit transaction id.
      const msg = Buffer.concat([Buffer.from([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]), randomBytes(12)]);
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        socket.close();
        resolve(ok);
      };
      const timer = setTimeout(() => finish(false), Math.min(timeoutMs, 3000));
      socket.on('message', (m) => finish(m.length >= 20 && m.readUInt32BE(4) === 0x2112a442 && m.subarray(8, 20).equals(msg.subarray(8, 20))));
      socket.on('error', () => finish(false));
      socket.send(msg, port, host, (error) => error && finish(false));
    });
  return { get, stun };
}

const LOGIN = /\/(login|signin|sign-in|auth|accounts?)\b|accounts\.|login\./i;

/** Follows up to 5 redirects; a permanent one (301/308) to another URL means the catalog should move. */
async function fetchFollowing(t: Transport, url: string, headers: Record<string, string>, maxBytes: number) {
  let current = url;
  let firstRedirect: string | undefined;
  let permanent = false;
  for (let hop = 0; hop < 6; hop++) {
    const answer = await t.get(current, headers, maxBytes);
    const location = answer.headers.location;
    if (answer.status >= 300 && answer.status < 400 && location) {
      const next = new URL(location, current).href;
      firstRedirect ??= next;
      permanent ||= answer.status === 301 || answer.status === 308;
      current = next;
      continue;
    }
    return { answer, finalUrl: current, firstRedirect, permanent };
  }
  throw new Error('more than 5 redirects');
}

/** The size an answer announces (Content-Range total, Content-Length) or what was read. */
function sizeOf(a: HttpAnswer): number {
  const total = /\/(\d+)\s*$/.exec(a.headers['content-range'] ?? '')?.[1];
  if (total) return Number(total);
  const length = Number(a.headers['content-length']);
  return Number.isFinite(length) && length > 0 ? Math.max(length, a.bytes) : a.bytes;
}

/** Checks one https endpoint; `media` also checks the object is big enough to show a throttle. */
export async function checkHttp(t: Transport, serviceId: string, channel: EndpointCheck['channel'], url: string, media = false): Promise<EndpointCheck> {
  const base = { serviceId, channel, url };
  try {
    const headers: Record<string, string> = media ? { range: `bytes=0-${MIN_MEDIA_BYTES - 1}` } : {};
    const { answer, finalUrl, firstRedirect, permanent } = await fetchFollowing(t, url, headers, media ? MIN_MEDIA_BYTES : 65_536);
    const size = sizeOf(answer);
    const figures = {
      status: answer.status,
      size,
      ...(answer.headers['content-type'] ? { contentType: answer.headers['content-type'] } : {}),
      ...(firstRedirect ? { redirect: firstRedirect } : {}),
    };
    if (answer.status === 401 || answer.status === 403 || (firstRedirect && LOGIN.test(new URL(finalUrl).pathname + new URL(finalUrl).hostname))) {
      return { ...base, ...figures, word: 'needs login' };
    }
    if (answer.status >= 400) return { ...base, ...figures, word: 'rotted' };
    if (permanent) return { ...base, ...figures, word: 'moved' };
    if (media && size < MIN_MEDIA_BYTES) return { ...base, ...figures, word: 'too small' };
    return { ...base, ...figures, word: 'ok' };
  } catch (error) {
    return { ...base, word: 'rotted', note: (error as Error).message };
  }
}

/** Discovery: the API must answer JSON handing out a URL on the service's own media hosts, and that URL must check as media. */
async function checkDiscovery(t: Transport, service: ServiceEntry, api: string): Promise<EndpointCheck[]> {
  const discover = service.endpoints!.media!.discover!;
  const apiCheck = await checkHttp(t, service.id, 'discovery', api);
  if (apiCheck.word !== 'ok') return [apiCheck];
  try {
    const answer = await t.get(api, {}, 65_536);
    const found = acceptMediaUrl(pickField(JSON.parse(answer.text), discover.field), discover, MIN_MEDIA_BYTES);
    if ('error' in found) return [{ ...apiCheck, word: 'rotted', note: found.error }];
    const media = await checkHttp(t, service.id, 'media', found.url, true);
    // Handed-out URLs carry tokens: print host and path only.
    const { origin, pathname } = new URL(found.url);
    return [apiCheck, { ...media, url: `${origin}${pathname}` }];
  } catch (error) {
    return [{ ...apiCheck, word: 'rotted', note: `answer is not JSON (${(error as Error).message})` }];
  }
}

/** `stun:host:port` / `turn:host:port?transport=udp`: a STUN Binding request must be answered (a UDP TURN server answers STUN too). */
async function checkCall(t: Transport, serviceId: string, url: string): Promise<EndpointCheck> {
  const server = parseIceServerUrl(url);
  if (!server) return { serviceId, channel: 'call', url, word: 'rotted', note: 'not a stun:/turn: URL' };
  if (server.transport !== 'UDP') return { serviceId, channel: 'call', url, word: 'ok', note: 'TCP/TLS call servers are not checked (UDP only)' };
  const answered = await t.stun(server.host, server.port);
  return { serviceId, channel: 'call', url, word: answered ? 'ok' : 'rotted', ...(answered ? {} : { note: 'no STUN answer within 3 s' }) };
}

/** Every endpoint of every live service, in catalog order (a few at a time). */
export async function checkCatalog(catalog: Catalog, t: Transport, concurrency = 6): Promise<EndpointCheck[]> {
  const jobs: (() => Promise<EndpointCheck[]>)[] = [];
  for (const s of catalog.services.filter((x) => !x.retired)) {
    const { page, media, realtime, call } = s.channels;
    if (page) jobs.push(async () => [await checkHttp(t, s.id, 'page', page)]);
    if (media) jobs.push(async () => (s.endpoints?.media?.discover ? checkDiscovery(t, s, media) : [await checkHttp(t, s.id, 'media', media, true)]));
    // A WebSocket's host must answer HTTPS (the handshake itself needs the service's protocol).
    if (realtime) jobs.push(async () => [{ ...(await checkHttp(t, s.id, 'realtime', `https://${new URL(realtime).host}/`)), url: realtime }].map(anyAnswer));
    if (call) jobs.push(async () => [await checkCall(t, s.id, call)]);
  }
  const results: EndpointCheck[][] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]!();
      }
    }),
  );
  return results.flat();
}

/** A WebSocket host answering anything over HTTPS (even 404 or 426) is alive; only no answer is rotted. */
function anyAnswer(c: EndpointCheck): EndpointCheck {
  return c.status !== undefined && c.word !== 'moved' ? { ...c, word: 'ok' } : c;
}

/** One aligned line per endpoint, then a summary. */
export function formatChecks(checks: readonly EndpointCheck[]): string {
  const rows = checks.map((c) => [
    c.word,
    c.serviceId,
    c.channel,
    c.status === undefined ? '—' : String(c.status),
    c.size === undefined ? '—' : c.size >= 1e6 ? `${(c.size / 1e6).toFixed(1)} MB` : `${c.size} B`,
    c.contentType?.split(';')[0] ?? '—',
    c.redirect ? `→ ${c.redirect}` : '',
    c.url + (c.note ? `  (${c.note})` : ''),
  ]);
  const widths = rows.reduce((w, r) => r.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), [] as number[]);
  const lines = rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
  const bad = checks.filter((c) => c.word !== 'ok').length;
  return [...lines, '', `${checks.length - bad} of ${checks.length} endpoints ok${bad ? `; ${bad} need a maintainer (see docs/endpoints.md)` : ''}`].join('\n');
}

/** Today's date on every endpoint that checked ok, and on services whose endpoints all did (the `checked` fields). */
export function withCheckedDates(catalog: Catalog, checks: readonly EndpointCheck[], day: string): Catalog {
  return {
    ...catalog,
    services: catalog.services.map((s) => {
      const mine = checks.filter((c) => c.serviceId === s.id);
      if (!mine.length) return s;
      const ok = (channel: EndpointCheck['channel']) => mine.filter((c) => c.channel === channel).every((c) => c.word === 'ok') && mine.some((c) => c.channel === channel);
      const endpoints = s.endpoints
        ? {
            ...s.endpoints,
            ...(s.endpoints.media && ok('media') ? { media: { ...s.endpoints.media, checked: day } } : {}),
            ...(s.endpoints.call && ok('call') ? { call: { ...s.endpoints.call, checked: day } } : {}),
          }
        : undefined;
      return { ...s, ...(endpoints ? { endpoints } : {}), ...(mine.every((c) => c.word === 'ok') ? { checked: day } : {}) };
    }),
  };
}
