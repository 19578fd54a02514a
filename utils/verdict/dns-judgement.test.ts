import { describe, expect, it } from 'vitest';
import type { DnsAnswer, FetchObservation } from '../probe/types';
import { classifyChannel } from './classify-channel';
import { errorObs, okObs } from '../../tests/fixtures/observations';

const URL_ = 'https://www.youtube.com/';
const pub = (addresses: string[]): DnsAnswer => ({ status: 'ok', addresses, source: 'cloudflare-dns.com' });
const local = (addresses: string[]): DnsAnswer => ({ status: 'ok', addresses, source: 'local' });
const NXDOMAIN: DnsAnswer = { status: 'nxdomain', addresses: [], source: 'cloudflare-dns.com' };
const UNREACHABLE: DnsAnswer = { status: 'unreachable', addresses: [], source: 'public resolvers', error: 'cloudflare-dns.com: Failed to fetch; dns.google: Failed to fetch' };
/** The lab (and a network with an explicit proxy) answers the control hosts from this address. */
const GATEWAY = '127.0.0.1';
const run = (obs: FetchObservation) => classifyChannel([obs], { controlOk: true, pathAddresses: [GATEWAY] });
const summary = (v: ReturnType<typeof run>) => [v.verdict, v.mechanism, v.reason];

describe('DNS failure, confirmed with public resolvers (DNS-over-HTTPS)', () => {
  it('the name resolves publicly ⇒ blocked/dns, confirmed', () => {
    const v = run(errorObs(URL_, 'net::ERR_NAME_NOT_RESOLVED', 8, { publicDns: pub(['142.250.74.46']) }));
    expect(summary(v)).toEqual(['blocked', 'dns', 'dns-confirmed']);
    expect(v.evidence.detail).toMatch(/public resolvers \(cloudflare-dns\.com\) resolve it to 142\.250\.74\.46/);
  });

  it('no such name publicly either ⇒ inconclusive: the service or our catalog entry has moved', () => {
    const v = run(errorObs(URL_, 'net::ERR_NAME_NOT_RESOLVED', 8, { publicDns: NXDOMAIN }));
    expect(summary(v)).toEqual(['inconclusive', undefined, 'name-gone']);
    expect(v.evidence.detail).toMatch(/the name does not exist — the service or our catalog entry has moved/);
  });

  it('no public resolver reachable ⇒ still blocked/dns, said to be unconfirmed', () => {
    const v = run(errorObs(URL_, 'NS_ERROR_UNKNOWN_HOST', 8, { publicDns: UNREACHABLE }));
    expect(summary(v)).toEqual(['blocked', 'dns', 'dns-unconfirmed']);
    expect(v.evidence.detail).toMatch(/unconfirmed/);
  });

  it('without the DoH answer (older observations) the verdict is unchanged', () => {
    expect(summary(run(errorObs(URL_, 'net::ERR_NAME_NOT_RESOLVED')))).toEqual(['blocked', 'dns', 'dns-nxdomain']);
  });
});

