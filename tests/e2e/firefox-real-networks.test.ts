import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import referenceCatalog from '../../utils/catalog/reference.json';
import type { Catalog } from '../../utils/catalog/types';
import { CONTROL_URLS } from '../../utils/probe/control';
import { checkAgainstScenario } from '../../scripts/lib/scenario-check';
import { formatReport } from '../../scripts/lib/print-report';
import { SIGN_IN_PORTAL_HOST } from '../../lab/real-networks';
import type { Scenario } from '../../lab/types';
import { USER_PORTAL_DETECTION, auditInFirefox, buildFirefoxExtension, useFirefoxLab } from './firefox-helpers';

// Firefox's own DNS API (`dns.resolve`, permission `dns`) is how the Firefox build learns where a
// public name resolved when the connection failed (docs/verdicts-on-real-networks.md: Firefox gives
// no address with a connection error either). The lab's hosts file, read by Firefox's native resolver
// (network.trr.mode 5) in a private mount namespace, plays the sinkholing DNS: 0.0.0.0 for one name, a
// block-page server that cannot show the service's certificate for another, an internal mirror for a
// third; the lab's DNS-over-HTTPS stand-in plays the public resolvers.
const reference = referenceCatalog as Catalog;
const load = (name: string): Scenario => JSON.parse(readFileSync(resolve(import.meta.dirname, `../../lab/scenarios/${name}.json`), 'utf8'));
const scenario: Scenario = {
  description: 'DNS sinkholes, split-horizon and a DNS block in Firefox',
  services: {
    ...load('sinkhole-zero').services,
    ...load('sinkhole-blockpage').services,
    ...load('split-horizon').services,
    whatsapp: { treatments: { all: 'dns' }, expect: { verdict: 'blocked', mechanism: 'dns' }, note: 'NXDOMAIN here, resolved by the public resolvers' },
    // Where Firefox's errors differ from Chromium's: a name gone for everyone, a redirect loop
    // (NS_ERROR_REDIRECT_LOOP), a failing redirect hop, and a proxy that wants credentials.
    ...load('down-for-everyone').services,
    ...load('redirect-loop').services,
    ...load('redirect-reset').services,
    medium: { treatments: { all: 'proxy-auth' }, expect: { verdict: 'inconclusive' }, note: 'squid answers 407 for this host only' },
  },
};
const catalog: Catalog = { ...reference, services: reference.services.filter((s) => s.id in scenario.services || s.id === 'linkedin') };

const firefoxLab = useFirefoxLab();

