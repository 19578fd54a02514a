import { describe, expect, it } from 'vitest';
import { classifyChannel } from './classify-channel';
import { errorObs, fetchObs, LAB, navObs, okObs, wsObs } from '../../tests/fixtures/observations';

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

  it('a policy check that never answered leaves a reachable page inconclusive (the policy may still block it), never reachable', () => {
    const unanswered = navObs('https://web.whatsapp.com/', undefined, { timedOut: true, timeoutMs: 5000 });
    const v = classifyChannel([okObs('https://web.whatsapp.com/'), unanswered], OK);
    expect(summary(v)).toEqual(['inconclusive', undefined, 'policy-unchecked']);
    expect(v.evidence.detail).toMatch(/browser-policy check .* no answer within 5000 ms/);
  });

  it('a policy check that never answered does not hide a network block', () => {
    const unanswered = navObs('https://web.whatsapp.com/', undefined, { timedOut: true });
    expect(summary(classifyChannel([LAB.dnsNxdomain(), unanswered], OK))).toEqual(['blocked', 'dns', 'dns-nxdomain']);
  });

  it('a navigation alone that was not policy-blocked is inconclusive about the network', () => {
    expect(summary(classifyChannel([LAB.ownRuleNav()], OK))).toEqual(['inconclusive', undefined, 'policy-not-blocked']);
  });

  it('a navigation the policy let through to the next URL of its chain counts as not policy-blocked', () => {
    const passed = navObs('https://web.whatsapp.com/', undefined, { passedOnTo: 'https://www.youtube.com/' });
    expect(summary(classifyChannel([passed], OK))).toEqual(['inconclusive', undefined, 'policy-not-blocked']);
    expect(summary(classifyChannel([passed, okObs('https://web.whatsapp.com/')], OK))).toEqual(['reachable', undefined, 'http-ok']);
  });

  it('a navigation alone with a network error is classified like a fetch', () => {
    expect(summary(classifyChannel([navObs('https://web.whatsapp.com/', 'net::ERR_NAME_NOT_RESOLVED')], OK))).toEqual(['blocked', 'dns', 'dns-nxdomain']);
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
    expect(v.evidence.detail).toMatch(/^The WebSocket wss:\/\/web\.whatsapp\.com\/ws\/chat closed with code 1006 before opening; the same host over HTTPS says: [a-z]/);
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

describe('sign-in required (a portal or a proxy answered the control)', () => {
  const SIGN_IN = { controlOk: false, signIn: true } as const;
  it.each(Object.entries(LAB).filter(([name]) => name !== 'policyNav'))('%s ⇒ inconclusive (sign-in-required), a success included', (_name, make) => {
    expect(summary(classifyChannel([make()], SIGN_IN))).toEqual(['inconclusive', undefined, 'sign-in-required']);
  });

  it('a browser-policy block is a local fact and stays blocked', () => {
    const v = classifyChannel([LAB.policyNav(), okObs('https://web.whatsapp.com/')], SIGN_IN);
    expect(summary(v)).toEqual(['blocked', 'policy', 'policy-blocked']);
  });

  it('the evidence says what to do', () => {
    expect(classifyChannel([okObs('https://www.youtube.com/')], SIGN_IN).evidence.detail).toMatch(/sign in to the network \(or the proxy\), then run the audit again/);
  });
});
