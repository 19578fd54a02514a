import { describe, expect, it } from 'vitest';
import { classifyChannel } from './classify-channel';
import { errorObs, fetchObs, LAB, navObs, okObs, pageObs, redirectedObs, wsObs } from './test-fixtures';

const OK = { controlOk: true } as const;
const summary = (v: ReturnType<typeof classifyChannel>) => [v.verdict, v.mechanism, v.reason];

describe('control', () => {
  it.each(Object.entries(LAB))('control failed ⇒ %s is inconclusive (control-failed)', (_name, make) => {
    const v = classifyChannel([make()], { controlOk: false });
    expect(summary(v)).toEqual(['inconclusive', undefined, 'control-failed']);
  });

  it('control failed wins even over a policy block', () => {
    const v = classifyChannel([LAB.policyNav(), okObs('https://web.whatsapp.com/')], { controlOk: false });
    expect(v.reason).toBe('control-failed');
  });

  it('no observation ⇒ inconclusive on the channel named in the context', () => {
    const v = classifyChannel([], { controlOk: true, channel: 'media' });
    expect([v.channel, ...summary(v)]).toEqual(['media', 'inconclusive', undefined, 'no-observation']);
  });
});

describe('browser policy (navigation)', () => {
  it('ERR_BLOCKED_BY_ADMINISTRATOR ⇒ blocked/policy although the fetch got 200', () => {
    const v = classifyChannel([okObs('https://web.whatsapp.com/'), LAB.policyNav()], OK);
    expect(summary(v)).toEqual(['blocked', 'policy', 'policy-blocked']);
    expect(v.evidence.netError).toBe('net::ERR_BLOCKED_BY_ADMINISTRATOR');
  });

  it('ERR_BLOCKED_BY_CLIENT on our own navigation is expected: no policy block, the fetch decides', () => {
    expect(summary(classifyChannel([LAB.ownRuleNav(), okObs('https://web.whatsapp.com/')], OK))).toEqual(['reachable', undefined, 'http-ok']);
    expect(summary(classifyChannel([LAB.ownRuleNav(), LAB.dnsNxdomain()], OK))).toEqual(['blocked', 'dns', 'dns-nxdomain']);
  });

  it('a navigation alone that was not policy-blocked is inconclusive about the network', () => {
    expect(summary(classifyChannel([LAB.ownRuleNav()], OK))).toEqual(['inconclusive', undefined, 'policy-not-blocked']);
  });

  it('a navigation alone with a network error is classified like a fetch', () => {
    expect(summary(classifyChannel([navObs('https://web.whatsapp.com/', 'net::ERR_NAME_NOT_RESOLVED')], OK))).toEqual(['blocked', 'dns', 'dns-nxdomain']);
  });
});

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
    expect(summary(classifyChannel([LAB[name]()], OK))).toEqual(['blocked', mechanism, reason]);
  });

  it('ERR_BLOCKED_BY_CLIENT on a fetch ⇒ another extension, reported apart', () => {
    const v = classifyChannel([errorObs('https://www.youtube.com/', 'net::ERR_BLOCKED_BY_CLIENT', 1)], OK);
    expect(summary(v)).toEqual(['blocked', 'extension', 'extension-blocked']);
  });

  it.each([
    ['net::ERR_SOMETHING_NEW', 'unknown-error'],
    ['net::ERR_ABORTED', 'aborted'],
    ['net::ERR_INTERNET_DISCONNECTED', 'offline'],
    ['net::ERR_NETWORK_CHANGED', 'network-changed'],
    ['NS_ERROR_UNKNOWN_HOST', 'unknown-error'],
  ])('%s (not our timer) ⇒ inconclusive/%s, never blocked', (code, reason) => {
    expect(summary(classifyChannel([errorObs('https://www.youtube.com/', code)], OK))).toEqual(['inconclusive', undefined, reason]);
  });

  it('the proxy tunnel detail says the proxy refused the tunnel', () => {
    expect(classifyChannel([LAB.proxyTunnelRefused()], OK).evidence.detail).toMatch(/^The proxy refused the tunnel .*\(net::ERR_TUNNEL_CONNECTION_FAILED\)\.$/);
  });

  it('no response and no error ⇒ inconclusive (no-response), quoting the JS error', () => {
    const v = classifyChannel([fetchObs('https://www.youtube.com/', { jsError: 'TypeError: Failed to fetch' })], OK);
    expect(summary(v)).toEqual(['inconclusive', undefined, 'no-response']);
    expect(v.evidence.detail).toContain('TypeError: Failed to fetch');
  });
});

