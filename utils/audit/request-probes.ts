import type { FetchObservation, WebSocketObservation } from '../probe/types';
import { BROWSER_SOCKET_LIMITS, createHostPool } from '../probe/host-pool';
import { createControlPulse, type ControlPulse } from '../probe/control-pulse';
import { createStartWindow } from '../probe/start-window';
import type { ProbeFns } from '../probe/probe-fns';
import { hostProbeUrl, type ProbeTask } from './plan';
import { CONTROLS, probeKey } from '../probe/probe-id';

/** A probe's results, keyed as stored: the WebSocket's follow-up HTTPS probe comes first. */
export type ProbeResults = readonly (readonly [string, FetchObservation | WebSocketObservation])[];

export interface RequestProbeRun {
  tasks: readonly ProbeTask[];
  probes: ProbeFns;
  timeoutMs: number;
  /** Requests in flight at most (the audit's `concurrency` option). */
  concurrency: number;
  /** A control URL that answered at the start of this audit; without one there is no pulse. */
  controlUrl?: string;
  onResult(results: ProbeResults, task: ProbeTask): Promise<void>;
  /**
   * Called once, when every probe has been sent and none sent less than QUIET_AFTER_MS ago is
   * still waiting: what is left is waiting on the network (silence, slow hosts), and work that
   * costs CPU can run beside it without being counted in a probe's timer.
   */
  onQuiet?: () => void;
}

/** How often, at most, the pulse sends a control request while probes run (and at least 8 times per probe timeout). */
export const PULSE_INTERVAL_MS = 1000;
/**
 * How long after its start a probe that has not answered is taken to be waiting on the network
 * rather than on the machine: on loopback at load 12–15, reachable probes answered in 0.3–1.8 s,
 * half of them within ~0.9 s (docs/scale.md). CPU spent beside a probe past this point can at
 * worst delay a slow answer, which the timeout still covers.
 */
export const QUIET_AFTER_MS = 1000;
/** How often a probe is asked again after the pulse showed its silence was saturation. */
export const SATURATION_RETRIES = 2;
/**
 * The starting window (utils/probe/start-window.ts, docs/scale.md "The starting window"): on
 * loopback, 16 requests in flight gave a probe median of 100–131 ms where 96 gave 375–570 ms, in
 * the same total time; the window then adapts between `min` and the overall bound.
 */
export const START_WINDOW = { initial: 16, min: 8, bootstrapMs: 120, floorMs: 50 } as const;

/**
 * The fetch and WebSocket probes of an audit, within the browser's socket limits (per
 * host; overall under the profile's 256) and with the control pulse running: a probe that
 * met silence while no control request got through either is marked `controlStalledMs`, the
 * overall bound is halved (a proxy's 32 sockets are the usual culprit) and the probe is
 * asked again behind the others, at most SATURATION_RETRIES times (docs/scale.md).
 */
export async function runRequestProbes(run: RequestProbeRun): Promise<{ pulses: number; limit: number }> {
  const { probes, timeoutMs } = run;
  const limit = Math.min(run.concurrency, BROWSER_SOCKET_LIMITS.perProfile / 2);
  // A probe unanswered after a quarter of its timeout is waiting on the network, whatever else.
  const starting = createStartWindow({ ...START_WINDOW, max: limit, ceilingMs: Math.round(timeoutMs / 4) });
  const pool = createHostPool({ limit, perHost: BROWSER_SOCKET_LIMITS.perHost, startWindow: starting });
  const pulse = run.controlUrl ? startPulse(probes, run.controlUrl, timeoutMs) : undefined;

  const mark = <T extends FetchObservation | WebSocketObservation>(o: T): T => {
    if (!pulse || !o.timedOut || o.status !== undefined) return o;
    // From the moment the browser started our request: a control sent later queues behind it.
    const stalled = pulse.stalledDuring(o.startedAt + (o.timings.queuedMs ?? 0), o.startedAt + o.timings.totalMs);
    return stalled === undefined ? o : { ...o, controlStalledMs: stalled };
  };
  const probe = async (task: ProbeTask, answered: () => void): Promise<ProbeResults> => {
    const hooks = { onFirstAnswer: answered };
    if (task.kind === 'fetch') return [[task.key, mark(await probes.fetch(task, timeoutMs, hooks))]];
    const ws = mark(await probes.webSocket(task, timeoutMs, hooks));
    // Opened: reachable. Timed out: the silence is the answer, and asking again would double the wait.
    if (ws.ws.opened || ws.timedOut) return [[task.key, ws]];
    // A failed socket says nothing of why: ask the same host over HTTPS.
    const host = mark(await probes.fetch({ ...task, url: hostProbeUrl(task.url) }, timeoutMs));
    // Stored before the socket, so the socket's key means "realtime complete".
    return [
      [probeKey({ serviceId: task.serviceId, channel: task.channel, kind: 'fetch' }), host],
      [task.key, ws],
    ];
  };
  // Probes not yet sent, and when each sent one started (for onQuiet).
  let unsent = 0;
  const sentAt = new Map<ProbeTask, number>();
  let quietTimer: ReturnType<typeof setInterval> | undefined;
  let quiet = false;
  const checkQuiet = () => {
    if (quiet || unsent > 0 || [...sentAt.values()].some((at) => Date.now() - at < QUIET_AFTER_MS)) return;
    quiet = true;
    clearInterval(quietTimer);
    run.onQuiet?.();
  };
  const saturated = (results: ProbeResults) => results.some(([, o]) => o.controlStalledMs !== undefined || o.notSent);
  const attempt = async (task: ProbeTask, tries: number): Promise<ProbeResults> => {
    const slot = { host: hostOf(task.url), ...(task.kind === 'websocket' ? { exclusiveKey: task.url } : {}) };
    unsent++;
    const results = await pool.run(slot, async (answered) => {
      unsent--;
      sentAt.set(task, Date.now());
      try {
        return await probe(task, answered);
      } finally {
        sentAt.delete(task);
      }
    });
    if (!saturated(results) || tries >= SATURATION_RETRIES) return results;
    pool.backOff();
    return attempt(task, tries + 1);
  };

  pulse?.start();
  if (run.onQuiet) quietTimer = setInterval(checkQuiet, 100);
  try {
    await Promise.all(run.tasks.map(async (task) => run.onResult(await attempt(task, 0), task)));
  } finally {
    pulse?.stop();
    clearInterval(quietTimer);
  }
  checkQuiet();
  return { pulses: pulse?.count ?? 0, limit: pool.limit };
}

/**
 * The pulse's control request: the same fetch probe of a connectivity-check host, with the
 * probes' own timeout, several of them inside every probe's wait.
 */
function startPulse(probes: ProbeFns, url: string, timeoutMs: number): ControlPulse {
  return createControlPulse({
    intervalMs: Math.min(PULSE_INTERVAL_MS, Math.round(timeoutMs / 8)),
    send: async () => {
      const o = await probes.fetch({ serviceId: CONTROLS.connectivity.serviceId, channel: CONTROLS.connectivity.channel, url }, timeoutMs);
      return { answered: o.status !== undefined };
    },
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
