import { describe, expect, it } from 'vitest';
import type { FetchObservation } from '../probe/types';
import { classifyObservation } from './classify-observation';
import { errorObs, fetchObs, LAB, okObs, pageObs, redirectedObs } from '../../tests/fixtures/observations';

const run = (obs: FetchObservation, serviceDomains?: string[]) => classifyObservation(obs, serviceDomains);
const summary = (v: ReturnType<typeof classifyObservation>) => [v.verdict, v.mechanism, v.reason];

describe('network errors (lab fixtures)', () => {
  it.each([
    ['dnsNxdomain', 'dns', 'dns-nxdomain'],
    ['tcpRefused', 'tcp', 'tcp-refused'],
    ['tcpReset', 'tcp', 'tcp-reset'],
    ['httpsSilent', 'timeout', 'timeout-no-answer'],
    ['httpSilentOwnTimer', 'timeout', 'timeout-probe-timer'],
    ['certUntrusted', 'tls', 'tls-cert-untrusted'],
    ['sslProtocol', 'tls', 'tls-protocol-error'],
    ['proxyTunnelRefused', 'proxy', 'proxy-tunnel-refused'],
  ] as const)('%s ⇒ blocked/%s (%s)', (name, mechanism, reason) => {
    expect(summary(run(LAB[name]()))).toEqual(['blocked', mechanism, reason]);
  });

  it('ERR_BLOCKED_BY_CLIENT on a fetch ⇒ another extension, reported apart', () => {
    const v = run(errorObs('https://www.youtube.com/', 'net::ERR_BLOCKED_BY_CLIENT', 1));
    expect(summary(v)).toEqual(['blocked', 'extension', 'extension-blocked']);
  });

  it.each([
    ['net::ERR_SOMETHING_NEW', 'unknown-error'],
    ['net::ERR_ABORTED', 'aborted'],
    ['net::ERR_INTERNET_DISCONNECTED', 'offline'],
    ['net::ERR_NETWORK_CHANGED', 'network-changed'],
    ['NS_ERROR_FAILURE', 'unknown-error'],
    ['NS_BINDING_ABORTED', 'aborted'],
  ])('%s (not our timer) ⇒ inconclusive/%s, never blocked', (code, reason) => {
    expect(summary(run(errorObs('https://www.youtube.com/', code)))).toEqual(['inconclusive', undefined, reason]);
  });

  // A proxy that wants credentials forwarded nothing: never blocked (docs/verdicts-on-real-networks.md).
  it.each([
    ['HTTP 407 from the proxy', { ...okObs('http://www.youtube.com/'), status: 407, headers: { 'proxy-authenticate': 'Basic realm="corp"', via: '1.1 squid' } }],
    ["Chromium's failed tunnel after the proxy's 407", { ...errorObs('https://www.youtube.com/', 'net::ERR_TUNNEL_CONNECTION_FAILED'), proxyAuth: true }],
    ["Firefox's refused proxy connection after the proxy's 407", { ...errorObs('https://www.youtube.com/', 'NS_ERROR_PROXY_CONNECTION_REFUSED'), proxyAuth: true }],
    ['ERR_PROXY_AUTH_REQUESTED', errorObs('https://www.youtube.com/', 'net::ERR_PROXY_AUTH_REQUESTED')],
    ['Firefox NS_ERROR_PROXY_AUTHENTICATION_FAILED', errorObs('https://www.youtube.com/', 'NS_ERROR_PROXY_AUTHENTICATION_FAILED')],
  ])('%s ⇒ inconclusive, proxy sign-in needed', (_, obs) => {
    const v = run(obs);
    expect(summary(v)).toEqual(['inconclusive', undefined, 'proxy-auth-required']);
    expect(v.evidence.detail).toMatch(/proxy sign-in needed/);
  });

  it('the proxy tunnel detail says the proxy refused the tunnel', () => {
    expect(run(LAB.proxyTunnelRefused()).evidence.detail).toMatch(/^The proxy refused the tunnel .*\(net::ERR_TUNNEL_CONNECTION_FAILED\)\.$/);
  });

  it('no response and no error ⇒ inconclusive (no-response), quoting the JS error', () => {
    const v = run(fetchObs('https://www.youtube.com/', { jsError: 'TypeError: Failed to fetch' }));
    expect(summary(v)).toEqual(['inconclusive', undefined, 'no-response']);
    expect(v.evidence.detail).toContain('TypeError: Failed to fetch');
  });
});

