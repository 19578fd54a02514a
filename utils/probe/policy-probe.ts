import type { NavigationObservation } from './types';

/** Browser operations the policy probe needs; the Chrome adapter lives in utils/browser. */
export interface PolicyProbeDeps {
  /** Open an inactive tab (never focused) and return its id. */
  openHiddenTab(): Promise<number>;
  navigateTab(tabId: number, url: string): Promise<void>;
  closeTab(tabId: number): Promise<void>;
  /** Block every sub-frame request of that tab; returns the undo. */
  blockSubframes(tabId: number): Promise<() => Promise<void>>;
  onFrameError(listener: (e: { tabId: number; frameId: number; url: string; error: string }) => void): () => void;
  /** URL of the extension page that turns a `#` list of URLs into iframes (replacing the last list's). */
  checkerPageUrl: string;
}

export interface PolicyTarget {
  serviceId: string;
  url: string;
}

export interface PolicyProbeOptions {
  /**
   * How long a batch may go without any of its frames reporting. Progress restarts the
   * clock: under load a batch of frames can take seconds, and waiting costs nothing.
   */
  timeoutMs: number;
  /** Frames per batch (POLICY_BATCH_SIZE). */
  batchSize?: number;
  /** Called with each batch's observations as soon as the batch is decided. */
  onBatch?: (observations: NavigationObservation[]) => void | Promise<void>;
  now?: () => number;
  clock?: () => number;
}

/**
 * Frames loaded at once in the policy-check tab. Hundreds of frames at once flooded the
 * tab's renderer and the browser's UI thread, which also starts every fetch the audit
 * makes: probes then waited seconds before being sent (measured in docs/scale.md). A
 * batch this size costs about what a page with a few embedded frames costs.
 */
export const POLICY_BATCH_SIZE = 20;

/**
 * Browser policy (`URLBlocklist`) stops navigations, not `fetch`, so the page
 * channel also gets a navigation probe: each URL is loaded in an iframe of an
 * extension page in an inactive tab, a batch at a time. Our own declarativeNetRequest
 * rule blocks every one of those frames, so nothing reaches the network and no cookie
 * is sent. The browser checks its policy before extensions see the request,
 * so a policy-blocked URL fails with `net::ERR_BLOCKED_BY_ADMINISTRATOR` and
 * any other with our own `net::ERR_BLOCKED_BY_CLIENT`. A frame that reports neither
 * while its batch waited `timeoutMs` without news is tried once more at the end, then gets
 * `timedOut` (no policy finding: a page the network lets through is then inconclusive).
 */
export async function probePolicy(targets: readonly PolicyTarget[], deps: PolicyProbeDeps, options: PolicyProbeOptions): Promise<NavigationObservation[]> {
  const { timeoutMs, batchSize = POLICY_BATCH_SIZE, now = () => performance.now(), clock = Date.now } = options;
  if (targets.length === 0) return [];
  const errors = new Map<string, string>();
  let current = new Set<string>();
  let batchDone = () => {};
  let progress = () => {};
  const tabId = await deps.openHiddenTab();
  let unblock: (() => Promise<void>) | undefined;
  const stopListening = deps.onFrameError((e) => {
    if (e.tabId !== tabId || e.frameId === 0) return;
    const url = normalise(e.url);
    // ERR_ABORTED is a frame we removed or a tab we closed: it says nothing of the policy.
    if (!current.has(url) || errors.has(url) || /ERR_ABORTED|NS_BINDING_ABORTED/.test(e.error)) return;
    errors.set(url, e.error);
    if ([...current].every((u) => errors.has(u))) batchDone();
    else progress();
  });
  const all: NavigationObservation[] = [];
  // Frames that never reported get one more try, queued behind the others: on a busy
  // machine a frame can stay silent past the wait, and an unanswered check leaves the page inconclusive.
  const queue = [...targets];
  const retried = new Set<PolicyTarget>();
  let first = true;
  try {
    unblock = await deps.blockSubframes(tabId);
    while (queue.length > 0) {
      const batch = queue.splice(0, batchSize);
      current = new Set(batch.map((t) => normalise(t.url)));
      const started = now();
      const startedAt = clock();
      // The first batch also waits for the checker page itself to load; a retry waits as long.
      const firstWait = first || batch.some((t) => retried.has(t)) ? 2 * timeoutMs : timeoutMs;
      first = false;
      await new Promise<void>((resolve) => {
        let timer = setTimeout(resolve, firstWait);
        progress = () => {
          clearTimeout(timer);
          timer = setTimeout(resolve, timeoutMs);
        };
        batchDone = () => {
          clearTimeout(timer);
          resolve();
        };
        if ([...current].every((u) => errors.has(u))) batchDone();
        const list = encodeURIComponent(JSON.stringify([...current]));
        deps.navigateTab(tabId, `${deps.checkerPageUrl}#${list}`).catch(() => batchDone());
      });
      const totalMs = Math.round(now() - started);
      const silent = batch.filter((t) => !errors.has(normalise(t.url)) && !retried.has(t));
      for (const t of silent) retried.add(t);
      queue.push(...silent);
      const decided = batch.filter((t) => !silent.includes(t));
      const observations = decided.map((t) => navigation(t, errors.get(normalise(t.url)), startedAt, timeoutMs, totalMs));
      all.push(...observations);
      if (observations.length > 0) await options.onBatch?.(observations);
    }
  } finally {
    stopListening();
    await deps.closeTab(tabId).catch(() => {});
    await unblock?.().catch(() => {});
  }
  return all;
}

function navigation(t: PolicyTarget, netError: string | undefined, startedAt: number, timeoutMs: number, totalMs: number): NavigationObservation {
  return {
    serviceId: t.serviceId,
    channel: 'page',
    kind: 'navigation',
    url: t.url,
    startedAt,
    redirects: [],
    timeoutMs,
    timings: { totalMs },
    ...(netError ? { netError } : { timedOut: true }),
  };
}

function normalise(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}
