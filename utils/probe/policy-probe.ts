import type { NavigationObservation } from './types';

/** Browser operations the policy probe needs; the Chrome adapter lives in utils/browser. */
export interface PolicyProbeDeps {
  /** Open an inactive tab (never focused) and return its id. */
  openHiddenTab(): Promise<number>;
  navigateTab(tabId: number, url: string): Promise<void>;
  closeTab(tabId: number): Promise<void>;
  /** Block every sub-frame request of that tab; returns the undo (which also drops the chains). */
  blockSubframes(tabId: number): Promise<() => Promise<void>>;
  /**
   * Replace that tab's chains: a sub-frame request for a chain's URL is redirected by our own
   * rule, before it reaches the network, to the chain's next URL (CHAIN_LENGTH). Absent where
   * chains are not used: one URL per frame.
   */
  chainFrames?(tabId: number, chains: readonly (readonly string[])[]): Promise<void>;
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
 * URLs one frame checks at most, through our own redirects. Chromium checks its policy again at
 * every redirect of a navigation (PolicyBlocklistNavigationThrottle::WillRedirectRequest runs the
 * same check as WillStartRequest), so a frame whose URL our rule sends on to the next URL, and so
 * on, checks every URL of its chain until one is blocked by the policy or the last one by our own
 * block rule: a redirect costs a fraction of a frame's error page (docs/scale.md: 40 URLs checked
 * in 0.5 s by 2 frames, against 2.2 s by 40). Chromium refuses a navigation's 20th redirect
 * (`ERR_TOO_MANY_REDIRECTS`, measured: 20 URLs pass, 21 do not); 16 leaves room for redirects
 * the browser or another extension may add (an HSTS upgrade is one).
 */
export const CHAIN_LENGTH = 16;

/** A frame's work: one URL, or a chain of them (normalised, distinct). */
interface Unit {
  urls: string[];
  /** Its frame already stayed silent once. */
  retried: boolean;
}

/**
 * Browser policy (`URLBlocklist`) stops navigations, not `fetch`, so the page
 * channel also gets a navigation probe: each URL is loaded in an iframe of an
 * extension page in an inactive tab, a batch at a time. Our own declarativeNetRequest
 * rules send a frame through its chain of URLs (CHAIN_LENGTH) and block its last one, so
 * nothing reaches the network and no cookie is sent. The browser checks its policy before
 * extensions see each request, so a chain ends at the first policy-blocked URL with
 * `net::ERR_BLOCKED_BY_ADMINISTRATOR`, or at its last URL with our own
 * `net::ERR_BLOCKED_BY_CLIENT`; every URL it went through passed the policy (`passedOnTo`), and
 * the URLs after a policy-blocked one are checked by a new chain. A frame that reports nothing
 * while its batch waited `timeoutMs` without news is tried once more at the end, then its URLs
 * get `timedOut` (no policy finding: a page the network lets through is then inconclusive).
 */
