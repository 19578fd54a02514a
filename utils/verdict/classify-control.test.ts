import { describe, expect, it } from 'vitest';
import { CONTROL_CHECKS } from '../probe/control';
import { classifyControl } from './classify-control';
import { errorObs, fetchObs, okObs } from '../../tests/fixtures/observations';

const [GSTATIC, FIREFOX, MICROSOFT, APPLE] = CONTROL_CHECKS.map((c) => c.url) as [string, string, string, string];
const text = (body: string, type = 'text/plain') => ({ headers: { 'content-type': type }, bodySnippet: body, bodyBytes: body.length });
const APPLE_PAGE = '<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>';
/** What the four operators define as the answer of an open network (docs/connectivity-checks.md). */
const OPEN = {
  gstatic: () => okObs(GSTATIC, 204, { bodyBytes: 0 }),
  firefox: () => okObs(FIREFOX, 200, text('success\n')),
  microsoft: () => okObs(MICROSOFT, 200, text('Microsoft Connect Test')),
  apple: () => okObs(APPLE, 200, { ...text(APPLE_PAGE, 'text/html'), title: 'Success' }),
};
const LOGIN = '<html><head><title>Guest Wi-Fi</title></head><body><form method="post" action="https://portal.hotel-wifi.example/login"><input name="room"></form></body></html>';

describe('classifyControl', () => {
  it.each(Object.entries(OPEN))("%s's defined answer alone proves open access", (_, make) => {
    const obs = [errorObs(GSTATIC, 'net::ERR_NAME_NOT_RESOLVED'), make()];
    expect(classifyControl(obs)).toEqual({ ok: true, observations: obs });
  });

  it('remembers where the defined answers came from (the network’s path)', () => {
    const obs = [{ ...OPEN.gstatic(), ip: '10.0.0.8' }, { ...OPEN.firefox(), ip: '10.0.0.8' }, okObs(APPLE, 200, { ip: '192.0.2.1', ...text('<html>portal</html>', 'text/html') })];
    expect(classifyControl(obs).pathAddresses).toEqual(['10.0.0.8']);
  });

  it('one defined answer is enough even if a filter redirects another check', () => {
    const obs = [OPEN.gstatic(), okObs(APPLE, 200, { finalUrl: 'https://gateway.zscaler.net/block.html', redirects: [{ from: APPLE, to: 'https://gateway.zscaler.net/block.html', status: 302 }] })];
    expect(classifyControl(obs).ok).toBe(true);
  });

  it('a redirect to another host ⇒ sign-in required, naming that host', () => {
    const to = 'https://portal.hotel-wifi.example/login?orig=x';
    const obs = CONTROL_CHECKS.map((c) => okObs(c.url, 200, { finalUrl: to, redirects: [{ from: c.url, to, status: 302 }], ...text(LOGIN, 'text/html'), title: 'Guest Wi-Fi' }));
    const r = classifyControl(obs);
    expect(r).toMatchObject({ ok: false, signIn: { portalHost: 'portal.hotel-wifi.example' } });
    expect(r.reason).toMatch(/^Sign-in required: .*connectivitycheck\.gstatic\.com \(redirected to portal\.hotel-wifi\.example\)/);
  });

  it('a login form served in place ⇒ sign-in required, the host named by its form action', () => {
    const obs = [okObs(GSTATIC, 200, { ...text(LOGIN, 'text/html'), title: 'Guest Wi-Fi' }), okObs(FIREFOX, 200, text(LOGIN, 'text/html'))];
    const r = classifyControl(obs);
    expect(r).toMatchObject({ ok: false, signIn: { portalHost: 'portal.hotel-wifi.example' } });
    expect(r.reason).toContain('HTTP 200 instead of 204, page "Guest Wi-Fi"');
  });

  it.each([
    ['a different body', okObs(FIREFOX, 200, text('<html>Welcome</html>', 'text/html'))],
    ['a 204 with a body', okObs(GSTATIC, 204, { bodyBytes: 12 })],
    ['another status', okObs(MICROSOFT, 511, text('Network Authentication Required'))],
    ['an Apple page without Success', okObs(APPLE, 200, text('<html><title>Login</title></html>', 'text/html'))],
  ])('%s ⇒ sign-in required (no host to name)', (_, obs) => {
    expect(classifyControl([obs])).toMatchObject({ ok: false, signIn: {} });
  });

  it.each([
    ['HTTP 407', okObs(FIREFOX, 407, { headers: { 'proxy-authenticate': 'Negotiate', via: '1.1 proxy.corp.example' } })],
    ["Chromium's failed tunnel after a 407", errorObs(GSTATIC, 'net::ERR_TUNNEL_CONNECTION_FAILED', 5, { proxyAuth: true })],
    ["Firefox's refused proxy connection after a 407", errorObs(GSTATIC, 'NS_ERROR_PROXY_CONNECTION_REFUSED', 5, { proxyAuth: true })],
  ])('%s ⇒ sign-in required at the proxy', (_, obs) => {
    const r = classifyControl([obs]);
    expect(r).toMatchObject({ ok: false, signIn: { proxy: true } });
    expect(r.reason).toMatch(/a proxy asked for credentials/);
  });

  it('a proxy deny does not prove the network works, and is not a sign-in', () => {
    const deny = okObs(APPLE, 403, { headers: { 'x-squid-error': 'ERR_ACCESS_DENIED 0' } });
    expect(classifyControl([deny])).toEqual({
      ok: false,
      observations: [deny],
      reason: 'No control host answered: captive.apple.com (proxy answered HTTP 403 ERR_ACCESS_DENIED 0).',
    });
  });

  it('all control hosts failing ⇒ offline, naming every error', () => {
    const obs = [
      errorObs(GSTATIC, 'net::ERR_INTERNET_DISCONNECTED'),
      fetchObs(FIREFOX, { timedOut: true, netError: 'net::ERR_ABORTED' }),
      fetchObs(MICROSOFT, { jsError: 'TypeError: Failed to fetch' }),
    ];
    const r = classifyControl(obs);
    expect(r.reason).toBe(
      'No control host answered: connectivitycheck.gstatic.com (net::ERR_INTERNET_DISCONNECTED), ' +
        'detectportal.firefox.com (no answer within 15000 ms), www.msftconnecttest.com (TypeError: Failed to fetch).',
    );
    expect(r.ok).toBe(false);
    expect(r.signIn).toBeUndefined();
  });

  it('a control URL we hold no definition for (an older audit) counts any non-proxy answer', () => {
    expect(classifyControl([okObs('https://detectportal.firefox.com/success.txt', 200)]).ok).toBe(true);
  });

  it('no observation ⇒ not ok', () => {
    expect(classifyControl([])).toEqual({ ok: false, observations: [], reason: 'No control host was probed.' });
  });
});