describe('timeouts: silent drop vs refusal', () => {
  it('our own timer with ERR_ABORTED ⇒ silent drop', () => {
    const v = run(LAB.httpSilentOwnTimer());
    expect(v.evidence.detail).toMatch(/within our 15000 ms timer: packets were silently dropped, not refused/);
  });

  it('our own timer with no browser error at all ⇒ still a timeout', () => {
    const v = run(fetchObs('http://www.example-news.test/', { timedOut: true, timings: { totalMs: 15_000 } }));
    expect(summary(v)).toEqual(['blocked', 'timeout', 'timeout-probe-timer']);
  });

  it('silence while a control request sent at the same time stalled too ⇒ inconclusive, never blocked', () => {
    const v = run({ ...LAB.httpSilentOwnTimer(), controlStalledMs: 7600 });
    expect(summary(v)).toEqual(['inconclusive', undefined, 'saturated']);
    expect(v.evidence.detail).toMatch(/control request sent meanwhile went unanswered for 7600 ms.*saturated/);
  });

  it('a request the browser never sent before our timer ended ⇒ inconclusive, never blocked', () => {
    const v = run(fetchObs('https://a.test/', { timedOut: true, notSent: true, timings: { totalMs: 8000 } }));
    expect(summary(v)).toEqual(['inconclusive', undefined, 'saturated']);
  });

  it('a refusal is tcp, not timeout', () => {
    expect(run(LAB.tcpRefused()).mechanism).toBe('tcp');
  });

  it('our timer after the headers arrived ⇒ degraded (throttled), not blocked', () => {
    const v = run(okObs('https://www.youtube.com/', 200, { timedOut: true, timings: { headersMs: 40, totalMs: 15_000 } }));
    expect(summary(v)).toEqual(['throttled', undefined, 'slow-body-timeout']);
  });
});

describe('proxy responses vs the service answering', () => {
  it('403 with X-Squid-Error ⇒ blocked/proxy, squid code in the detail, squid fingerprint in evidence', () => {
    const v = run(LAB.squidDenyHttp());
    expect(summary(v)).toEqual(['blocked', 'proxy', 'proxy-denied']);
    expect(v.evidence.detail).toContain('squid error ERR_ACCESS_DENIED');
    expect(v.evidence.fingerprint?.id).toBe('squid');
  });

  it('502 with X-Squid-Error ERR_READ_ERROR ⇒ blocked/proxy (upstream error)', () => {
    const v = run(LAB.squidReadError());
    expect(summary(v)).toEqual(['blocked', 'proxy', 'proxy-upstream-error']);
    expect(v.evidence.detail).toContain('ERR_READ_ERROR');
  });

  it.each([
    [403, 'service-denied'],
    [404, 'service-http-error'],
    [429, 'service-http-error'],
    [500, 'service-error'],
    [503, 'service-error'],
  ])('%i from the service itself (no proxy markers) ⇒ reachable (%s)', (status, reason) => {
    const v = run(okObs('https://www.youtube.com/', status, { headers: { server: 'ESF' } }));
    expect(summary(v)).toEqual(['reachable', undefined, reason]);
  });

  it('a Cloudflare challenge ⇒ reachable, not a block page', () => {
    expect(summary(run(LAB.cloudflareChallenge()))).toEqual(['reachable', undefined, 'cloudflare-challenge']);
  });
});