describe('sinkholes: the address a public name went to', () => {
  it.each([
    ['0.0.0.0, refused (Chromium connects to the local machine)', errorObs(URL_, 'net::ERR_CONNECTION_REFUSED', 1, { localDns: local(['0.0.0.0']) })],
    ['::, refused', errorObs(URL_, 'NS_ERROR_CONNECTION_REFUSED', 1, { localDns: local(['::']) })],
    ['0.0.0.0 even when something local answered', okObs(URL_, 200, { ip: '0.0.0.0', title: 'Welcome to nginx!' })],
    ["Umbrella's block-page server, certificate rejected", errorObs(URL_, 'net::ERR_CERT_COMMON_NAME_INVALID', 40, { localDns: local(['146.112.61.106']) })],
  ])('%s ⇒ blocked/dns sinkhole', (_, obs) => {
    const v = run(obs);
    expect(summary(v)).toEqual(['blocked', 'dns', 'dns-sinkhole']);
    expect(v.evidence.detail).toMatch(/^www\.youtube\.com resolved to \S+ \(sinkhole: /);
  });

  it('a loopback answer where public resolvers give a public one ⇒ sinkhole, confirmed', () => {
    const v = run(errorObs(URL_, 'net::ERR_CONNECTION_REFUSED', 1, { localDns: local(['127.0.0.2']), publicDns: pub(['142.250.74.46']) }));
    expect(summary(v)).toEqual(['blocked', 'dns', 'dns-sinkhole']);
    expect(v.evidence.detail).toMatch(/resolved to 127\.0\.0\.2 \(sinkhole: a loopback address\).*answer 142\.250\.74\.46: confirmed/);
  });

  it('a block page served from a private address ⇒ the DNS sent the name there', () => {
    const page = '<html><head><title>Accès refusé</title></head><body>L’accès au site est bloqué par la politique de sécurité de votre entreprise.</body></html>';
    const v = run(okObs(URL_, 200, { ip: '10.10.34.35', headers: { 'content-type': 'text/html' }, bodySnippet: page, title: 'Accès refusé' }));
    expect(summary(v)).toEqual(['blocked', 'dns', 'dns-sinkhole']);
  });

  it('where the control came from public addresses, an unconfirmed private answer is a sinkhole and says so', () => {
    const v = classifyChannel([errorObs(URL_, 'net::ERR_CONNECTION_RESET', 1, { localDns: local(['10.0.0.9']), publicDns: UNREACHABLE })], { controlOk: true, pathAddresses: ['142.250.74.35'] });
    expect(summary(v)).toEqual(['blocked', 'dns', 'dns-sinkhole']);
    expect(v.evidence.detail).toMatch(/unconfirmed/);
  });
});

describe('behind a gateway (the control answered from a non-public address), the local answer needs public resolvers to contradict it', () => {
  // A TLS-intercepting proxy and a block-page server both fail the certificate; what tells them apart
  // is where the name leads. Behind a gateway the browser may not have dialled the local answer at all.
  const intercepted = (extra: Partial<FetchObservation>) => run(errorObs(URL_, 'Peer’s Certificate issuer is not recognized.', 40, { localDns: local(['127.113.4.9']), ...extra }));

  it('no public resolver reachable ⇒ the browser’s own error stands (TLS), never an unconfirmed sinkhole', () => {
    expect(summary(intercepted({ publicDns: UNREACHABLE }))).toEqual(['blocked', 'tls', expect.any(String)]);
    expect(summary(run(errorObs(URL_, 'net::ERR_CONNECTION_REFUSED', 1, { localDns: local(['10.0.0.9']), publicDns: UNREACHABLE })))).toEqual(['blocked', 'tcp', 'tcp-refused']);
  });

  it('public resolvers give the same address ⇒ the name really leads there: TLS', () => {
    expect(summary(intercepted({ publicDns: pub(['127.113.4.9']) }))).toEqual(['blocked', 'tls', expect.any(String)]);
  });

  it('public resolvers give another address, or know no such name ⇒ the network’s DNS sent it there: sinkhole', () => {
    expect(summary(intercepted({ publicDns: pub(['142.250.74.46']) }))).toEqual(['blocked', 'dns', 'dns-sinkhole']);
    const ghost = intercepted({ publicDns: NXDOMAIN });
    expect(summary(ghost)).toEqual(['blocked', 'dns', 'dns-sinkhole']);
    expect(ghost.evidence.detail).toMatch(/know no such name/);
  });

  it('0.0.0.0 and known block-page addresses need no confirmation; an answer the browser got from a private address neither', () => {
    expect(summary(run(errorObs(URL_, 'net::ERR_CONNECTION_REFUSED', 1, { localDns: local(['0.0.0.0']), publicDns: UNREACHABLE })))[2]).toBe('dns-sinkhole');
    expect(summary(run(errorObs(URL_, 'net::ERR_CERT_COMMON_NAME_INVALID', 40, { localDns: local(['146.112.61.106']), publicDns: UNREACHABLE })))[2]).toBe('dns-sinkhole');
    const page = '<html><head><title>Accès refusé</title></head><body>L’accès au site est bloqué par la politique de sécurité de votre entreprise.</body></html>';
    expect(summary(run(okObs(URL_, 200, { ip: '10.10.34.35', headers: { 'content-type': 'text/html' }, bodySnippet: page, title: 'Accès refusé' })))[2]).toBe('dns-sinkhole');
  });
});

describe('split-horizon and the network’s own gateway are not sinkholes', () => {
  it('the service answering with its own content from a private address ⇒ reachable (internal mirror)', () => {
    const v = run(okObs(URL_, 200, { ip: '10.20.0.5', title: 'YouTube' }));
    expect(summary(v)).toEqual(['reachable', undefined, 'split-horizon']);
    expect(v.evidence.detail).toMatch(/resolved to 10\.20\.0\.5, a private address, and the service answered with its own content/);
  });

  it('the same private answer at public resolvers ⇒ the service’s own configuration: judged like any host', () => {
    const v = run(errorObs(URL_, 'net::ERR_CONNECTION_REFUSED', 1, { localDns: local(['10.20.0.5']), publicDns: pub(['10.20.0.5']) }));
    expect(summary(v)).toEqual(['blocked', 'tcp', 'tcp-refused']);
  });

  it('answers from the address the control hosts came from (a proxy, the lab) are not DNS evidence', () => {
    expect(summary(run(okObs(URL_, 200, { ip: GATEWAY })))).toEqual(['reachable', undefined, 'http-ok']);
    expect(summary(run(errorObs(URL_, 'net::ERR_CONNECTION_REFUSED', 1, { localDns: local([GATEWAY]) })))).toEqual(['blocked', 'tcp', 'tcp-refused']);
  });

  it('a public address is never a sinkhole', () => {
    expect(summary(run(errorObs(URL_, 'net::ERR_CONNECTION_RESET', 1, { localDns: local(['142.250.74.46']), publicDns: pub(['142.250.74.46']) })))).toEqual(['blocked', 'tcp', 'tcp-reset']);
  });
});
