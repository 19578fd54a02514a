import type { ControlResult, Observation } from '../probe/types';
import { hostOf } from './domains';
import { detectProxyResponse } from './proxy-response';
import { viewOf } from './response-view';

/**
 * Decide the run's connectivity control (CONTROL_URLS: OS connectivity-check hosts).
 * Any HTTP answer from one control host proves the network works — unless it is a
 * proxy deny, which only proves the proxy works. If every control host failed, the
 * result names each error so the evidence view can show why nothing was judged.
 */
export function classifyControl(observations: readonly Observation[]): ControlResult {
  const list = [...observations];
  if (list.some(answered)) return { ok: true, observations: list };
  if (list.length === 0) return { ok: false, observations: list, reason: 'No control host was probed.' };
  const failures = list.map((o) => `${hostOf(o.url) ?? o.url} (${failureOf(o)})`);
  return { ok: false, observations: list, reason: `No control host answered: ${failures.join(', ')}.` };
}

function answered(obs: Observation): boolean {
  return obs.status !== undefined && !detectProxyResponse(viewOf(obs));
}

function failureOf(obs: Observation): string {
  if (obs.status !== undefined) {
    const squid = obs.headers?.['x-squid-error'];
    return `proxy answered HTTP ${obs.status}${squid ? ` ${squid}` : ''}`;
  }
  if (obs.timedOut) return `no answer within ${obs.timeoutMs} ms`;
  return obs.netError ?? obs.jsError ?? 'no response';
}