describe('real networks in headless Firefox ESR: DNS facts (dns.resolve), redirects, proxy sign-in', () => {
  beforeAll(buildFirefoxExtension);

  it('a public name answered 0.0.0.0 or a block-page address is blocked by DNS, an internal mirror is not; a gone name, a redirect loop, a failing hop and a 407 as Firefox reports them', async () => {
    const { lab, firefox } = await firefoxLab.start({ catalog, controlUrls: CONTROL_URLS, scenario });
    // The API under test is there, and answers from this machine's resolver (the lab's hosts file).
    expect(await firefox.background.evaluate(`browser.dns.resolve('www.tiktok.com').then((r) => r.addresses)`)).toEqual(['0.0.0.0']);
    const report = await auditInFirefox(firefox, { catalog, timeoutMs: 6000 });
    expect(report.browser.name).toBe('Firefox');
    expect(report.control.ok).toBe(true);
    expect(checkAgainstScenario(report, scenario).filter((c) => !c.ok)).toEqual([]);
    const page = (id: string) => report.services.find((s) => s.id === id)!.channels.find((c) => c.channel === 'page')!;

    // Firefox reports a refused connection, like a closed port; only dns.resolve's answer shows the sinkhole.
    expect(page('tiktok')).toMatchObject({ verdict: 'blocked', mechanism: 'dns', reason: 'dns-sinkhole' });
    expect(page('tiktok').evidence.netError).toBe('NS_ERROR_CONNECTION_REFUSED');
    expect(page('tiktok').evidence.detail).toMatch(/^www\.tiktok\.com resolved to 0\.0\.0\.0 \(sinkhole/);
    // Firefox's TLS error alone would say `tls`; its local answer (a loopback address) contradicted by the public resolvers says DNS.
    expect(page('reddit')).toMatchObject({ verdict: 'blocked', mechanism: 'dns', reason: 'dns-sinkhole' });
    expect(page('reddit').evidence.detail).toMatch(/resolved to 127\.\d+\.\d+\.\d+ \(sinkhole: a loopback address\).*public resolvers \(cloudflare-dns\.com\) answer 203\.0\.113\.\d+: confirmed/);
    expect(page('reddit').evidence.netError).toBe('Peer’s Certificate issuer is not recognized.');
    expect(page('wikipedia')).toMatchObject({ verdict: 'reachable', reason: 'split-horizon' });
    expect(page('wikipedia').evidence.detail).toMatch(/an internal mirror or split-horizon DNS, not a sinkhole/);
    expect(page('whatsapp')).toMatchObject({ verdict: 'blocked', mechanism: 'dns', reason: 'dns-confirmed' });
    expect(page('linkedin')).toMatchObject({ verdict: 'reachable' });

    expect(page('dailymotion')).toMatchObject({ verdict: 'inconclusive', reason: 'name-gone' });
    expect(page('twitch')).toMatchObject({ verdict: 'inconclusive', reason: 'redirect-loop' });
    expect(page('twitch').evidence.netError).toBe('NS_ERROR_REDIRECT_LOOP');
    expect(page('pinterest')).toMatchObject({ verdict: 'blocked', mechanism: 'tcp', reason: 'tcp-reset' });
    expect(page('pinterest').evidence.detail).toMatch(/^After 1 redirect, the request to hop\.www\.pinterest\.com failed: the connection was reset/);
    // squid answered 407 to the CONNECT; Firefox showed that 407 in onHeadersReceived, then reported a
    // refused proxy connection and no onAuthRequired: proxy sign-in needed, never blocked.
    expect(lab.squidLog().some((l) => / TCP_DENIED\/407 \d+ CONNECT medium\.com:443 /.test(l))).toBe(true);
    expect(page('medium')).toMatchObject({ verdict: 'inconclusive', reason: 'proxy-auth-required' });
    expect(page('medium').evidence.netError).toBe('NS_ERROR_PROXY_CONNECTION_REFUSED');
  });

  // The network-wide sign-in cases, as the Chromium run has them (tests/e2e/real-networks.test.ts),
  // with Firefox's own captive-portal detection on as a user's Firefox has it: the control's verdict
  // must come from our checks, whatever Firefox's detector concludes meanwhile.
  const signInCatalog = (s: Scenario): Catalog => ({ ...reference, services: reference.services.filter((x) => x.id in s.services || x.id === 'bing' || x.id === 'linkedin') });

  it('a guest Wi-Fi portal: sign-in required, the portal named, every network verdict inconclusive, the WebsiteFilter block kept, no gap score', async () => {
    const guest = load('guest-wifi');
    const { lab, firefox } = await firefoxLab.start({ catalog: signInCatalog(guest), controlUrls: CONTROL_URLS, scenario: guest }, USER_PORTAL_DETECTION);
    const report = await auditInFirefox(firefox, { catalog: signInCatalog(guest), timeoutMs: 6000 });
    expect(report.browser.name).toBe('Firefox');
    expect(report.control).toMatchObject({ ok: false, signIn: { portalHost: SIGN_IN_PORTAL_HOST } });
    expect(report.gap).toEqual([]);
    expect(report.services.map((s) => [s.id, s.verdict, s.mechanism])).toEqual(
      signInCatalog(guest).services.map((s) => (s.id === 'youtube' ? ['youtube', 'blocked', 'policy'] : [s.id, 'inconclusive', undefined])),
    );
    expect(report.services.find((s) => s.id === 'bing')!.channels[0]!.reason).toBe('sign-in-required');
    expect(formatReport(report, 'FR')).toContain(`Sign-in required: sign in to the network (or the proxy), then run the audit again. ${SIGN_IN_PORTAL_HOST} answered in place of the connectivity checks.`);
    // The verdict is ours: our four checks, each answered by the portal (Mozilla's success.txt too).
    expect(report.control.checks.map((c) => c.url)).toEqual([...CONTROL_URLS]);
    expect(report.control.reason).toMatch(/detectportal\.firefox\.com \(redirected to portal\.guest-wifi\.example\)/);
    // Firefox's own detector ran meanwhile, against the same portal (its canonical.html, not our checks).
    expect(lab.requests.some((r) => r.host === 'detectportal.firefox.com' && r.path === '/canonical.html' && r.status === 302)).toBe(true);
  });

  it('a proxy that answers 407 to everything: sign-in required at the proxy, never blocked', async () => {
    const proxied: Scenario = { ...load('proxy-sign-in'), services: { wikipedia: { treatments: {}, expect: { verdict: 'inconclusive' } } } };
    // Firefox's own portal detection stays off here (the lab's default): with it on, its first check
    // met squid's 407 at startup, again every ~5 s, and the automated launch never completed (180 s).
    // A user's Firefox asks them for the proxy's credentials at that point; our control judges the
    // 407 on its own requests either way.
    const { lab, firefox } = await firefoxLab.start({ catalog: signInCatalog(proxied), controlUrls: CONTROL_URLS, scenario: proxied });
    const report = await auditInFirefox(firefox, { catalog: signInCatalog(proxied), timeoutMs: 6000 });
    expect(report.control).toMatchObject({ ok: false, signIn: { proxy: true } });
    expect(report.control.reason).toMatch(/a proxy asked for credentials/);
    expect(report.services.filter((s) => s.verdict !== 'inconclusive')).toEqual([]);
    expect(report.gap).toEqual([]);
    expect(formatReport(report, 'WORLD')).toContain('Sign-in required: sign in to the network (or the proxy), then run the audit again.');
    // squid answered every request it got with 407 (Firefox also opens connections it never uses:
    // squid logs those as `error:transaction-end-before-headers`, with no method).
    const requests = lab.squidLog().filter((l) => / (CONNECT|GET|HEAD|POST) /.test(l));
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((l) => !/ TCP_DENIED\/407 /.test(l))).toEqual([]);
  });
});
