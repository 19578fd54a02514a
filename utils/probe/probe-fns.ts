import type { CallProbeObservation, FetchObservation, NavigationObservation, ProbeTarget, ThroughputProbeObservation, ThroughputTask, WebSocketObservation } from './types';
import type { PolicyTarget } from './policy-probe';
import type { CallTarget } from './webrtc-probe';

/** What a request probe tells its caller while it runs. */
export interface ProbeHooks {
  /** The request got its first answer: headers, an error other than our own timeout, an opened or closed socket. Only the first call counts. */
  onFirstAnswer?(): void;
}

/**
 * The probes an audit runs, as the running browser provides them (the extension's in
 * `browser/probes.ts`; tests pass fakes). The audit runner depends on this shape only.
 */
export interface ProbeFns {
  fetch(task: ProbeTarget, timeoutMs: number, hooks?: ProbeHooks): Promise<FetchObservation>;
  webSocket(task: ProbeTarget, timeoutMs: number, hooks?: ProbeHooks): Promise<WebSocketObservation>;
  /** Navigation probes in batches; `onBatch` gets each batch's observations as it is decided. */
  policy(targets: PolicyTarget[], timeoutMs: number, onBatch?: (observations: NavigationObservation[]) => Promise<void>): Promise<NavigationObservation[]>;
  /** Bounded timed downloads of a media host or the throughput control; absent ⇒ throughput is not measured. */
  throughput?(task: ThroughputTask, headerTimeoutMs: number): Promise<ThroughputProbeObservation>;
  /** ICE gathering against STUN/TURN servers, one observation per target; absent ⇒ calls are not probed. */
  calls?(targets: CallTarget[], timeoutMs: number): Promise<CallProbeObservation[]>;
}
