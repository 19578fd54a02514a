import { browser } from 'wxt/browser';
import type { ProbeFns } from '../audit/run-audit';
import type { Observation } from '../probe/types';

/** How long to wait for an error event that trails a failed probe (Firefox: cross-process IPC). */
const MAX_WAIT_MS = 1500;
const POLL_MS = 25;
const MAX_REMEMBERED = 500;

/**
 * Firefox only. In the Firefox lab, about one run in two lost some `netError`s: Firefox delivers
 * webRequest events from the parent process, and under a full audit's concurrency
 * `onErrorOccurred` (sometimes `onBeforeRequest` too) arrived after the rejected fetch had been
 * settled by the shared tracker's short wait, leaving "no response" with no cause. This adapter
 * keeps its own record of errors by URL and, for a probe that failed without an error, waits a
 * little longer for one that happened after the probe started. Chrome's probes are unchanged.
 */
export function withFirefoxLateErrors(probes: ProbeFns, isFirefox = hasSecurityInfo()): ProbeFns {
  if (!isFirefox) return probes;
  const errors = new Map<string, { error: string; at: number }>();
  browser.webRequest.onErrorOccurred.addListener(
    (e) => {
      errors.delete(e.url);
      errors.set(e.url, { error: e.error, at: Date.now() });
      if (errors.size > MAX_REMEMBERED) errors.delete(errors.keys().next().value!);
    },
    { urls: ['<all_urls>'], tabId: -1 },
  );
  const complete = async (obs: Observation): Promise<Observation> => {
    if (obs.netError || obs.status !== undefined || obs.timedOut || obs.ws?.opened) return obs;
    const deadline = Date.now() + MAX_WAIT_MS;
    for (;;) {
      const seen = errors.get(obs.url);
      if (seen && seen.at >= obs.startedAt) return { ...obs, netError: seen.error };
      if (Date.now() >= deadline) return obs;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  };
  return {
    ...probes,
    fetch: async (task, timeoutMs) => complete(await probes.fetch(task, timeoutMs)),
    webSocket: async (task, timeoutMs) => complete(await probes.webSocket(task, timeoutMs)),
  };
}

/** `webRequest.getSecurityInfo` exists only in Firefox: a feature test, not a user-agent guess. */
export function hasSecurityInfo(): boolean {
  return typeof (browser.webRequest as unknown as { getSecurityInfo?: unknown }).getSecurityInfo === 'function';
}
