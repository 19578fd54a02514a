import { chmodSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBlockerExtension } from './blocker-extension';
import { makeCert } from './certs';
import { registerForCleanup } from './cleanup';
import type { HandlerContext } from './http-handler';
import { BLOCK_PAGE_REDIRECTS } from './pages';
import { pacScript } from './pac';
import { startInspectingProxy } from './inspecting-proxy';
import { writePolicyWrapper } from './policy';
import { PROXIED_KINDS, startProxy, type ProxySetup } from './proxy';
import { resolverRules } from './resolver-rules';
import { addRealNetworkHosts } from './real-networks';
import { realNetworkListeners } from './real-network-servers';
import { catalogWithRelays, plannedRelays, startCallLab, type CallLab } from './call-lab';
import { RESTRICT_VIP_KINDS, startRestrictVip, type RestrictVip } from './restrict-vip';
import { loadScenario, planHosts, withoutCallTreatments } from './scenario';
import { httpListener, httpsListener, rawListener, type Listener, type RawKind } from './servers';
import { parseSquidLine, readDelayBuckets } from './squid';
import type { Lab, LabOptions, LabRequest } from './types';

export type * from './types';
export { loadScenario, parseTreatment, planHosts, syntheticBenchmark, withoutCallTreatments } from './scenario';
export { BLOCK_PAGE_REDIRECTS } from './pages';

/** Debian's real Chromium binary (/usr/bin/chromium is a wrapper script that adds flags). */
export const CHROMIUM_PATH = '/usr/lib/chromium/chromium';
/**
 * Hosts Chromium itself contacts despite --disable-background-networking (seen in the lab: the
 * sign-in cookie check and the updater). They show up as `stray` requests that no probe made.
 */
export const BROWSER_OWN_HOSTS: readonly string[] = ['accounts.google.com', 'update.googleapis.com', 'clients2.google.com', 'clientservices.googleapis.com'];

/** Requests that reached the lab for hosts outside catalog + control, minus the browser's own. */
export const strayRequests = (requests: readonly LabRequest[]) =>
  requests.filter((r) => r.server === 'stray' && !BROWSER_OWN_HOSTS.includes(r.host));

const RAW_KINDS = new Set<string>(['tcp-reset', 'silent', 'tls-plain', 'tls-wrong-cert']);

/**
 * Starts the blocking lab: stand-in servers, squid, DNS stub, policy wrapper and blocker extension
 * as the scenario needs, and returns the Chromium flags that route the browser into it.
 */
