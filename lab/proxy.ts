import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import type { LabCert } from './certs';
import { startDnsStub } from './dns-stub';
import type { HandlerContext } from './http-handler';
import { BLOCK_PAGE_REDIRECTS } from './pages';
import type { HostPlan } from './scenario';
import { freePort, httpListener, httpsListener, type Listener } from './servers';
import { startSquid, type SquidProcess } from './squid';

/** Treatments that route a host through squid (via the PAC file). */
export const PROXIED_KINDS = new Set(['proxy-deny', 'proxy-ok', 'proxy-redirect', 'throttle', 'proxy-auth']);

/** Everything the proxy part of the lab started. */
export interface ProxySetup {
  squid: SquidProcess;
  squidPort: number;
  proxiedHosts: string[];
  listeners: Listener[];
  closeDns(): Promise<void>;
}

/**
 * Binds HTTPS :443 and HTTP :80 on a random 127.x.y.z address: squid dials the real ports of the
 * names in its hosts_file, and a per-lab address lets labs run side by side (root may bind <1024).
 */
async function upstreamListeners(ctx: HandlerContext, cert: LabCert): Promise<{ address: string; listeners: Listener[] }> {
  for (let attempt = 0; ; attempt++) {
    const address = `127.${randomInt(100, 200)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
    const listeners: Listener[] = [];
    try {
      listeners.push(await httpsListener(ctx, cert, 'proxied-https', address, 443));
      listeners.push(await httpListener(ctx, 'proxied-http', address, 80));
      return { address, listeners };
    } catch (error) {
      await Promise.all(listeners.map((l) => l.close()));
      if (attempt >= 5 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}

/** Starts upstream listeners, the DNS stub and squid for the proxied hosts of `plan`. */
export async function startProxy(dir: string, plan: Map<string, HostPlan>, ctx: HandlerContext, cert: LabCert): Promise<ProxySetup> {
  const byKind = (kind: string) => [...plan].filter(([, p]) => p.treatment.kind === kind).map(([h]) => h);
  const throttle = new Map<string, string[]>();
  for (const [host, p] of plan) {
    if (p.treatment.kind !== 'throttle') continue;
    const key = `${p.treatment.bytesPerSecond}/${p.treatment.burstBytes ?? p.treatment.bytesPerSecond}`;
    throttle.set(key, [...(throttle.get(key) ?? []), host]);
  }
  const { address, listeners } = await upstreamListeners(ctx, cert);
  const dns = await startDnsStub(address);
  const squidPort = await freePort();
  const portal = BLOCK_PAGE_REDIRECTS.squid;
  try {
    const squid = await startSquid(join(dir, 'squid'), {
      port: squidPort,
      dnsAddress: dns.address,
      upstreamAddress: address,
      deny: byKind('proxy-deny'),
      allow: byKind('proxy-ok'),
      redirect: byKind('proxy-redirect'),
      auth: byKind('proxy-auth'),
      // http: the browser follows squid's 302 DIRECT to the lab's portal (only for http URLs: for https
      // the CONNECT itself is refused and Chromium never shows the redirect; see README.md).
      redirectTo: `http://${portal.host}${portal.path}`,
      throttle,
    });
    const proxiedHosts = [...plan].filter(([, p]) => PROXIED_KINDS.has(p.treatment.kind)).map(([h]) => h);
    return { squid, squidPort, proxiedHosts, listeners, closeDns: dns.close };
  } catch (error) {
    await Promise.all([...listeners.map((l) => l.close()), dns.close()]);
    throw error;
  }
}
