/**
 * How many probes may be *starting* at once: sent, and not yet answered by anything (headers, an
 * error, an opened socket). On loopback the browser handles requests one at a time on its network
 * and UI threads, so every request in flight lengthens every other's time to an answer; on a real
 * network, and on one that drops packets, the wait is the network's. The window is modelled on TCP
 * Vegas (Brakmo & Peterson, 1995): the time to a first answer is compared with the lowest it has
 * been (Vegas' BaseRTT); the window grows while it stays near that baseline and shrinks when it
 * rises (a queue). A probe leaves the window at its first answer, or unanswered when
 *  - a probe sent after it was answered and it has waited twice that one's time: requests are
 *    served in order, so it is not waiting behind the others (the control pulse's reasoning);
 *  - or it waited `releaseAfterMs()`: a multiple of recent answer times, or `bootstrapMs` while
 *    no probe has answered yet.
 * It then stays in flight under the pool's other bounds. When the first answers take longer than
 * `bootstrapMs`, or none comes, the path is long (a distant network), drops, or the browser is
 * too loaded to answer quickly: the window opens to its maximum and stays there, as the pool was
 * without it (see `open`). A probe released while probes answer, but none since it was sent,
 * widens the window by one.
 * See docs/scale.md, "The starting window".
 */
export interface StartWindowOptions {
  /** Probes starting at once before anything was measured. */
  initial: number;
  /** Never fewer than this. */
  min: number;
  /** Never more than this (the pool's overall bound). */
  max: number;
  /** How long the first probes may wait for the first answer before time alone releases them. */
  bootstrapMs: number;
  /** Once probes answer, time alone releases one after at least this long… */
  floorMs: number;
  /** …and at most this long (a fraction of the probe timeout). */
  ceilingMs: number;
}

/** Answers in the moving sample the window judges by: one near or far host moves nothing alone. */
export const SAMPLE_SIZE = 8;
/** Grow while the recent time to a first answer is within this factor of the baseline. */
export const GROW_BELOW = 1.5;
/** Shrink once it is above this factor: the queue is longer than the path itself. */
export const SHRINK_ABOVE = 2.5;
/** Time alone releases a probe after this many times the recent time to a first answer. */
export const RELEASE_FACTOR = 3;
/** A probe answered after one sent later released that one after this many times its own time. */
export const OVERTAKEN_FACTOR = 2;
/** Answers of the recent sample that overtook older probes, from which the paths differ rather than queue. */
export const REORDERED_PATHS = 2;

export function createStartWindow(options: StartWindowOptions) {
  const { min, floorMs, bootstrapMs } = options;
  const ceilingMs = Math.max(floorMs, options.ceilingMs);
  let max = Math.max(min, options.max);
  let size = clamp(options.initial, min, max);
  /** Probes starting: when each was sent. */
  const young = new Map<unknown, number>();
  /** The last SAMPLE_SIZE times to a first answer, and whether each overtook an older probe. */
  const recent: number[] = [];
  const overtook: boolean[] = [];
  let answers = 0;
  let base: number | undefined;
  let lastAnswerAt = -Infinity;
  /** No probe answered within `bootstrapMs`: the window opened, and stays open (see `due`). */
  let opened = false;

  /**
   * The first answers took longer than `bootstrapMs` (or none came): on loopback or a LAN the
   * browser's queue answers the first of a window within tens of ms, so the path itself is long
   * (a distant network) or drops. There is no queue of ours to protect, and the first answers of
   * a wide batch are the nearest hosts', too fast a baseline to judge the others by: the window
   * opens to its maximum, as the pool was without it, and stays open.
   */
  const open = () => {
    size = max;
    opened = true;
  };
  const recentMedian = (): number | undefined => {
    if (recent.length === 0) return undefined;
    const sorted = [...recent].sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)];
  };
  const releaseAfterMs = (): number => {
    const m = recentMedian();
    return m === undefined ? bootstrapMs : clamp(Math.round(RELEASE_FACTOR * m), floorMs, ceilingMs);
  };
  /**
   * Vegas: grow while answers come near the baseline time, shrink when they queue. A queue answers
   * in order; answers that overtake older probes come from paths of different lengths (a real
   * network's hosts, near and far), where a slow answer is the path's and not a queue — and where
   * the first answers of a batch, the nearest hosts', make the baseline too low to judge by.
   */
  const judge = () => {
    // Judge only once the sample says more than one host's distance.
    if (opened || answers < SAMPLE_SIZE / 2) return;
    const m = recentMedian() as number;
    if (base === undefined && m > bootstrapMs) return open();
    base = base === undefined ? m : Math.min(base, m);
    const paths = overtook.filter(Boolean).length >= REORDERED_PATHS;
    // One per answer while answers stay near the baseline: doubling per round trip, like Vegas' slow start.
    if (paths || m <= GROW_BELOW * base) size = Math.min(max, size + 1);
    else if (m > SHRINK_ABOVE * base) size = Math.max(min, size - 1);
  };

  return {
    /** The number of probes that may be starting at once now. */
    get size() {
      return size;
    },
    /** Probes starting now. */
    get starting() {
      return young.size;
    },
    /** Whether another probe may start. */
    canStart(): boolean {
      return young.size < size;
    },
    start(id: unknown, now: number): void {
      young.set(id, now);
    },
    /** `id` got its first answer (idempotent; a released probe's answer tells nothing more). */
    answered(id: unknown, now: number): void {
      const sentAt = young.get(id);
      if (sentAt === undefined) return;
      young.delete(id);
      const took = Math.max(0, now - sentAt);
      lastAnswerAt = now;
      answers++;
      recent.push(took);
      if (recent.length > SAMPLE_SIZE) recent.shift();
      // Older probes this one overtook are waiting on the network, not behind it.
      let passed = false;
      for (const [other, at] of young) {
        if (at >= sentAt || now - at <= OVERTAKEN_FACTOR * took) continue;
        young.delete(other);
        passed = true;
      }
      overtook.push(passed);
      if (overtook.length > SAMPLE_SIZE) overtook.shift();
      judge();
    },
    /** Releases the probes that waited `releaseAfterMs()`. */
    due(now: number): void {
      const after = releaseAfterMs();
      for (const [id, at] of young) {
        if (now - at < after) continue;
        young.delete(id);
        if (answers === 0) open();
        else if (lastAnswerAt < at) size = Math.min(max, size + 1);
      }
    },
    /** When the next probe falls due, or undefined when none is starting. */
    nextDueAt(): number | undefined {
      let oldest: number | undefined;
      for (const at of young.values()) oldest = oldest === undefined ? at : Math.min(oldest, at);
      return oldest === undefined ? undefined : oldest + releaseAfterMs();
    },
    releaseAfterMs,
    /** The pool found the browser or network saturated: halve, like the overall bound. */
    backOff(newMax: number): void {
      max = Math.max(min, newMax);
      size = clamp(Math.floor(size / 2), min, max);
    },
  };
}
export type StartWindow = ReturnType<typeof createStartWindow>;

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
