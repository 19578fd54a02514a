import type { HostPlan } from './scenario';
import { realNetworkRule } from './real-networks';

/** Ports of the lab's shared listeners and of the per-host raw listeners. */
export interface RulePorts {
  https: number;
  http: number;
  raw: Map<string, number>;
  /** Hosts served from another loopback address (`address:port`): sinkhole block page, split-horizon mirror. */
  bound?: Map<string, string>;
}

/** Linux caps one argv string at 128 KiB (MAX_ARG_STRLEN); Chromium would not even start. */
const MAX_RULES_LENGTH = 120_000;

/**
 * Builds `--host-resolver-rules`. Rules are checked in order, first match wins: loopback is
 * excluded (PAC, lab ports), then per-host treatments, then the catch-all, so no name ever reaches
 * a real resolver. Rules do not apply to proxied requests (squid resolves those), which is why
 * proxied hosts are mapped to ~NOTFOUND here: a request that bypassed the proxy would show up.
 */
export function resolverRules(plan: Map<string, HostPlan>, ports: RulePorts, strays: 'record' | 'nxdomain', networkDown: boolean): string {
  const rules = ['EXCLUDE localhost', 'EXCLUDE 127.0.0.1'];
  if (!networkDown) {
    for (const [host, { treatment }] of plan) {
      const raw = ports.raw.get(host);
      const real = realNetworkRule(host, treatment.kind, ports.bound ?? new Map());
      if (real) rules.push(real);
      else if (raw) rules.push(`MAP ${host} 127.0.0.1:${raw}`);
      else if (treatment.kind === 'dns') rules.push(`MAP ${host} ~NOTFOUND`);
      // Port 1 (tcpmux) is privileged and unused: connecting to it is refused at once.
      else if (treatment.kind === 'tcp-refused') rules.push(`MAP ${host} 127.0.0.1:1`);
      else if (['proxy-deny', 'proxy-ok', 'proxy-redirect', 'throttle', 'proxy-auth', 'youtube-restrict-header'].includes(treatment.kind)) rules.push(`MAP ${host} ~NOTFOUND`);
      else if (strays === 'nxdomain') rules.push(`MAP ${host}:443 127.0.0.1:${ports.https}`, `MAP ${host}:80 127.0.0.1:${ports.http}`);
      // With strays recorded, served hosts need no rule of their own: the catch-all below serves them.
    }
    if (strays === 'record') rules.push(`MAP *:443 127.0.0.1:${ports.https}`, `MAP *:80 127.0.0.1:${ports.http}`);
  }
  rules.push('MAP * ~NOTFOUND');
  const text = rules.join(', ');
  if (text.length > MAX_RULES_LENGTH) throw new Error(`lab: resolver rules too long (${text.length} chars); use fewer non-ok hosts`);
  return text;
}
