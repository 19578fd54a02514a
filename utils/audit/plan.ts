import type { Catalog } from '../catalog/types';
import type { ProbeCapabilities } from './types';
import type { ProbeTarget } from '../probe/types';
import { CONTROLS, probeKey } from '../probe/probe-id';
import { CHANNELS } from '../catalog/types';
import { THROUGHPUT_LIMITS } from '../probe/throughput-limits';
import { THROUGHPUT_CONTROL_URL } from '../probe/throughput-control';
import { CALL_CONTROL_URL, type CallTarget } from '../probe/webrtc-probe';

export interface ProbeTask extends ProbeTarget {
  /** `service:channel:kind`, the observation's key in the store. */
  key: string;
  kind: 'fetch' | 'websocket';
}

/** Services that are probed: retired ones are listed for the story but have nothing to reach. */
export function probedServices(catalog: Catalog) {
  return catalog.services.filter((s) => !s.retired && Object.values(s.channels).some(Boolean));
}

/** Every network probe an audit of this catalog makes (the policy check is planned apart). */
export function planProbes(catalog: Catalog): ProbeTask[] {
  const tasks: ProbeTask[] = [];
  for (const service of probedServices(catalog)) {
    for (const channel of CHANNELS) {
      const url = service.channels[channel];
      if (!url) continue;
      const kind = url.startsWith('wss:') ? 'websocket' : 'fetch';
      tasks.push({ key: probeKey({ serviceId: service.id, channel, kind }), serviceId: service.id, channel, kind, url });
    }
  }
  return tasks;
}


/** Keys of the throughput control and the call control, stored like any observation. */
export const THROUGHPUT_CONTROL_KEY = probeKey(CONTROLS.throughput);
export const CALL_CONTROL_KEY = probeKey(CONTROLS.call);

/**
 * Services whose media host gets a throughput measurement: the most used first (they
 * weigh most in the gap), at most `maxServices`, so an audit's download stays bounded.
 */
export function throughputServices(catalog: Catalog, max = THROUGHPUT_LIMITS.maxServices) {
  const topShare = (s: Catalog['services'][number]) => Math.max(0, ...s.usage.map((u) => u.share ?? 0));
  return probedServices(catalog)
    .filter((s) => s.channels.media)
    .map((s, i) => ({ s, i }))
    .sort((a, b) => topShare(b.s) - topShare(a.s) || a.i - b.i)
    .slice(0, max)
    .map(({ s }) => {
      const discover = s.endpoints?.media?.discover;
      return { serviceId: s.id, url: s.channels.media as string, ...(discover ? { discover } : {}) };
    });
}

/** STUN/TURN servers to gather against: every `call` endpoint, then the call control. */
export function callTargets(catalog: Catalog): CallTarget[] {
  const targets = probedServices(catalog).flatMap((s) => (s.channels.call ? [{ serviceId: s.id, url: s.channels.call }] : []));
  return targets.length ? [...targets, { serviceId: CONTROLS.call.serviceId, url: CALL_CONTROL_URL }] : [];
}

/** The throughput control download (same size cap as the media downloads). */
export const throughputControlTask = () => ({ serviceId: CONTROLS.throughput.serviceId, url: THROUGHPUT_CONTROL_URL });

/**
 * The keys that must be stored before each probed service can be classified, computed in one
 * pass: the runner asks for every service as its probes land, and a per-service scan of the
 * whole plan made a 2,000-service audit quadratic.
 */
export function requiredKeysByService(catalog: Catalog, caps: ProbeCapabilities = { throughput: false, calls: false }): Map<string, string[]> {
  const services = probedServices(catalog);
  const keys = new Map<string, string[]>(services.map((s) => [s.id, []]));
  for (const task of planProbes(catalog)) keys.get(task.serviceId)?.push(task.key);
  const measured = caps.throughput ? new Set(throughputServices(catalog).map((t) => t.serviceId)) : new Set<string>();
  for (const service of services) {
    const list = keys.get(service.id) ?? [];
    if (service.channels.page) list.push(probeKey({ serviceId: service.id, channel: 'page', kind: 'navigation' }));
    if (measured.has(service.id)) list.push(probeKey({ serviceId: service.id, channel: 'media', kind: 'throughput' }), THROUGHPUT_CONTROL_KEY);
    if (caps.calls && service.channels.call) list.push(probeKey({ serviceId: service.id, channel: 'realtime', kind: 'webrtc' }));
  }
  return keys;
}

/** The https URL of a WebSocket endpoint's host, probed when the socket fails to say why. */
export function hostProbeUrl(wsUrl: string): string {
  const url = new URL(wsUrl);
  return `https://${url.host}/`;
}
