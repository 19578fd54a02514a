import type { Discovery } from '../catalog/endpoint-schema';
import type { MediaDiscovery } from './types';
import { PROBE_REQUEST } from './request-init';

/** The discovery answer is a small JSON document; anything bigger is not what we asked for. */
const MAX_API_BYTES = 64 * 1024;

/** Reads `a.0.b` out of parsed JSON (numbers index arrays). */
export function pickField(json: unknown, path: string): unknown {
  let value: unknown = json;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** True when `host` is one of `suffixes` or below one. */
const onHosts = (host: string, suffixes: readonly string[]) => suffixes.some((s) => host === s || host.endsWith(`.${s}`));

/**
 * Check a handed-out URL and ask it for `bytes` bytes: fast.com's convention is a
 * `/range/0-N` path segment after `/speedtest` (docs/endpoints.md).
 */
export function acceptMediaUrl(raw: unknown, discover: Discovery, bytes: number): { url: string } | { error: string } {
  if (typeof raw !== 'string') return { error: `no URL at ${discover.field}` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { error: `not a URL at ${discover.field}` };
  }
  if (url.protocol !== 'https:') return { error: `not https: ${url.protocol}` };
  // Only the service's own media hosts: an API that hands out someone else's host would make us measure the wrong thing.
  if (!onHosts(url.hostname, discover.hosts)) return { error: `host ${url.hostname} is not one of ${discover.hosts.join(', ')}` };
  if (discover.rangeAfter) {
    if (!url.pathname.startsWith(discover.rangeAfter)) return { error: `path does not start with ${discover.rangeAfter}` };
    url.pathname = `${discover.rangeAfter}/range/0-${bytes - 1}${url.pathname.slice(discover.rangeAfter.length)}`;
  }
  return { url: url.href };
}

/**
 * Ask the service's own API for a media URL, the way its player or speed test does: a
 * GET without cookies, bounded in time and size. Every failure is kept as evidence, and
 * the throughput verdict is then inconclusive, never throttled.
 */
export async function discoverMediaUrl(
  api: string,
  discover: Discovery,
  opts: { bytes: number; timeoutMs: number; fetchImpl?: typeof fetch },
): Promise<{ evidence: MediaDiscovery; mediaUrl?: string }> {
  const found = await askApi(api, discover, opts);
  if (!('url' in found) || !found.url) return { evidence: found };
  // Handed-out URLs carry tokens and the client's country and network in their query: evidence keeps host and path only.
  const { origin, pathname } = new URL(found.url);
  return { evidence: { ...found, url: `${origin}${pathname}` }, mediaUrl: found.url };
}

async function askApi(api: string, discover: Discovery, opts: { bytes: number; timeoutMs: number; fetchImpl?: typeof fetch }): Promise<MediaDiscovery> {
  const { fetchImpl = fetch } = opts;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
  try {
    const response = await fetchImpl(api, { ...PROBE_REQUEST, signal: controller.signal });
    const base = { api, status: response.status };
    if (!response.ok) return { ...base, error: `HTTP ${response.status}` };
    const text = await response.text();
    if (text.length > MAX_API_BYTES) return { ...base, error: `answer larger than ${MAX_API_BYTES} bytes` };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ...base, error: 'answer is not JSON' };
    }
    const accepted = acceptMediaUrl(pickField(json, discover.field), discover, opts.bytes);
    return { ...base, ...accepted };
  } catch (error) {
    return { api, error: controller.signal.aborted ? `no answer within ${opts.timeoutMs} ms` : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
