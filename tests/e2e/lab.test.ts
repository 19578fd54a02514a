import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumWithExtension, type LaunchedChromium } from '../../scripts/lib/chromium';
import referenceCatalog from '../../utils/catalog/reference.json';
import type { Catalog } from '../../utils/catalog/schema';
import { CONTROL_URLS } from '../../utils/probe/control';
import { THROUGHPUT_CONTROL_URL } from '../../utils/probe/throughput-control';
import { everyTreatmentCatalog, everyTreatmentScenario, hostOf } from '../../lab/fixtures/every-treatment';
import { planHosts, loadScenario, startLab, strayRequests, syntheticBenchmark, type Lab } from '../../lab/index';
import { writeProbeExtension, type ProbeResult } from '../../lab/probe-extension';

// The lab's own smoke test: real Chromium, a trivial probe extension (not the product), and the
// browser's own error strings as listed in docs/what-the-browser-sees.md.
type Fn = 'labFetch' | 'labNavigate' | 'labWebSocket';
const call = <T = ProbeResult>(sw: Worker, fn: Fn, url: string, ...rest: unknown[]): Promise<T> =>
  sw.evaluate(([f, u, r]) => (globalThis as never as Record<string, (...a: unknown[]) => Promise<never>>)[f as string]!(u, ...(r as unknown[])), [fn, url, rest] as const);

const scratch = mkdtempSync(join(tmpdir(), 'lab-test-'));
const probeExt = writeProbeExtension(join(scratch, 'probe-ext'));
let lab: Lab;
let browser: LaunchedChromium;
let labDirs: string[] = [];

beforeAll(async () => {
  lab = await startLab({ catalog: everyTreatmentCatalog, controlUrls: CONTROL_URLS, scenario: everyTreatmentScenario, throttledBodyBytes: 200_000 });
  labDirs = [lab.executablePath.replace(/\/chromium-ns\.sh$/, '')];
  browser = await launchChromiumWithExtension({ extensionDir: probeExt, args: lab.chromiumArgs, executablePath: lab.executablePath, extraExtensionDirs: lab.extensionDirs });
});

