import type { Observation } from './types';

/** Browser operations the policy probe needs; the Chrome adapter lives in utils/browser. */
export interface PolicyProbeDeps {
  /** Open an inactive tab (never focused) and return its id. */
  openHiddenTab(): Promise<number>;
  navigateTab(tabId: number, url: string): Promise<void>;
  closeTab(tabId: number): Promise<void>;
  /** Block every sub-frame request of that tab; returns the undo. */
  blockSubframes(tabId: number): Promise<() => Promise<void>>;
  onFrameError(listener: (e: { tabId: number; frameId: number; url: string; error: string }) => void): () => void;
  /** URL of the extension page that turns a `#` list of URLs into iframes. */
  checkerPageUrl: string;
}

export interface PolicyTarget {
  serviceId: string;
  url: string;
}

/**
 * Browser policy (`URLBlocklist`) stops navigations, not `fetch`, so the page
 * channel also gets a navigation probe: each URL is loaded in an iframe of an
 * extension page in an inactive tab. Our own declarativeNetRequest rule blocks
 * every one of those frames, so nothing reaches the network and no cookie is
 * sent. The browser checks its policy before extensions see the request,
 * so a policy-blocked URL fails with `net::ERR_BLOCKED_BY_ADMINISTRATOR` and
 * any other with our own `net::ERR_BLOCKED_BY_CLIENT`.
 */
export async function probePolicy(
  targets: readonly PolicyTarget[],
  deps: PolicyProbeDeps,
  timeoutMs: number,
  now: () => number = () => performance.now(),
  clock: () => number = Date.now,
): Promise<Observation[]> {
  if (targets.length === 0) return [];
  const started = now();
  const startedAt = clock();
  const errors = new Map<string, string>();
  const wanted = new Set(targets.map((t) => normalise(t.url)));
  const tabId = await deps.openHiddenTab();
  let unblock: (() => Promise<void>) | undefined;
  let stopListening: (() => void) | undefined;
  try {
    unblock = await deps.blockSubframes(tabId);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      stopListening = deps.onFrameError((e) => {
        if (e.tabId !== tabId || e.frameId === 0) return;
        const url = normalise(e.url);
        if (!wanted.has(url) || errors.has(url)) return;
        errors.set(url, e.error);
        if (errors.size === wanted.size) {
          clearTimeout(timer);
          resolve();
        }
      });
      const list = encodeURIComponent(JSON.stringify([...wanted]));
      deps.navigateTab(tabId, `${deps.checkerPageUrl}#${list}`).catch(() => resolve());
    });
  } finally {
    stopListening?.();
    await deps.closeTab(tabId).catch(() => {});
    await unblock?.().catch(() => {});
  }
  const totalMs = Math.round(now() - started);
  return targets.map((t) => {
    const netError = errors.get(normalise(t.url));
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
    } satisfies Observation;
  });
}

function normalise(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}