describe('block pages', () => {
  it('a 200 vendor page on the service host ⇒ blocked/block-page with the vendor', () => {
    const obs = pageObs({ url: 'http://www.youtube.com/', title: 'Web Filter Violation', body: 'This page has been blocked. Powered By FortiGuard' });
    const v = run(obs);
    expect(summary(v)).toEqual(['blocked', 'block-page', 'block-page-vendor']);
    expect(v.evidence.fingerprint).toEqual({ id: 'fortinet', vendor: 'Fortinet FortiGuard', matched: 'text "Powered By FortiGuard"' });
  });

  it('a redirect to a vendor block host ⇒ blocked/block-page', () => {
    const v = run(redirectedObs('https://www.youtube.com/', 'https://gateway.zscalertwo.net/policy?u=1', { title: 'Website blocked' }));
    expect([...summary(v), v.evidence.finalHost]).toEqual(['blocked', 'block-page', 'block-page-vendor', 'gateway.zscalertwo.net']);
  });

  it('a redirect to a vendor block host that then failed ⇒ still blocked/block-page', () => {
    const to = 'https://block.opendns.com/?url=www.youtube.com';
    const v = run(errorObs('https://www.youtube.com/', 'net::ERR_NAME_NOT_RESOLVED', 30, { redirects: [{ from: 'https://www.youtube.com/', to, status: 302 }] }));
    expect([...summary(v), v.evidence.fingerprint?.id]).toEqual(['blocked', 'block-page', 'block-page-vendor', 'cisco-umbrella']);
  });

  it('a redirect to an unknown foreign host that then failed ⇒ inconclusive', () => {
    const to = 'https://sso.partner.test/';
    const v = run(errorObs('https://www.youtube.com/', 'net::ERR_NAME_NOT_RESOLVED', 30, { redirects: [{ from: 'https://www.youtube.com/', to, status: 302 }] }));
    expect(summary(v)).toEqual(['inconclusive', undefined, 'foreign-redirect-failed']);
  });

  it('a redirect to a foreign host with French block words ⇒ blocked/block-page, vendor unknown', () => {
    const obs = redirectedObs('http://www.facebook.com/', 'http://filtre.corp-filter.test/deny?u=facebook', { title: 'Site bloqué', bodySnippet: '<p>Acc&egrave;s refus&eacute;</p>' });
    const v = run(obs);
    expect([...summary(v), v.evidence.fingerprint?.vendor]).toEqual(['blocked', 'block-page', 'block-page-generic', 'unknown']);
  });

  it('lab deny_info 302 to blockpage.example.test (same registrable domain) is caught by title + policy words', () => {
    const v = run(LAB.squidRedirectBlock());
    expect([...summary(v), v.evidence.fingerprint?.matched]).toEqual(['blocked', 'block-page', 'block-page-generic', 'title "Access denied" + text "company policy"']);
  });

  it('block words on a page of the service itself are not a block page', () => {
    const v = run(pageObs({ title: 'Access denied - YouTube Help', body: 'Why a video is blocked in your country' }));
    expect(summary(v)).toEqual(['reachable', undefined, 'http-ok']);
  });
});

