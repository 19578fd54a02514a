import type { LabCert } from './certs';
import type { HandlerContext } from './http-handler';
import { SINKHOLE_BLOCKPAGE_ADDRESS, SPLIT_HORIZON_ADDRESS } from './real-networks';
import type { HostPlan } from './scenario';
import { httpsListener, type Listener } from './servers';

/** Listeners on the other loopback addresses, and the `address:port` each such host is mapped to. */
export async function realNetworkListeners(plan: Map<string, HostPlan>, ctx: HandlerContext, good: LabCert, wrong: LabCert) {
  const listeners: Listener[] = [];
  const bound = new Map<string, string>();
  const hosts = (kind: string) => [...plan].filter(([, p]) => p.treatment.kind === kind).map(([h]) => h);
  if (hosts('sinkhole-blockpage').length) {
    // A DNS filter's block-page server cannot show the service's certificate: untrusted key.
    const l = await httpsListener(ctx, wrong, 'sinkhole-blockpage', SINKHOLE_BLOCKPAGE_ADDRESS);
    listeners.push(l);
    for (const h of hosts('sinkhole-blockpage')) bound.set(h, `${SINKHOLE_BLOCKPAGE_ADDRESS}:${l.port}`);
  }
  if (hosts('split-horizon').length) {
    // The internal mirror serves the real content with a certificate the company's machines trust.
    const l = await httpsListener(ctx, good, 'split-horizon', SPLIT_HORIZON_ADDRESS);
    listeners.push(l);
    for (const h of hosts('split-horizon')) bound.set(h, `${SPLIT_HORIZON_ADDRESS}:${l.port}`);
  }
  return { listeners, bound };
}