describe('timeouts: silent drop vs refusal', () => {
  it('our own timer with ERR_ABORTED ⇒ silent drop', () => {
    const v = classifyChannel([LAB.httpSilentOwnTimer()], OK);
    expect(v.evidence.detail).toMatch(/within our 15000 ms timer: packets were silently dropped, not refused/);
  });

  it('our own timer with no browser error at all ⇒ still a timeout', () => {
    const v = classifyChannel([fetchObs('http://www.example-news.test/', { timedOut: true, timings: { totalMs: 15_000 } })], OK);
    expect(summary(v)).toEqual(['blocked', 'timeout', 'timeout-probe-timer']);
  });

  it('a refusal is tcp, not timeout', () => {
    expect(classifyChannel([LAB.tcpRefused()], OK).mechanism).toBe('tcp');
  });

  it('our timer after the headers arrived ⇒ degraded (throttled), not blocked', () => {
    const v = classifyChannel([okObs('https://www.youtube.com/', 200, { timedOut: true, timings: { headersMs: 40, totalMs: 15_000 } })], OK);
    expect(summary(v)).toEqual(['throttled', undefined, 'slow-body-timeout']);
  });
});

describe('proxy responses vs the service answering', () => {
  it('403 with X-Squid-Error ⇒ blocked/proxy, squid code in the detail, squid fingerprint in evidence', () => {
    const v = classifyChannel([LAB.squidDenyHttp()], OK);
    expect(summary(v)).toEqual(['blocked', 'proxy', 'proxy-denied']);
    expect(v.evidence.detail).toContain('squid error ERR_ACCESS_DENIED');
    expect(v.evidence.fingerprint?.id).toBe('squid');
  });

  it('502 with X-Squid-Error ERR_READ_ERROR ⇒ blocked/proxy (upstream error)', () => {
    const v = classifyChannel([LAB.squidReadError()], OK);
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
    const v = classifyChannel([okObs('https://www.youtube.com/', status, { headers: { server: 'ESF' } })], OK);
    expect(summary(v)).toEqual(['reachable', undefined, reason]);
  });

  it('a Cloudflare challenge ⇒ reachable, not a block page', () => {
    expect(summary(classifyChannel([LAB.cloudflareChallenge()], OK))).toEqual(['reachable', undefined, 'cloudflare-challenge']);
  });
});

describe('block pages', () => {
  it('a 200 vendor page on the service host ⇒ blocked/block-page with the vendor', () => {
    const obs = pageObs({ url: 'http://www.youtube.com/', title: 'Web Filter Violation', body: 'This page has been blocked. Powered By FortiGuard' });
    const v = classifyChannel([obs], OK);
    expect(summary(v)).toEqual(['blocked', 'block-page', 'block-page-vendor']);
    expect(v.evidence.fingerprint).toEqual({ id: 'fortinet', vendor: 'Fortinet FortiGuard', matched: 'text "Powered By FortiGuard"' });
  });

  it('a redirect to a vendor block host ⇒ blocked/block-page', () => {
    const v = classifyChannel([redirectedObs('https://www.youtube.com/', 'https://gateway.zscalertwo.net/policy?u=1', { title: 'Website blocked' })], OK);
    expect([...summary(v), v.evidence.finalHost]).toEqual(['blocked', 'block-page', 'block-page-vendor', 'gateway.zscalertwo.net']);
  });

  it('a redirect to a vendor block host that then failed ⇒ still blocked/block-page', () => {
    const to = 'https://block.opendns.com/?url=www.youtube.com';
    const v = classifyChannel([errorObs('https://www.youtube.com/', 'net::ERR_NAME_NOT_RESOLVED', 30, { redirects: [{ from: 'https://www.youtube.com/', to, status: 302 }] })], OK);
    expect([...summary(v), v.evidence.fingerprint?.id]).toEqual(['blocked', 'block-page', 'block-page-vendor', 'cisco-umbrella']);
  });

  it('a redirect to an unknown foreign host that then failed ⇒ inconclusive', () => {
    const to = 'https://sso.partner.test/';
    const v = classifyChannel([errorObs('https://www.youtube.com/', 'net::ERR_NAME_NOT_RESOLVED', 30, { redirects: [{ from: 'https://www.youtube.com/', to, status: 302 }] })], OK);
    expect(summary(v)).toEqual(['inconclusive', undefined, 'foreign-redirect-failed']);
  });

  it('a redirect to a foreign host with French block words ⇒ blocked/block-page, vendor unknown', () => {
    const obs = redirectedObs('http://www.facebook.com/', 'http://filtre.corp-filter.test/deny?u=facebook', { title: 'Site bloqué', bodySnippet: '<p>Acc&egrave;s refus&eacute;</p>' });
    const v = classifyChannel([obs], OK);
    expect([...summary(v), v.evidence.fingerprint?.vendor]).toEqual(['blocked', 'block-page', 'block-page-generic', 'unknown']);
  });

  it('lab deny_info 302 to blockpage.example.test (same registrable domain) is caught by title + policy words', () => {
    const v = classifyChannel([LAB.squidRedirectBlock()], OK);
    expect([...summary(v), v.evidence.fingerprint?.matched]).toEqual(['blocked', 'block-page', 'block-page-generic', 'title "Access denied" + text "company policy"']);
  });

  it('block words on a page of the service itself are not a block page', () => {
    const v = classifyChannel([pageObs({ title: 'Access denied - YouTube Help', body: 'Why a video is blocked in your country' })], OK);
    expect(summary(v)).toEqual(['reachable', undefined, 'http-ok']);
  });
});

