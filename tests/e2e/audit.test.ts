import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import referenceCatalog from '../../utils/catalog/reference.json';
import type { Catalog } from '../../utils/catalog/types';
import { CONTROL_URLS } from '../../utils/probe/control';
import { THROUGHPUT_CONTROL_URL } from '../../utils/probe/throughput-control';
import { DOH_RESOLVERS } from '../../utils/probe/doh';
import { BLOCK_PAGE_REDIRECTS, BROWSER_OWN_HOSTS, startLab, strayRequests, type Lab } from '../../lab';
import { runHeadlessAudit } from '../../scripts/lib/run-headless-audit';
import { checkAgainstScenario } from '../../scripts/lib/scenario-check';

// The foundation end to end: the built extension in real headless Chromium,
// auditing the lab, which really blocks (squid, managed policy, DNS, TCP, TLS).
const catalog = referenceCatalog as Catalog;
const scenario = (name: string) => resolve(import.meta.dirname, `../../lab/scenarios/${name}.json`);
const hostOf = (url: string) => new URL(url).hostname;
let lab: Lab | undefined;

afterEach(async () => {
  await lab?.stop();
  lab = undefined;
});

async function audit(name: string, beforeAudit?: Parameters<typeof runHeadlessAudit>[0]['beforeAudit']) {
  lab = await startLab({ catalog, controlUrls: CONTROL_URLS, scenario: scenario(name) });
  const result = await runHeadlessAudit({
    browserArgs: lab.chromiumArgs,
    executablePath: lab.executablePath,
    extraExtensionDirs: lab.extensionDirs,
    options: { timeoutMs: 4000 },
    ...(beforeAudit ? { beforeAudit } : {}),
  });
  return { ...result, lab };
}

describe('audit of the simulated corporate network', () => {
  it('gives every service the verdict and mechanism the scenario intends, sends no cookie, requests nothing else', async () => {
    const { report, lab } = await audit('corporate', async (context) => {
      // A logged-in employee: session cookies for service hosts exist in the profile.
      await context.addCookies([
        { name: 'session', value: 'employee-secret', domain: '.linkedin.com', path: '/', secure: true, sameSite: 'None' },
        { name: 'sid', value: 'employee-secret', domain: 'www.youtube.com', path: '/', secure: true, sameSite: 'None' },
      ]);
    });
    expect(report.control.ok).toBe(true);
    const wrong = checkAgainstScenario(report, lab.scenario).filter((c) => !c.ok);
    expect(wrong).toEqual([]);
    expect(report.services).toHaveLength(catalog.services.filter((s) => !s.retired).length);

    // Evidence names the exact cause.
    const byId = Object.fromEntries(report.services.map((s) => [s.id, s]));
    expect(byId.dailymotion?.channels[0]?.evidence.netError).toBe('net::ERR_TUNNEL_CONNECTION_FAILED');
    expect(byId.facebook?.channels[0]?.evidence.fingerprint?.vendor).toMatch(/zscaler/i);
    expect(byId.youtube?.channels.find((c) => c.channel === 'page')?.evidence.netError).toBe('net::ERR_BLOCKED_BY_ADMINISTRATOR');
    expect(byId.messenger?.channels.find((c) => c.channel === 'realtime')?.verdict).toBe('blocked');

    // No cookie ever reached a lab server, although probes did reach the cookie's hosts.
    await new Promise((r) => setTimeout(r, 300)); // squid's access log trails by ~200 ms
    expect(lab.requests.some((r) => r.host === 'www.linkedin.com')).toBe(true);
    expect(lab.requests.filter((r) => r.headers.cookie !== undefined)).toEqual([]);

    // Nothing outside the catalog, the control and the block pages it was sent to.
    const allowed = new Set([
      ...catalog.services.flatMap((s) => Object.values(s.channels).filter(Boolean).map((u) => hostOf(u as string))),
      ...[...CONTROL_URLS, THROUGHPUT_CONTROL_URL].map(hostOf), // the throughput control is measured beside media hosts
      ...Object.values(BLOCK_PAGE_REDIRECTS).map((r) => r.host),
      ...DOH_RESOLVERS.map((r) => r.host), // public resolvers confirming a DNS failure (the lab's stand-in)
      ...BROWSER_OWN_HOSTS,
    ]);
    expect(strayRequests(lab.requests)).toEqual([]);
    // …and the video CDN a service's own discovery API handed out (catalog `discover.hosts`).
    const discovered = (host: string) => catalog.services.some((s) => s.endpoints?.media?.discover?.hosts.some((h) => host.endsWith(`.${h}`)));
    const outside = lab.requests.filter((r) => r.host && r.server !== 'pac' && !allowed.has(r.host.replace(/:\d+$/, '')) && !discovered(r.host.replace(/:\d+$/, '')));
    expect(outside).toEqual([]);
  });

  it('tells resets, TLS failures, other vendors and false positives apart', async () => {
    const { report, lab } = await audit('edge-cases');
    expect(report.control.ok).toBe(true);
    expect(checkAgainstScenario(report, lab.scenario).filter((c) => !c.ok)).toEqual([]);
    const byId = Object.fromEntries(report.services.map((s) => [s.id, s]));
    expect(byId.twitch?.channels[0]?.evidence.netError).toBe('net::ERR_CONNECTION_RESET');
    expect(byId.netflix?.channels[0]?.evidence.netError).toBe('net::ERR_SSL_PROTOCOL_ERROR');
    expect(byId.pinterest?.channels[0]?.evidence.finalHost).toBe(BLOCK_PAGE_REDIRECTS.paloalto.host);
    expect(byId.telegram?.channels[0]?.evidence.status).toBe(403);
  });

  it('calls nothing blocked when the network itself is down', async () => {
    const { report } = await audit('network-down');
    expect(report.control.ok).toBe(false);
    expect(new Set(report.services.map((s) => s.verdict))).toEqual(new Set(['inconclusive']));
  });
});
