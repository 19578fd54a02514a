import type { Catalog, Channel } from '../catalog/types';
import type { Observation } from '../probe/types';

export interface ProbeTask {
  /** `service:channel:kind`, the observation's key in the store. */
  key: string;
  serviceId: string;
  channel: Channel;
  kind: 'fetch' | 'websocket';
  url: string;
}

export const probeKey = (serviceId: string, channel: Channel, kind: Observation['kind']) =>
  `${serviceId}:${channel}:${kind}`;

/** Services that are probed: retired ones are listed for the story but have nothing to reach. */
export function probedServices(catalog: Catalog) {
  return catalog.services.filter((s) => !s.retired && Object.values(s.channels).some(Boolean));
}

/** Every network probe an audit of this catalog makes (the policy check is planned apart). */
export function planProbes(catalog: Catalog): ProbeTask[] {
  const tasks: ProbeTask[] = [];
  for (const service of probedServices(catalog)) {
    for (const [channel, url] of Object.entries(service.channels) as [Channel, string | undefined][]) {
      if (!url) continue;
      const kind = url.startsWith('wss:') ? 'websocket' : 'fetch';
      tasks.push({ key: probeKey(service.id, channel, kind), serviceId: service.id, channel, kind, url });
    }
  }
  return tasks;
}

/** The keys that must be stored before a service can be classified. */
export function requiredKeys(catalog: Catalog, serviceId: string): string[] {
  const keys = planProbes(catalog)
    .filter((t) => t.serviceId === serviceId)
    .map((t) => t.key);
  const service = catalog.services.find((s) => s.id === serviceId);
  if (service?.channels.page) keys.push(probeKey(serviceId, 'page', 'navigation'));
  return keys;
}

/** The https URL of a WebSocket endpoint's host, probed when the socket fails to say why. */
export function hostProbeUrl(wsUrl: string): string {
  const url = new URL(wsUrl);
  return `https://${url.host}/`;
}