describe('redirects the service makes itself', () => {
  it.each([
    ['https://www.facebook.com/', 'https://www.facebook.com/login/?next=%2F'],
    ['https://www.youtube.com/', 'https://consent.youtube.com/m?continue=https%3A%2F%2Fwww.youtube.com%2F'],
    ['https://web.whatsapp.com/', 'https://www.whatsapp.com/download'],
  ])('%s → %s is not a block page ⇒ reachable (redirect-same-site)', (url, to) => {
    const v = classifyChannel([redirectedObs(url, to, { title: 'Log in', bodySnippet: 'Log in or sign up. Privacy Policy' })], OK);
    expect(summary(v)).toEqual(['reachable', undefined, 'redirect-same-site']);
  });

  it('a redirect into another declared service domain is same-site', () => {
    const v = classifyChannel([redirectedObs('https://www.youtube.com/', 'https://accounts.google.com/ServiceLogin')], { controlOk: true, serviceDomains: ['youtube.com', 'google.com'] });
    expect(v.reason).toBe('redirect-same-site');
  });

  it('Chrome’s internal HSTS 307 (http→https, same path) is not a redirect worth reporting', () => {
    const obs = okObs('http://www.youtube.com/', 200, { finalUrl: 'https://www.youtube.com/', redirects: [{ from: 'http://www.youtube.com/', to: 'https://www.youtube.com/', status: 307 }] });
    expect(classifyChannel([obs], OK).reason).toBe('http-ok');
  });

  it('a foreign host without fingerprint or block words ⇒ reachable, naming the host', () => {
    const v = classifyChannel([redirectedObs('https://www.youtube.com/', 'https://sso.corp.test/adfs/ls', { title: 'Sign in', bodySnippet: 'Privacy policy' })], OK);
    expect(summary(v)).toEqual(['reachable', undefined, 'redirect-foreign-host']);
    expect(v.evidence.detail).toContain('sso.corp.test');
    expect(v.evidence.finalHost).toBe('sso.corp.test');
  });

  it('a default nginx page on a foreign host is a known false positive ⇒ reachable', () => {
    const v = classifyChannel([redirectedObs('https://www.youtube.com/', 'http://10.0.0.9/', { title: 'Welcome to nginx!' })], OK);
    expect(summary(v)).toEqual(['reachable', undefined, 'nginx-default-page']);
  });
});