describe('redirects the service makes itself', () => {
  it.each([
    ['https://www.facebook.com/', 'https://www.facebook.com/login/?next=%2F'],
    ['https://www.youtube.com/', 'https://consent.youtube.com/m?continue=https%3A%2F%2Fwww.youtube.com%2F'],
    ['https://web.whatsapp.com/', 'https://www.whatsapp.com/download'],
  ])('%s → %s is not a block page ⇒ reachable (redirect-same-site)', (url, to) => {
    const v = run(redirectedObs(url, to, { title: 'Log in', bodySnippet: 'Log in or sign up. Privacy Policy' }));
    expect(summary(v)).toEqual(['reachable', undefined, 'redirect-same-site']);
  });

  it('a redirect into another declared service domain is same-site', () => {
    const v = run(redirectedObs('https://www.youtube.com/', 'https://accounts.google.com/ServiceLogin'), ['youtube.com', 'google.com']);
    expect(v.reason).toBe('redirect-same-site');
  });

  it('Chrome’s internal HSTS 307 (http→https, same path) is not a redirect worth reporting', () => {
    const obs = okObs('http://www.youtube.com/', 200, { finalUrl: 'https://www.youtube.com/', redirects: [{ from: 'http://www.youtube.com/', to: 'https://www.youtube.com/', status: 307 }] });
    expect(run(obs).reason).toBe('http-ok');
  });

  it('a foreign host without fingerprint or block words ⇒ reachable, naming the host', () => {
    const v = run(redirectedObs('https://www.youtube.com/', 'https://sso.corp.test/adfs/ls', { title: 'Sign in', bodySnippet: 'Privacy policy' }));
    expect(summary(v)).toEqual(['reachable', undefined, 'redirect-foreign-host']);
    expect(v.evidence.detail).toContain('sso.corp.test');
    expect(v.evidence.finalHost).toBe('sso.corp.test');
  });

  it('a default nginx page on a foreign host is a known false positive ⇒ reachable', () => {
    const v = run(redirectedObs('https://www.youtube.com/', 'http://10.0.0.9/', { title: 'Welcome to nginx!' }));
    expect(summary(v)).toEqual(['reachable', undefined, 'nginx-default-page']);
  });
});


describe('redirect chains (OONI QA: too many redirects, redirect then failure)', () => {
  it('a redirect loop is the service’s fault ⇒ inconclusive, never blocked', () => {
    for (const code of ['net::ERR_TOO_MANY_REDIRECTS', 'NS_ERROR_REDIRECT_LOOP']) {
      const loop = errorObs('https://www.youtube.com/', code, 30, { redirects: Array.from({ length: 20 }, () => ({ from: 'https://www.youtube.com/', to: 'https://www.youtube.com/', status: 302 })) });
      expect(summary(run(loop))).toEqual(['inconclusive', undefined, 'redirect-loop']);
    }
  });

  it('a redirect within the service whose target is reset ⇒ blocked with the hop’s mechanism, naming the hop', () => {
    const v = run(errorObs('https://www.youtube.com/', 'net::ERR_CONNECTION_RESET', 9, { redirects: [{ from: 'https://www.youtube.com/', to: 'https://m.youtube.com/', status: 302 }] }));
    expect(summary(v)).toEqual(['blocked', 'tcp', 'tcp-reset']);
    expect(v.evidence.detail).toBe('After 1 redirect, the request to m.youtube.com failed: the connection was reset (a filter often injects the reset) (net::ERR_CONNECTION_RESET).');
  });

  it('a redirect to another site that fails names that hop’s mechanism but stays inconclusive', () => {
    const v = run(errorObs('https://bit.ly/x', 'net::ERR_CONNECTION_REFUSED', 9, { redirects: [{ from: 'https://bit.ly/x', to: 'https://www.example.com/', status: 301 }] }));
    expect(summary(v)).toEqual(['inconclusive', undefined, 'foreign-redirect-failed']);
    expect(v.evidence.detail).toMatch(/redirected to www\.example\.com, which then failed \(tcp: the TCP connection was actively refused/);
  });
});

describe('a redirect loop our timer cut short', () => {
  it('is still a loop, not a timeout', () => {
    const hops = Array.from({ length: 7 }, () => ({ from: 'https://www.twitch.tv/robots.txt', to: 'https://www.twitch.tv/robots.txt', status: 302 }));
    const v = run(fetchObs('https://www.twitch.tv/robots.txt', { timedOut: true, netError: 'net::ERR_ABORTED', redirects: hops }));
    expect(summary(v)).toEqual(['inconclusive', undefined, 'redirect-loop']);
  });

  it('an http→https upgrade then a slow answer is a timeout, not a loop', () => {
    const v = run(fetchObs('http://www.twitch.tv/', { timedOut: true, redirects: [{ from: 'http://www.twitch.tv/', to: 'https://www.twitch.tv/', status: 307 }] }));
    expect(v.reason).toBe('timeout-probe-timer');
  });
});
