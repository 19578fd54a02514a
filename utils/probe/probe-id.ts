import type { Channel } from '../catalog/types';
import type { Observation } from './types';

/** Which probe an observation answers: one service's channel, probed one way. */
export interface ProbeId {
  serviceId: string;
  channel: Channel;
  kind: Observation['kind'];
}

/**
 * The service id the controls are stored under. Catalog ids start with a letter or a digit
 * (`catalog/label-rules.ts`), so no service can take it.
 */
export const CONTROL_SERVICE_ID = '_control';

/**
 * The audit's controls, by name: the connectivity control (neutral pages fetched first and
 * during the audit, docs/connectivity-checks.md), the throughput control (a neutral download
 * of the media's size, docs/throughput.md) and the call control (a STUN server everyone uses).
 */
export const CONTROLS = {
  connectivity: { serviceId: CONTROL_SERVICE_ID, channel: 'page', kind: 'fetch' },
  throughput: { serviceId: CONTROL_SERVICE_ID, channel: 'media', kind: 'throughput' },
  call: { serviceId: CONTROL_SERVICE_ID, channel: 'realtime', kind: 'webrtc' },
} as const satisfies Record<string, ProbeId>;

export const isControl = (serviceId: string) => serviceId === CONTROL_SERVICE_ID;

/**
 * The observation's key in the store (`service:channel:kind`). Made here only, and never
 * parsed back: whoever needs the parts keeps the `ProbeId`.
 */
export const probeKey = (id: ProbeId): string => `${id.serviceId}:${id.channel}:${id.kind}`;
