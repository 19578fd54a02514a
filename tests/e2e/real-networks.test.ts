import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import referenceCatalog from '../../utils/catalog/reference.json';
import type { Catalog } from '../../utils/catalog/types';
import { CONTROL_URLS } from '../../utils/probe/control';
import { startLab, strayRequests, type Lab, type Scenario } from '../../lab';
import { SIGN_IN_PORTAL_HOST } from '../../lab/real-networks';
import { runHeadlessAudit } from '../../scripts/lib/run-headless-audit';
import { checkAgainstScenario } from '../../scripts/lib/scenario-check';
import { formatReport } from '../../scripts/lib/print-report';

// Real networks (docs/verdicts-on-real-networks.md): the built extension in real headless Chromium
// against the lab's sign-in portal, 407 proxy, DNS sinkholes, split-horizon DNS, a name gone for
// everyone, a redirect loop and a redirect whose target is reset.
const reference = referenceCatalog as Catalog;
/**
 * The services a scenario names plus two ordinary ones, from the reference catalog: a small audit
 * keeps the test about these rules (the full catalog is the corporate test's job) and spares a
 * machine shared by many test runs.
 */
const catalogFor = (scenario: Scenario): Catalog => ({
  ...reference,
  services: reference.services.filter((s) => s.id in scenario.services || s.id === 'bing' || s.id === 'linkedin'),
});
const load = (name: string): Scenario => JSON.parse(readFileSync(resolve(import.meta.dirname, `../../lab/scenarios/${name}.json`), 'utf8'));
let lab: Lab | undefined;

afterEach(async () => {
  await lab?.stop();
  lab = undefined;
});

async function audit(scenario: Scenario, timeoutMs = 8000) {
  const catalog = catalogFor(scenario);
  lab = await startLab({ catalog, controlUrls: CONTROL_URLS, scenario });
  const result = await runHeadlessAudit({ catalog, browserArgs: lab.chromiumArgs, executablePath: lab.executablePath, extraExtensionDirs: lab.extensionDirs, options: { timeoutMs } });
  return { ...result, lab };
}

/** The per-host cases share one audit: each scenario file is also runnable alone (`npm run demo -- --scenario NAME`). */
const PER_HOST = ['sinkhole-zero', 'sinkhole-blockpage', 'split-horizon', 'down-for-everyone', 'redirect-loop', 'redirect-reset'];

describe('verdicts that hold on real networks', () => {
  it('DNS sinkholes, split-horizon, a name gone for everyone, redirect loop and failing hop, a proxy that wants credentials for one host', async () => {
    const merged: Scenario = {
      services: {
        ...Object.assign({}, ...PER_HOST.map((n) => load(n).services)),
        medium: { treatments: { all: 'proxy-auth' }, expect: { verdict: 'inconclusive' }, note: 'squid answers 407 for this host only' },
      },
    };
    const { report, lab } = await audit(merged);
    expect(report.control.ok).toBe(true);
    expect(checkAgainstScenario(report, lab.scenario).filter((c) => !c.ok)).toEqual([]);
    const page = (id: string) => report.services.find((s) => s.id === id)!.channels.find((c) => c.channel === 'page')!;

    expect(page('tiktok')).toMatchObject({ verdict: 'blocked', mechanism: 'dns', reason: 'dns-sinkhole' });
    expect(page('tiktok').evidence.detail).toMatch(/^www\.tiktok\.com resolved to 0\.0\.0\.0 \(sinkhole/);
    expect(page('reddit')).toMatchObject({ verdict: 'blocked', mechanism: 'dns', reason: 'dns-sinkhole' });
    expect(page('reddit').evidence.detail).toMatch(/resolved to 127\.0\.0\.2 \(sinkhole: a loopback address\).*public resolvers \(cloudflare-dns\.com\) answer 203\.0\.113\.\d+: confirmed/);
    expect(page('wikipedia')).toMatchObject({ verdict: 'reachable', reason: 'split-horizon' });
    expect(page('dailymotion')).toMatchObject({ verdict: 'inconclusive', reason: 'name-gone' });
    expect(page('dailymotion').evidence.detail).toMatch(/the name does not exist — the service or our catalog entry has moved/);
    expect(page('twitch')).toMatchObject({ verdict: 'inconclusive', reason: 'redirect-loop' });
    expect(page('pinterest')).toMatchObject({ verdict: 'blocked', mechanism: 'tcp', reason: 'tcp-reset' });
    expect(page('pinterest').evidence.detail).toMatch(/^After 1 redirect, the request to hop\.www\.pinterest\.com failed: the connection was reset/);
    expect(page('medium')).toMatchObject({ verdict: 'inconclusive', reason: 'proxy-auth-required' });
    // A request that got an answer keeps the address it came from; only public service names are stored.
    expect(page('wikipedia').evidence.detail).toMatch(/resolved to 127\.0\.0\.3/);
    expect(strayRequests(lab.requests)).toEqual([]);
  });

  it('a guest Wi-Fi portal: sign-in required, the portal named, every network verdict inconclusive, a policy block kept, no gap score', async () => {
    const { report } = await audit(load('guest-wifi'));
    expect(report.control).toMatchObject({ ok: false, signIn: { portalHost: SIGN_IN_PORTAL_HOST } });
    expect(report.gap).toEqual([]);
    const byVerdict = new Map<string, string[]>();
    for (const s of report.services) byVerdict.set(`${s.verdict}/${s.mechanism ?? ''}`, [...(byVerdict.get(`${s.verdict}/${s.mechanism ?? ''}`) ?? []), s.id]);
    expect([...byVerdict.keys()].sort()).toEqual(['blocked/policy', 'inconclusive/']);
    expect(byVerdict.get('blocked/policy')).toEqual(['youtube']);
    expect(report.services.find((s) => s.id === 'bing')!.channels[0]!.reason).toBe('sign-in-required');
    expect(formatReport(report, 'FR')).toContain(`Sign-in required: sign in to the network (or the proxy), then run the audit again. ${SIGN_IN_PORTAL_HOST} answered in place of the connectivity checks.`);
  });

  it('a proxy that answers 407 to everything: sign-in required at the proxy, never blocked', async () => {
    const { report } = await audit({ ...load('proxy-sign-in'), services: { wikipedia: { treatments: {}, expect: { verdict: 'inconclusive' } } } });
    expect(report.control).toMatchObject({ ok: false, signIn: { proxy: true } });
    expect(report.control.reason).toMatch(/a proxy asked for credentials/);
    expect(report.services.filter((s) => s.verdict !== 'inconclusive')).toEqual([]);
    expect(report.gap).toEqual([]);
  });
});
