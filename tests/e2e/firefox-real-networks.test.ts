import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import referenceCatalog from '../../utils/catalog/reference.json';
import type { Catalog } from '../../utils/catalog/types';
import { CONTROL_URLS } from '../../utils/probe/control';
import { ROOT } from '../../scripts/lib/build-extension';
import { waitForAudit } from '../../scripts/lib/extension-client';
import { launchFirefoxWithExtension, type LaunchedFirefox } from '../../scripts/lib/firefox';
import { checkAgainstScenario } from '../../scripts/lib/scenario-check';
import { startFirefoxLab, type FirefoxLab } from '../../lab/firefox-lab';
import type { Scenario } from '../../lab/types';

// Firefox's own DNS API (`dns.resolve`, permission `dns`) is how the Firefox build learns where a
// public name resolved when the connection failed (docs/verdicts-on-real-networks.md: Firefox gives
// no address with a connection error either). The lab's hosts file, read by Firefox's native resolver
// (network.trr.mode 5) in a private mount namespace, plays the sinkholing DNS: 0.0.0.0 for one name, a
// block-page server that cannot show the service's certificate for another, an internal mirror for a
// third; the lab's DNS-over-HTTPS stand-in plays the public resolvers.
const reference = referenceCatalog as Catalog;
const FIREFOX_BUILD = join(ROOT, '.output/firefox-mv3');
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

let lab: FirefoxLab | undefined;
let firefox: LaunchedFirefox | undefined;

afterEach(async () => {
  await firefox?.close();
  await lab?.stop();
  firefox = undefined;
  lab = undefined;
});

describe('real networks in headless Firefox ESR: DNS facts (dns.resolve), redirects, proxy sign-in', () => {
  beforeAll(() => {
    execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  });

  it('a public name answered 0.0.0.0 or a block-page address is blocked by DNS, an internal mirror is not; a gone name, a redirect loop, a failing hop and a 407 as Firefox reports them', async () => {
    lab = await startFirefoxLab({ catalog, controlUrls: CONTROL_URLS, scenario });
    firefox = await launchFirefoxWithExtension({ extensionDir: FIREFOX_BUILD, executablePath: lab.executablePath, prefs: lab.prefs });
    // The API under test is there, and answers from this machine's resolver (the lab's hosts file).
    expect(await firefox.background.evaluate(`browser.dns.resolve('www.tiktok.com').then((r) => r.addresses)`)).toEqual(['0.0.0.0']);
    const { auditId } = await firefox.send('startAudit', { trigger: 'cli', catalog, options: { timeoutMs: 6000 } });
    await waitForAudit(firefox, auditId, { deadlineMs: 150_000, intervalMs: 1000 });
    const report = await firefox.send('getReport', { auditId });
    if (!report) throw new Error('no report');
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
    // squid answered 407 to the CONNECT; Firefox reported a refused proxy connection and no onAuthRequired:
    // inconclusive, never blocked.
    expect(lab.squidLog().some((l) => / TCP_DENIED\/407 \d+ CONNECT medium\.com:443 /.test(l))).toBe(true);
    expect(page('medium')).toMatchObject({ verdict: 'inconclusive', reason: 'proxy-refused-or-sign-in' });
    expect(page('medium').evidence.netError).toBe('NS_ERROR_PROXY_CONNECTION_REFUSED');
  });
});
