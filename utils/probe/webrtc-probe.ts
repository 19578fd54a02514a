import type { CallObservation, CallProbeObservation, CandidateType } from './types';

/** One STUN/TURN server to gather against, for one service (or the control). */
export interface CallTarget {
  serviceId: string;
  /** `stun:host:port` or `turn:host:port?transport=udp|tcp`. */
  url: string;
}

/**
 * The call control: Google's public STUN server, OONI's default (ts-025). A run in
 * which no STUN/TURN server answers at all cannot tell "calls banned" from "UDP
 * banned outright" or "no NAT here", so a silent server counts as blocked only when
 * this one — or any other server of the catalog — answered in the same run.
 */
export const CALL_CONTROL_URL = 'stun:stun.l.google.com:19302';

/**
 * Gathering stops after this long (test.webrtc.org uses 5 s per check); a live server
 * answers within ~150 ms in the lab, a firewalled one never does.
 */
export const CALL_TIMEOUT_MS = 5000;

/**
 * We hold no credentials for a service's TURN server, and Chromium refuses `turn:`
 * without any. With these the server answers `401 Unauthorized` — which proves that
 * packets reach it and come back, all a reachability probe needs.
 */
const PROBE_CREDENTIALS = { username: 'access-gap-probe', credential: 'access-gap-probe' };

/** STUN/TURN error codes are 300–699; 7xx are Chromium's own (lookup failed, no answer…). */
export const isServerAnswer = (code: number) => code >= 300 && code < 700;

/** True when the server demonstrably answered: a reflexive or relayed candidate, or a STUN/TURN error response. */
export function callReached(call: CallObservation): boolean {
  return call.candidateTypes.some((t) => t !== 'host') || call.errors.some((e) => isServerAnswer(e.code));
}

/**
 * Gather ICE candidates against one server and watch what comes back. Needs a
 * document: Chromium service workers have no RTCPeerConnection (docs/what-the-browser-sees.md), so the
 * extension runs this in its offscreen document.
 */
export async function probeCall(
  target: CallTarget,
  timeoutMs = CALL_TIMEOUT_MS,
  Peer: typeof RTCPeerConnection | undefined = globalThis.RTCPeerConnection,
  now: () => number = () => performance.now(),
  clock: () => number = Date.now,
): Promise<CallProbeObservation> {
  const started = now();
  const base = { serviceId: target.serviceId, channel: 'realtime' as const, kind: 'webrtc' as const, url: target.url, startedAt: clock(), redirects: [], timeoutMs };
  if (!Peer) {
    const call: CallObservation = { candidateTypes: [], errors: [], timedOut: false, unsupported: 'no RTCPeerConnection here' };
    return { ...base, call, timings: { totalMs: 0 } };
  }
  const isTurn = /^turns?:/i.test(target.url);
  const pc = new Peer({ iceServers: [{ urls: target.url, ...(isTurn ? PROBE_CREDENTIALS : {}) }], iceCandidatePoolSize: 0 });
  const types = new Set<CandidateType>();
  const errors: CallObservation['errors'] = [];
  let timedOut = false;
  let firstAnswerMs: number | undefined;
  try {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timedOut = true;
        resolve();
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const answered = () => {
        firstAnswerMs ??= Math.round(now() - started);
        done(); // one proof is enough: stop instead of waiting for gathering to complete
      };
      pc.onicecandidate = (e) => {
        if (!e.candidate) return done();
        const type = (e.candidate.type ?? /typ (\w+)/.exec(e.candidate.candidate)?.[1]) as CandidateType | undefined;
        if (!type) return;
        types.add(type);
        if (type !== 'host') answered();
      };
      pc.onicecandidateerror = (e) => {
        const ev = e as RTCPeerConnectionIceErrorEvent;
        errors.push({ code: ev.errorCode, text: String(ev.errorText ?? '').slice(0, 200) });
        if (isServerAnswer(ev.errorCode)) answered();
      };
      // A data channel is enough to make the browser gather: no camera, no microphone.
      pc.createDataChannel('access-gap-probe');
      pc.createOffer()
        .then((offer) => pc.setLocalDescription(offer))
        .catch((error: unknown) => {
          errors.push({ code: 0, text: String(error).slice(0, 200) });
          done();
        });
    });
  } finally {
    pc.close();
  }
  const call: CallObservation = { candidateTypes: [...types].sort(), errors, timedOut };
  return { ...base, call, timings: { ...(firstAnswerMs !== undefined ? { headersMs: firstAnswerMs } : {}), totalMs: Math.round(now() - started) } };
}
