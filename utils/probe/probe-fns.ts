import type { Observation, ProbeTarget, ThroughputTask } from './types';
import type { PolicyTarget } from './policy-probe';
import type { CallTarget } from './webrtc-probe';

/**
 * The probes an audit runs, as the running browser provides them (the extension's in
 * `browser/probes.ts`; tests pass fakes). The audit runner depends on this shape only.
 */
export interface ProbeFns {
  fetch(task: ProbeTarget, timeoutMs: number): Promise<Observation>;
  webSocket(task: ProbeTarget, timeoutMs: number): Promise<Observation>;
  /** Navigation probes in batches; `onBatch` gets each batch's observations as it is decided. */
  policy(targets: PolicyTarget[], timeoutMs: number, onBatch?: (observations: Observation[]) => Promise<void>): Promise<Observation[]>;
  /** Bounded timed downloads of a media host or the throughput control; absent ⇒ throughput is not measured. */
  throughput?(task: ThroughputTask, headerTimeoutMs: number): Promise<Observation>;
  /** ICE gathering against STUN/TURN servers, one observation per target; absent ⇒ calls are not probed. */
  calls?(targets: CallTarget[], timeoutMs: number): Promise<Observation[]>;
}
