import { describe, expect, it } from 'vitest';
import type { DnsAnswer, FetchObservation } from './types';
import { addDnsFacts } from './dns-facts';
import { resolvePublicly } from './doh';

const obs = (over: Partial<FetchObservation>): FetchObservation => ({
  serviceId: 's', channel: 'page', kind: 'fetch', url: 'https://www.example.com/', startedAt: 0, redirects: [], timeoutMs: 1000, timings: { totalMs: 1 }, ...over,
});
const answer = (addresses: string[], source = 'local'): DnsAnswer => ({ status: 'ok', addresses, source });

function lookups() {
  const asked: string[] = [];
  return {
    asked,
    local: async (h: string) => (asked.push(`local ${h}`), answer(['0.0.0.0'])),
    public: async (h: string) => (asked.push(`public ${h}`), answer(['93.184.215.14'], 'cloudflare-dns.com')),
  };
}

describe('addDnsFacts', () => {
  it('a DNS failure asks the public resolvers only', async () => {
    const l = lookups();
    const o = await addDnsFacts(obs({ netError: 'net::ERR_NAME_NOT_RESOLVED' }), l);
    expect(l.asked).toEqual(['public www.example.com']);
    expect(o.publicDns?.addresses).toEqual(['93.184.215.14']);
  });

  it('a connection failure asks the local resolver, then the public ones, for the host that failed', async () => {
    const l = lookups();
    const failedHop = obs({ netError: 'net::ERR_CONNECTION_REFUSED', redirects: [{ from: 'https://www.example.com/', to: 'https://cdn.example.com/x', status: 302 }] });
    const o = await addDnsFacts(failedHop, l);
    expect(l.asked).toEqual(['local cdn.example.com', 'public cdn.example.com']);
    expect(o.localDns?.addresses).toEqual(['0.0.0.0']);
  });

  it.each(['net::ERR_TUNNEL_CONNECTION_FAILED', 'net::ERR_ABORTED', 'net::ERR_TOO_MANY_REDIRECTS', 'NS_ERROR_PROXY_FORBIDDEN', 'net::ERR_BLOCKED_BY_CLIENT'])(
    '%s says nothing about the address: nothing asked',
    async (netError) => {
      const l = lookups();
      await addDnsFacts(obs({ netError }), l);
      expect(l.asked).toEqual([]);
    },
  );

  it('answers, our own timeouts and browsers without a DNS API ask nothing locally', async () => {
    const l = lookups();
    await addDnsFacts(obs({ status: 200 }), l);
    await addDnsFacts(obs({ netError: 'net::ERR_ABORTED', timedOut: true }), l);
    await addDnsFacts(obs({ netError: 'net::ERR_CONNECTION_RESET' }), { public: l.public });
    expect(l.asked).toEqual([]);
  });
});

describe('resolvePublicly (DNS-over-HTTPS JSON)', () => {
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/dns-json' } });

  it('returns the first resolver that answers, A records only', async () => {
    const urls: string[] = [];
    const fake = (async (url: string) => {
      urls.push(url);
      return json({ Status: 0, Answer: [{ type: 5, data: 'edge.example.net.' }, { type: 1, data: '93.184.215.14' }] });
    }) as typeof fetch;
    expect(await resolvePublicly('www.example.com', fake)).toEqual({ status: 'ok', addresses: ['93.184.215.14'], source: 'cloudflare-dns.com' });
    expect(urls).toEqual(['https://cloudflare-dns.com/dns-query?name=www.example.com&type=A']);
  });

  it('NXDOMAIN, or no address at all, is nxdomain; a failing resolver hands over to the next', async () => {
    let n = 0;
    const fake = (async () => (n++ === 0 ? json({}, 503) : json({ Status: 3 }))) as typeof fetch;
    expect(await resolvePublicly('gone.example', fake)).toEqual({ status: 'nxdomain', addresses: [], source: 'dns.google' });
    expect(await resolvePublicly('nodata.example', (async () => json({ Status: 0, Answer: [] })) as typeof fetch)).toMatchObject({ status: 'nxdomain' });
  });

  it('nobody reachable ⇒ unreachable, with each error', async () => {
    const fake = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(await resolvePublicly('x.example', fake)).toEqual({
      status: 'unreachable', addresses: [], source: 'public resolvers', error: 'cloudflare-dns.com: Failed to fetch; dns.google: Failed to fetch',
    });
  });
});