export async function startLab(options: LabOptions): Promise<Lab> {
  const scenario = loadScenario(options.scenario);
  const networkDown = scenario.networkDown === true;
  const plan = planHosts(options.catalog, options.controlUrls, scenario);
  plannedRelays({ catalog: options.catalog, scenario }); // a call treatment on a service without a call endpoint fails here
  // Hosts where redirect-style blocks land, served by the lab like any vendor portal.
  for (const p of [...plan.values()]) {
    const t = p.treatment;
    const vendor = t.kind === 'redirect-blockpage' ? t.vendor : t.kind === 'proxy-redirect' ? 'squid' : undefined;
    if (vendor) plan.set(BLOCK_PAGE_REDIRECTS[vendor].host, { treatment: { kind: 'blockpage', vendor }, name: vendor, owner: 'portal' });
  }
  addRealNetworkHosts(plan, scenario);
  const hostsOf = (kind: string) => [...plan].filter(([, p]) => p.treatment.kind === kind).map(([h]) => h);

  const dir = mkdtempSync(join(tmpdir(), 'access-gap-lab-'));
  chmodSync(dir, 0o755); // squid runs as `proxy` and must reach its subdirectory
  const requests: LabRequest[] = [];
  const listeners: Listener[] = [];
  let proxy: ProxySetup | undefined;
  let tail: NodeJS.Timeout | undefined;
  let stopped = false;
  let callLab: CallLab | undefined;
  let vip: RestrictVip | undefined;
  const unregister = registerForCleanup({ pids: () => (proxy ? [proxy.squid.pid] : []), dirs: [dir] });

  const readSquidLog = (() => {
    let offset = 0;
    return () => {
      if (!proxy || !existsSync(proxy.squid.accessLog)) return;
      const size = statSync(proxy.squid.accessLog).size;
      if (size <= offset) return;
      const fd = openSync(proxy.squid.accessLog, 'r');
      const chunk = Buffer.alloc(size - offset);
      readSync(fd, chunk, 0, chunk.length, offset);
      closeSync(fd);
      const text = chunk.toString('utf8');
      const complete = text.lastIndexOf('\n') + 1; // a line may be half-written
      offset += Buffer.byteLength(text.slice(0, complete));
      for (const line of text.slice(0, complete).split('\n')) {
        const entry = parseSquidLine(line);
        if (entry) requests.push(entry);
      }
    };
  })();

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    clearInterval(tail);
    readSquidLog();
    await proxy?.squid.stop();
    await Promise.all([...listeners, ...(proxy?.listeners ?? [])].map((l) => l.close()));
    await proxy?.closeDns();
    await callLab?.stop();
    await vip?.stop();
    rmSync(dir, { recursive: true, force: true });
    unregister();
  };

  try {
    const good = makeCert(dir, 'lab', 'Access Gap lab');
    const wrong = makeCert(dir, 'interceptor', 'Corporate Inspection CA (untrusted)');
    const ctx: HandlerContext = {
      plan,
      record: (entry) => requests.push(entry),
      wsHoldMs: options.wsHoldMs ?? 3000,
      throttledBodyBytes: options.throttledBodyBytes ?? 256 * 1024,
      issuedTokens: new Set(),
      ...(options.mediaBodyBytes ? { mediaBodyBytes: options.mediaBodyBytes } : {}),
    };
    const needsProxy = !networkDown && [...plan.values()].some((p) => PROXIED_KINDS.has(p.treatment.kind));
    // YouTube behind a TLS-inspecting gateway that adds YouTube-Restrict (lab/inspecting-proxy.ts).
    const headerHosts = networkDown ? [] : hostsOf('youtube-restrict-header');
    let inspecting: Listener | undefined;
    const pacRoutes = () => [
      ...(proxy ? [{ hosts: proxy.proxiedHosts, port: proxy.squidPort }] : []),
      ...(inspecting ? [{ hosts: headerHosts, port: inspecting.port }] : []),
    ];
    const https = await httpsListener(ctx, good, 'https', '127.0.0.1');
    listeners.push(https);
    const http = await httpListener(ctx, 'http', '127.0.0.1', 0, needsProxy || headerHosts.length ? () => pacScript(pacRoutes()) : undefined);
    listeners.push(http);
    if (headerHosts.length) {
      const levelOf = (host: string) => { const t = plan.get(host)?.treatment; return t?.kind === 'youtube-restrict-header' ? t.level : undefined; };
      inspecting = await startInspectingProxy(ctx, good, { https: https.port, http: http.port }, levelOf);
      listeners.push(inspecting);
    }
    const raw = new Map<string, number>();
    const real = networkDown ? { listeners: [], bound: new Map<string, string>() } : await realNetworkListeners(plan, ctx, good, wrong);
    listeners.push(...real.listeners);
    const restricted = networkDown ? [] : [...plan].filter(([, p]) => RESTRICT_VIP_KINDS.has(p.treatment.kind)).map(([h]) => h);
    if (restricted.length) {
      // The network's DNS answers these names with Google's restrict address, where the lab serves them.
      vip = await startRestrictVip(ctx, good);
      for (const h of restricted) real.bound.set(h, vip.address);
    }
    if (!networkDown) {
      for (const [host, p] of plan) {
        if (!RAW_KINDS.has(p.treatment.kind)) continue;
        const listener = await rawListener(p.treatment.kind as RawKind, host, ctx, wrong);
        listeners.push(listener);
        raw.set(host, listener.port);
      }
    }
    if (needsProxy) {
      proxy = await startProxy(dir, plan, ctx, good);
      tail = setInterval(readSquidLog, 200);
      tail.unref();
    }

    const chromiumArgs = [
      `--host-resolver-rules=${resolverRules(plan, { https: https.port, http: http.port, raw, bound: real.bound }, options.strays ?? 'record', networkDown)}`,
      `--ignore-certificate-errors-spki-list=${good.spki}`,
      ...(proxy || inspecting ? [`--proxy-pac-url=http://127.0.0.1:${http.port}/proxy.pac`] : []),
    ];
    const chromiumPath = options.chromiumPath ?? CHROMIUM_PATH;
    const blocklist = networkDown ? [] : hostsOf('policy');
    const executablePath =
      blocklist.length || options.policies
        ? writePolicyWrapper(dir, { ...(blocklist.length ? { URLBlocklist: blocklist } : {}), ...options.policies }, chromiumPath)
        : chromiumPath;
    const blocked = networkDown ? [] : hostsOf('extension');
    const extensionDirs = blocked.length ? [writeBlockerExtension(join(dir, 'blocker-extension'), blocked)] : [];
    // Calls: a relay per call endpoint, or — without the call lab — call treatments not in force.
    // A dead network or one that wants a sign-in first (a guest portal) passes no call traffic either.
    const noCalls = networkDown ? 'the network is down in this scenario' : scenario.signIn ? 'this network wants a sign-in first' : undefined;
    let calls: Lab['calls'] = { running: false, reason: noCalls ?? 'the lab was started without calls' };
    if (options.calls && !noCalls) {
      try {
        callLab = await startCallLab({ catalog: options.catalog, scenario });
        calls = { running: true, relays: callLab.relays };
      } catch (error) {
        calls = { running: false, reason: (error as Error).message };
      }
    }

    return {
      chromiumArgs,
      executablePath,
      extensionDirs,
      requests,
      hosts: new Map([...plan].map(([h, p]) => [h, p.treatment])),
      scenario: calls.running ? scenario : withoutCallTreatments(scenario),
      catalog: calls.running ? catalogWithRelays(options.catalog, calls.relays) : options.catalog,
      calls,
      shaperBuckets: () => (proxy ? readDelayBuckets(proxy.squidPort) : Promise.resolve([])),
      async waitForFullShapers(deadlineMs = 30_000) {
        // A token bucket refills while its host is idle: wait until each client's is full again.
        const until = Date.now() + deadlineMs;
        for (;;) {
          const buckets = proxy ? await readDelayBuckets(proxy.squidPort) : [];
          if (buckets.every((b) => b.levels.every((l) => l >= b.max))) return buckets;
          if (Date.now() > until) throw new Error(`lab: shaper buckets not full after ${deadlineMs} ms: ${JSON.stringify(buckets)}`);
          await new Promise((r) => setTimeout(r, 250));
        }
      },
      async squidLog() {
        readSquidLog();
        if (!proxy || !existsSync(proxy.squid.accessLog)) return [];
        return readFileSync(proxy.squid.accessLog, 'utf8').split('\n').filter(Boolean);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
