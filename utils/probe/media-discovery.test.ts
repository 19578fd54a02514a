import { describe, expect, it } from 'vitest';
import { acceptMediaUrl, discoverMediaUrl, pickField } from './media-discovery';
import { probeThroughput } from './throughput-probe';
import { THROUGHPUT_LIMITS } from './throughput-limits';

const FAST = { field: 'targets.0.url', hosts: ['nflxvideo.net'], rangeAfter: '/speedtest' };
const API = 'https://api.fast.com/netflix/speedtest/v2?https=true&token=T&urlCount=1';
const TARGET = 'https://ipv4-c001-par001-ix.1.oca.nflxvideo.net/speedtest?c=fr&n=3215&v=5&e=1764650000&t=abc';
const answer = (body: unknown, status = 200) =>
  (async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })) as unknown as typeof fetch;

describe('media discovery (fast.com style)', () => {
  it('reads dotted paths through objects and arrays', () => {
    expect(pickField({ targets: [{ url: 'x' }] }, 'targets.0.url')).toBe('x');
    expect(pickField({ targets: [] }, 'targets.0.url')).toBeUndefined();
    expect(pickField(null, 'a')).toBeUndefined();
  });

  it('accepts a URL on the service’s own media host and asks for a byte range', () => {
    expect(acceptMediaUrl(TARGET, FAST, 1_500_000)).toEqual({
      url: 'https://ipv4-c001-par001-ix.1.oca.nflxvideo.net/speedtest/range/0-1499999?c=fr&n=3215&v=5&e=1764650000&t=abc',
    });
  });

  it.each([
    ['a foreign host', 'https://evil.example/speedtest?x=1', /not one of nflxvideo.net/],
    ['a look-alike host', 'https://nflxvideo.net.evil.example/speedtest', /not one of/],
    ['plain http', 'http://a.oca.nflxvideo.net/speedtest', /not https/],
    ['another path', 'https://a.oca.nflxvideo.net/other', /does not start with \/speedtest/],
    ['no URL at all', 42, /no URL at targets.0.url/],
  ])('refuses %s', (_name, raw, error) => {
    expect((acceptMediaUrl(raw, FAST, 1000) as { error: string }).error).toMatch(error);
  });

  it('keeps host and path as evidence, never the query (tokens, the client’s country and network)', async () => {
    const found = await discoverMediaUrl(API, FAST, { bytes: 1000, timeoutMs: 1000, fetchImpl: answer({ client: {}, targets: [{ url: TARGET }] }) });
    expect(found.evidence).toEqual({ api: API, status: 200, url: 'https://ipv4-c001-par001-ix.1.oca.nflxvideo.net/speedtest/range/0-999' });
    expect(found.mediaUrl).toContain('&t=abc');
  });

  it.each([
    ['an error status', answer('denied', 403), 'HTTP 403'],
    ['a block page instead of JSON', answer('<html>Access denied</html>'), 'answer is not JSON'],
    ['no targets', answer({ targets: [] }), 'no URL at targets.0.url'],
    ['a network failure', (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch, 'TypeError: Failed to fetch'],
  ])('says why on %s', async (_name, fetchImpl, error) => {
    const found = await discoverMediaUrl(API, FAST, { bytes: 1000, timeoutMs: 1000, fetchImpl });
    expect(found.evidence.error).toBe(error);
    expect(found.mediaUrl).toBeUndefined();
  });

  it('the throughput probe measures the discovered URL, and a failed discovery downloads nothing', async () => {
    const seen: string[] = [];
    const fetchImpl = (async (url: string) => {
      seen.push(String(url));
      if (String(url).startsWith('https://api.fast.com/')) return new Response(JSON.stringify({ targets: [{ url: TARGET }] }));
      return new Response(new Uint8Array(2000));
    }) as unknown as typeof fetch;
    const limits = { ...THROUGHPUT_LIMITS, windowMs: 200, maxBytes: 2000 };
    const o = await probeThroughput({ serviceId: 'netflix', url: API, discover: FAST, headerTimeoutMs: 1000, limits, fetchImpl });
    expect(seen).toEqual([API, expect.stringContaining('.oca.nflxvideo.net/speedtest/range/0-1999?')]);
    expect(o.url).toBe('https://ipv4-c001-par001-ix.1.oca.nflxvideo.net/speedtest/range/0-1999');
    expect(o.throughput?.discovery?.status).toBe(200);
    expect(o.throughput?.downloads[0]?.bytes).toBe(2000);

    const failed = await probeThroughput({ serviceId: 'netflix', url: API, discover: FAST, headerTimeoutMs: 1000, limits, fetchImpl: answer('nope', 503) });
    expect(failed.throughput).toMatchObject({ downloads: [], skipped: 'discovery-failed', discovery: { error: 'HTTP 503' } });
  });
});