describe('websocket (realtime)', () => {
  const WS = 'wss://web.whatsapp.com/ws/chat';
  const follow = (o: ReturnType<typeof okObs>) => ({ ...o, serviceId: 'whatsapp', channel: 'realtime' as const });

  it('opened ⇒ reachable', () => {
    expect(summary(classifyChannel([wsObs(WS, true)], OK))).toEqual(['reachable', undefined, 'ws-open']);
  });

  it.each([
    ['DNS', errorObs('https://web.whatsapp.com/', 'net::ERR_NAME_NOT_RESOLVED', 42), 'dns', 'dns-nxdomain'],
    ['proxy tunnel', errorObs('https://web.whatsapp.com/', 'net::ERR_TUNNEL_CONNECTION_FAILED', 6), 'proxy', 'proxy-tunnel-refused'],
    ['reset', errorObs('https://web.whatsapp.com/', 'net::ERR_CONNECTION_RESET', 5), 'tcp', 'tcp-reset'],
  ])('1006 + follow-up %s failure ⇒ blocked with that mechanism', (_n, followUp, mechanism, reason) => {
    const v = classifyChannel([LAB.wsDenied(), follow(followUp)], OK);
    expect([v.channel, ...summary(v)]).toEqual(['realtime', 'blocked', mechanism, reason]);
    expect(v.evidence.detail).toMatch(/^The WebSocket wss:\/\/web\.whatsapp\.com\/ws\/chat closed with code 1006 before opening; the same host over HTTPS says: /);
  });

  it('1006 but the host answers over HTTPS ⇒ inconclusive, never blocked', () => {
    const v = classifyChannel([LAB.wsDenied(), follow(okObs('https://web.whatsapp.com/'))], OK);
    expect(summary(v)).toEqual(['inconclusive', undefined, 'ws-failed-host-reachable']);
  });

  it('1006 with no follow-up ⇒ inconclusive', () => {
    expect(summary(classifyChannel([LAB.wsDenied()], OK))).toEqual(['inconclusive', undefined, 'ws-failed-no-followup']);
  });

  it('a follow-up fetch of another host does not count', () => {
    const v = classifyChannel([LAB.wsDenied(), follow(errorObs('https://mmg.whatsapp.net/', 'net::ERR_NAME_NOT_RESOLVED'))], OK);
    expect(v.reason).toBe('ws-failed-no-followup');
  });

  it('1006 + inconclusive follow-up ⇒ inconclusive with the follow-up reason', () => {
    const v = classifyChannel([LAB.wsDenied(), follow(errorObs('https://web.whatsapp.com/', 'net::ERR_NETWORK_CHANGED'))], OK);
    expect(summary(v)).toEqual(['inconclusive', undefined, 'network-changed']);
  });

  it('a WebSocket that reports a blocking net error itself ⇒ blocked', () => {
    const v = classifyChannel([wsObs(WS, false, { netError: 'net::ERR_NAME_NOT_RESOLVED' })], OK);
    expect(summary(v)).toEqual(['blocked', 'dns', 'dns-nxdomain']);
  });

  it('a WebSocket stopped by our timer + silent follow-up ⇒ blocked/timeout', () => {
    const ws = wsObs(WS, false, { ws: { opened: false }, timedOut: true });
    const v = classifyChannel([ws, follow(fetchObs('https://web.whatsapp.com/', { timedOut: true, netError: 'net::ERR_ABORTED' }))], OK);
    expect(summary(v)).toEqual(['blocked', 'timeout', 'timeout-probe-timer']);
    expect(v.evidence.detail).toMatch(/did not open within our 15000 ms timer/);
  });
});

describe('several endpoints on one channel', () => {
  it('any endpoint reachable ⇒ reachable', () => {
    const v = classifyChannel([errorObs('https://mmg.whatsapp.net/', 'net::ERR_CONNECTION_RESET'), okObs('https://static.whatsapp.net/robots.txt')], OK);
    expect(summary(v)).toEqual(['reachable', undefined, 'http-ok']);
  });

  it('all endpoints blocked ⇒ blocked with the first', () => {
    const v = classifyChannel([LAB.tcpReset(), LAB.dnsNxdomain()], OK);
    expect(summary(v)).toEqual(['blocked', 'tcp', 'tcp-reset']);
  });

  it('blocked beats inconclusive', () => {
    expect(classifyChannel([errorObs('https://a.test/', 'net::ERR_ABORTED'), LAB.dnsNxdomain()], OK).reason).toBe('dns-nxdomain');
  });
});

describe('evidence', () => {
  it('is always filled', () => {
    expect(classifyChannel([LAB.squidDenyHttp()], OK).evidence).toEqual({
      url: 'http://www.facebook.com/',
      netError: undefined,
      status: 403,
      finalHost: 'www.facebook.com',
      redirects: [],
      fingerprint: { id: 'squid', vendor: 'Squid', matched: 'header x-squid-error: ERR_ACCESS_DENIED 0' },
      timings: { headersMs: 19, totalMs: 19 },
      detail: 'A proxy answered HTTP 403 instead of the service (header x-squid-error: ERR_ACCESS_DENIED 0, squid error ERR_ACCESS_DENIED).',
    });
  });

  it('every verdict has a one-sentence detail', () => {
    for (const make of Object.values(LAB)) {
      const detail = classifyChannel([make()], OK).evidence.detail;
      expect(detail).toMatch(/^[A-Z].*[.]$/);
    }
  });
});
