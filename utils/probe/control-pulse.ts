export interface ControlPulseOptions {
  /** One control request; resolves with whether the control host answered, and how fast. */
  send(): Promise<{ answered: boolean }>;
  /** How often a control request is issued while the pulse runs (one at a time). */
  intervalMs: number;
  /** A control request unanswered for longer than this has stalled. */
  stallMs: number;
  clock?: () => number;
}

interface Beat {
  sentAt: number;
  endedAt?: number;
  answered?: boolean;
}

/**
 * While probes run, a small control request (a connectivity-check host that answered at
 * the start of the audit) goes out every `intervalMs`. When a probe then meets silence,
 * the pulse tells whether a control request issued during the same time also stalled:
 * if so the browser or the network was saturated — by our own audit (a proxy's 32
 * sockets, the profile's 256), by the employee's downloads or by a congested link — and
 * the silence proves nothing about the service (OONI's rule: a failure is evidence of
 * blocking only when the control succeeds). See docs/scale.md.
 */
export function createControlPulse(options: ControlPulseOptions) {
  const { intervalMs, stallMs, clock = Date.now } = options;
  const beats: Beat[] = [];
  let timer: ReturnType<typeof setInterval> | undefined;
  let pending = false;

  const beat = async () => {
    if (pending) return; // the unanswered one already speaks for this moment
    pending = true;
    const b: Beat = { sentAt: clock() };
    beats.push(b);
    try {
      b.answered = (await options.send()).answered;
    } catch {
      b.answered = false;
    }
    b.endedAt = clock();
    pending = false;
  };

  const stalledFor = (b: Beat, at: number): number | undefined => {
    const waited = (b.endedAt ?? at) - b.sentAt;
    if (b.endedAt === undefined) return waited > stallMs ? waited : undefined;
    return !b.answered || waited > stallMs ? waited : undefined;
  };

  return {
    start(): void {
      if (timer) return;
      void beat();
      timer = setInterval(() => void beat(), intervalMs);
    },
    stop(): void {
      clearInterval(timer);
      timer = undefined;
    },
    /**
     * How long a control request that overlapped [from, to] went unanswered (failed or
     * stalled past `stallMs`), or undefined when every one answered in time.
     */
    stalledDuring(from: number, to: number): number | undefined {
      const at = clock();
      for (const b of beats) {
        const waited = stalledFor(b, at);
        if (waited === undefined) continue;
        if (b.sentAt <= to && (b.endedAt ?? at) >= from) return Math.round(waited);
      }
      return undefined;
    },
    /** Control requests issued so far (for tests and the bench). */
    get count() {
      return beats.length;
    },
  };
}
export type ControlPulse = ReturnType<typeof createControlPulse>;