export async function probePolicy(targets: readonly PolicyTarget[], deps: PolicyProbeDeps, options: PolicyProbeOptions): Promise<NavigationObservation[]> {
  const { timeoutMs, batchSize = POLICY_BATCH_SIZE, now = () => performance.now(), clock = Date.now } = options;
  if (targets.length === 0) return [];
  const byUrl = new Map<string, PolicyTarget[]>();
  for (const t of targets) {
    const url = normalise(t.url);
    byUrl.set(url, [...(byUrl.get(url) ?? []), t]);
  }
  let chainLength = deps.chainFrames ? CHAIN_LENGTH : 1;

  // By origin (distinct within a batch, see takeBatch): the unit each URL of the current batch
  // belongs to and its place there; the batch's frames; and each frame's first answer.
  let current = new Map<string, { unit: Unit; at: number }>();
  let frames = 0;
  let answers = new Map<Unit, { at: number; error: string }>();
  let batchDone = () => {};
  let progress = () => {};
  const tabId = await deps.openHiddenTab();
  let unblock: (() => Promise<void>) | undefined;
  const stopListening = deps.onFrameError((e) => {
    if (e.tabId !== tabId || e.frameId === 0) return;
    // After a redirect Chromium reports only the frame's origin (measured: `https://host/` for
    // `https://host/robots.txt`, though its policy checked the whole URL), hence the origin.
    const place = current.get(originOf(e.url));
    // ERR_ABORTED is a frame we removed or a tab we closed: it says nothing of the policy.
    if (!place || answers.has(place.unit) || /ERR_ABORTED|NS_BINDING_ABORTED/.test(e.error)) return;
    answers.set(place.unit, { at: place.at, error: e.error });
    if (answers.size === frames) batchDone();
    else progress();
  });
  const all: NavigationObservation[] = [];
  const queue = unitsOf([...byUrl.keys()], chainLength, false);
  let first = true;
  try {
    unblock = await deps.blockSubframes(tabId);
    while (queue.length > 0) {
      const batch = takeBatch(queue, batchSize);
      if (deps.chainFrames && chainLength > 1) {
        try {
          await deps.chainFrames(tabId, batch.filter((u) => u.urls.length > 1).map((u) => u.urls));
        } catch {
          // The browser refused the rules (e.g. its rule quota): one URL per frame, as before
          // chains, once the last batch's chains are gone (a stale one would redirect a frame).
          chainLength = 1;
          await deps.chainFrames(tabId, []).catch(() => {});
          queue.unshift(...batch.flatMap((u) => unitsOf(u.urls, 1, u.retried)));
          continue;
        }
      }
      current = new Map(batch.flatMap((unit) => unit.urls.map((url, at) => [originOf(url), { unit, at }] as const)));
      frames = batch.length;
      answers = new Map();
      const started = now();
      const startedAt = clock();
      // The first batch also waits for the checker page itself to load; a retry waits as long.
      const firstWait = first || batch.some((u) => u.retried) ? 2 * timeoutMs : timeoutMs;
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
        const list = encodeURIComponent(JSON.stringify(batch.map((u) => u.urls[0])));
        deps.navigateTab(tabId, `${deps.checkerPageUrl}#${list}`).catch(() => batchDone());
      });
      const totalMs = Math.round(now() - started);
      const decided: [string, Pick<NavigationObservation, 'netError' | 'timedOut' | 'passedOnTo'>][] = [];
      for (const unit of batch) {
        const answer = answers.get(unit);
        if (!answer) {
          // Silent: on a busy machine a frame can stay silent past the wait; one more try, behind the others.
          if (unit.retried) decided.push(...unit.urls.map((url) => [url, { timedOut: true }] as [string, { timedOut: true }]));
          else queue.push({ urls: unit.urls, retried: true });
          continue;
        }
        for (let i = 0; i < answer.at; i++) decided.push([unit.urls[i] as string, { passedOnTo: unit.urls[i + 1] as string }]);
        const rest = unit.urls.slice(answer.at + 1);
        if (unit.urls.length === 1 || ENDS_A_CHAIN.test(answer.error)) {
          decided.push([unit.urls[answer.at] as string, { netError: answer.error }]);
          queue.push(...unitsOf(rest, chainLength, false));
        } else {
          // Anything else (too many redirects, say) is no answer for a chain: one URL per frame from there.
          queue.push(...unitsOf([unit.urls[answer.at] as string, ...rest], 1, false));
        }
      }
      const observations = decided.flatMap(([url, outcome]) => (byUrl.get(url) ?? []).map((t) => navigation(t, outcome, startedAt, timeoutMs, totalMs)));
      all.push(...observations);
      if (observations.length > 0) await options.onBatch?.(observations);
    }
  } finally {
    stopListening();
    // Not awaited: every frame has answered, and closing a tab took up to a few hundred ms of a
    // busy browser that the audit's end need not wait for. The rules go once the tab is gone.
    void deps
      .closeTab(tabId)
      .catch(() => {})
      .then(() => unblock?.())
      .catch(() => {});
  }
  return all;
}

/** The errors that end a chain with an answer: the policy's block, or our own rule's (or another extension's). */
const ENDS_A_CHAIN = /ERR_BLOCKED_BY_ADMINISTRATOR|ERR_BLOCKED_BY_CLIENT/;

/**
 * Frames for `urls`: chains of up to `length` URLs of distinct origins, except URLs our redirect
 * rule could not match exactly (a fragment is never part of the request; `*`, `^` and `|` mean
 * something in a declarativeNetRequest filter), which get a frame of their own.
 */
function unitsOf(urls: readonly string[], length: number, retried: boolean): Unit[] {
  const units: Unit[] = [];
  const later: string[] = [];
  let chain: string[] = [];
  const origins = new Set<string>();
  for (const url of urls) {
    const origin = originOf(url);
    if (length === 1 || /[#*^|]/.test(url)) {
      units.push({ urls: [url], retried });
    } else if (origins.has(origin)) {
      later.push(url);
    } else {
      chain.push(url);
      origins.add(origin);
      if (chain.length === length) {
        units.push({ urls: chain, retried });
        chain = [];
        origins.clear();
      }
    }
  }
  if (chain.length > 0) units.push({ urls: chain, retried });
  return later.length > 0 ? [...units, ...unitsOf(later, length, retried)] : units;
}

/**
 * The next batch: up to `size` frames from the front of the queue whose URLs have origins no other
 * frame of the batch has, so that an error reported by origin names one URL of one frame.
 */
function takeBatch(queue: Unit[], size: number): Unit[] {
  const batch: Unit[] = [];
  const origins = new Set<string>();
  for (let i = 0; i < queue.length && batch.length < size; ) {
    const unit = queue[i] as Unit;
    const own = unit.urls.map(originOf);
    if (batch.length > 0 && own.some((o) => origins.has(o))) {
      i++;
      continue;
    }
    for (const o of own) origins.add(o);
    batch.push(unit);
    queue.splice(i, 1);
  }
  return batch;
}

function navigation(
  t: PolicyTarget,
  outcome: Pick<NavigationObservation, 'netError' | 'timedOut' | 'passedOnTo'>,
  startedAt: number,
  timeoutMs: number,
  totalMs: number,
): NavigationObservation {
  return {
    serviceId: t.serviceId,
    channel: 'page',
    kind: 'navigation',
    url: t.url,
    startedAt,
    redirects: [],
    timeoutMs,
    timings: { totalMs },
    ...outcome,
  };
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function normalise(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}