afterAll(async () => {
  await browser?.close();
  await lab?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('blocking lab, every treatment at the network level', () => {
  it.each([
    ['dns', 'net::ERR_NAME_NOT_RESOLVED'],
    ['refused', 'net::ERR_CONNECTION_REFUSED'],
    ['reset', 'net::ERR_CONNECTION_RESET'],
    ['wrong-cert', 'net::ERR_CERT_AUTHORITY_INVALID'],
    ['tls-plain', 'net::ERR_SSL_PROTOCOL_ERROR'],
    ['proxy-deny', 'net::ERR_TUNNEL_CONNECTION_FAILED'],
    // https deny_info 302: squid answers the CONNECT with a 302, which Chromium treats as a failed tunnel.
    ['proxy-redirect', 'net::ERR_TUNNEL_CONNECTION_FAILED'],
  ])('%s → %s', async (slug, netError) => {
    const r = await call(browser.serviceWorker, 'labFetch', `https://${hostOf(slug)}/robots.txt`, 3000);
    expect(r).toMatchObject({ jsError: 'TypeError: Failed to fetch', netError });
  });

  it('silent: only the probe timer ends it', async () => {
    const r = await call(browser.serviceWorker, 'labFetch', `https://${hostOf('silent')}/`, 800);
    expect(r).toMatchObject({ timedOut: true, netError: 'net::ERR_ABORTED' });
    expect(lab.requests.some((q) => q.server === 'silent' && q.host === hostOf('silent'))).toBe(true);
  });

  it.each([
    ['ok', 200, '<title>Svc ok (lab)</title>'],
    ['proxy-ok', 200, '<title>Svc proxy-ok (lab)</title>'],
    ['policy', 200, '<title>Svc policy (lab)</title>'], // policy blocks navigations only
    ['extension', 200, '<title>Svc extension (lab)</title>'], // another extension's DNR rule does not apply to our fetch
    ['bp-zscaler', 200, 'Internet Security by Zscaler'],
    ['bp-fortinet', 200, 'Powered By FortiGuard'],
    ['bp-paloalto', 200, 'blocked in accordance with company policy'],
    ['bp-squid', 403, 'Access Denied.'],
    ['bp-generic-fr', 200, 'bloqué par la politique de sécurité'],
    ['service-403', 403, 'Sorry, this page'],
  ])('%s answers %i with %s', async (slug, status, text) => {
    const r = await call(browser.serviceWorker, 'labFetch', `https://${hostOf(slug)}/robots.txt`);
    expect(r.status).toBe(status);
    expect(r.body).toContain(text);
    if (slug === 'service-403' || slug === 'ok') expect(r.headers).not.toHaveProperty('x-squid-error');
  });

  it('redirects: vendor portal, login page, squid deny_info over http', async () => {
    const sw = browser.serviceWorker;
    const zscaler = await call(sw, 'labFetch', `https://${hostOf('redirect-zscaler')}/robots.txt`);
    expect(zscaler).toMatchObject({ status: 200, redirected: true });
    expect(new URL(zscaler.url!).host).toBe('gateway.zscaler.net');
    const login = await call(sw, 'labFetch', `https://${hostOf('login-redirect')}/robots.txt`);
    expect(new URL(login.url!).pathname).toBe('/login');
    const squidRedirect = await call(sw, 'labFetch', `http://${hostOf('proxy-redirect')}/x`);
    expect(squidRedirect).toMatchObject({ status: 200, redirected: true });
    expect(new URL(squidRedirect.url!).host).toBe('proxy.corp-gw.example');
    const squidDeny = await call(sw, 'labFetch', `http://${hostOf('proxy-deny')}/x`);
    expect(squidDeny.status).toBe(403);
    expect(squidDeny.headers?.['x-squid-error']).toBe('ERR_ACCESS_DENIED 0');
  });

  it('navigations: policy → ERR_BLOCKED_BY_ADMINISTRATOR, blocker extension → ERR_BLOCKED_BY_CLIENT', async () => {
    const sw = browser.serviceWorker;
    expect(await call(sw, 'labNavigate', `https://${hostOf('policy')}/`)).toMatchObject({ netError: 'net::ERR_BLOCKED_BY_ADMINISTRATOR' });
    expect(await call(sw, 'labNavigate', `https://${hostOf('extension')}/`)).toMatchObject({ netError: 'net::ERR_BLOCKED_BY_CLIENT' });
    expect(await call(sw, 'labNavigate', `https://${hostOf('ok')}/`)).not.toHaveProperty('netError');
  });

  it('WebSockets: open on served hosts, 1006 when denied by proxy or DNS', async () => {
    const sw = browser.serviceWorker;
    type Ws = { opened: boolean; closeCode?: number; message?: string };
    expect(await call<Ws>(sw, 'labWebSocket', `wss://${hostOf('ok')}/ws`)).toMatchObject({ opened: true, message: 'lab: hello' });
    expect(await call<Ws>(sw, 'labWebSocket', `wss://${hostOf('proxy-ok')}/ws`)).toMatchObject({ opened: true });
    expect(await call<Ws>(sw, 'labWebSocket', `wss://${hostOf('proxy-deny')}/ws`)).toMatchObject({ opened: false, closeCode: 1006 });
    expect(await call<Ws>(sw, 'labWebSocket', `wss://${hostOf('dns')}/ws`)).toMatchObject({ opened: false, closeCode: 1006 });
    expect(await call<Ws>(sw, 'labWebSocket', `wss://${hostOf('bp-zscaler')}/ws`)).toMatchObject({ opened: false, closeCode: 1006 });
  });

  it('throttle: squid delay pool slows the host, not the others', async () => {
    const sw = browser.serviceWorker;
    const slow = await call(sw, 'labFetch', `https://${hostOf('throttled')}/media.png`, 10_000);
    const fast = await call(sw, 'labFetch', `https://${hostOf('ok')}/media.png?bytes=200000`, 10_000);
    expect(slow.bytes).toBe(200_000);
    expect(fast.bytes).toBe(200_000);
    // 100 000 B/s with a full 100 000-byte bucket: the second half takes about 1 s.
    expect(slow.ms).toBeGreaterThan(700);
    expect(fast.ms).toBeLessThan(300);
  });

  it('control hosts answer like the real ones; strays are recorded, not leaked', async () => {
    const sw = browser.serviceWorker;
    expect((await call(sw, 'labFetch', CONTROL_URLS[0]!)).status).toBe(204);
    expect((await call(sw, 'labFetch', 'https://not-in-catalog.example/')).status).toBe(404);
    expect(strayRequests(lab.requests).map((r) => r.host)).toEqual(['not-in-catalog.example']);
  });

  it('records cookies when the browser sends them, none with credentials omitted', async () => {
    const sw = browser.serviceWorker;
    type Cookies = { chrome: { cookies: { set(details: object): Promise<unknown> } } };
    await sw.evaluate(() => (globalThis as unknown as Cookies).chrome.cookies.set({ url: 'https://ok.lab-svc.test/', name: 'sid', value: 'secret', secure: true, sameSite: 'no_restriction' }));
    await call(sw, 'labFetch', `https://${hostOf('ok')}/with-cookie`, 3000, 'include');
    await call(sw, 'labFetch', `https://${hostOf('ok')}/without-cookie`, 3000, 'omit');
    const byPath = (p: string) => lab.requests.find((r) => r.path === p);
    expect(byPath('/with-cookie')?.headers.cookie).toBe('sid=secret');
    expect(byPath('/without-cookie')?.headers).not.toHaveProperty('cookie');
  });

  it('squid log shows the proxied requests', async () => {
    const log = await lab.squidLog();
    expect(log.some((l) => /TCP_DENIED\/403 \d+ CONNECT proxy-deny\.lab-svc\.test:443/.test(l))).toBe(true);
    expect(log.some((l) => /TCP_TUNNEL\/200 \d+ CONNECT proxy-ok\.lab-svc\.test:443/.test(l))).toBe(true);
    expect(lab.requests.some((r) => r.server === 'squid' && r.method === 'CONNECT')).toBe(true);
  });
});

describe('scenarios', () => {
  it('corporate.json plans cleanly against the reference catalog', () => {
    const scenario = loadScenario(join(__dirname, '../../lab/scenarios/corporate.json'));
    const plan = planHosts(referenceCatalog as Catalog, CONTROL_URLS, scenario);
    expect(plan.get('www.youtube.com')?.treatment).toEqual({ kind: 'policy' });
    expect(plan.get('edge-chat.facebook.com')?.treatment).toEqual({ kind: 'proxy-deny' });
    expect(plan.get('www.messenger.com')?.treatment).toEqual({ kind: 'ok' });
  });

  it('synthetic benchmark networks have their own catalog', () => {
    const { catalog, scenario } = syntheticBenchmark(50, 'silent');
    // 50 page hosts + 50 media hosts + the connectivity controls + the throughput control.
    const hosts = [...planHosts(catalog, CONTROL_URLS, scenario).keys()];
    expect(hosts.filter((h) => h.endsWith('.bench.test'))).toHaveLength(100);
    expect(hosts.filter((h) => !h.endsWith('.bench.test')).sort()).toEqual(
      [...CONTROL_URLS, THROUGHPUT_CONTROL_URL].map((u) => new URL(u).hostname).sort(),
    );
  });

  it('network down: a second lab in the same process fails DNS for control too; the first cleaned up', async () => {
    await browser.close();
    await lab.stop();
    expect(labDirs.every((d) => !existsSync(d))).toBe(true);
    const down = await startLab({ catalog: everyTreatmentCatalog, controlUrls: CONTROL_URLS, scenario: join(__dirname, '../../lab/scenarios/network-down.json') });
    const b = await launchChromiumWithExtension({ extensionDir: probeExt, args: down.chromiumArgs, executablePath: down.executablePath });
    try {
      for (const url of [CONTROL_URLS[0]!, `https://${hostOf('ok')}/`]) {
        expect(await call(b.serviceWorker, 'labFetch', url)).toMatchObject({ netError: 'net::ERR_NAME_NOT_RESOLVED' });
      }
    } finally {
      await b.close();
      await down.stop();
    }
  });
});
