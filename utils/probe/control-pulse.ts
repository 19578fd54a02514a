export interface ControlPulseOptions {
  /** One control request; resolves with whether the control host answered, and how fast. */
  send(): Promise<{ answered: boolean }>;
  /** How often a control request is issued while the pulse runs (one at a time). */
  intervalMs: number;
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
 * the pulse tells whether the control requests issued during the same time stalled too:
 * if so the browser or the network was saturated — by our own audit (a proxy's 32
 * sockets, the profile's 256), by the employee's downloads or by a congested link — and
 * the silence proves nothing about the service (OONI's rule: a failure is evidence of
 * blocking only when the control succeeds). See docs/scale.md.
 */
export function createControlPulse(options: ControlPulseOptions) {
  const { intervalMs, clock = Date.now } = options;
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
     * Whether the path was saturated while a probe waited over [from, to]: no control request
     * issued in that time got its answer before `to`, and one of those overlapping it failed or
     * was still waiting. Returns how long that control request went unanswered (ms), or
     * undefined when a control answered meanwhile (or none ran). A control issued after the
     * probe and answered before its deadline also proves the probe was not stuck behind
     * others: the browser's socket pools serve waiting requests in order.
     */
    stalledDuring(from: number, to: number): number | undefined {
      // A pulse whose control never answered at all measures itself, not the path: no verdict from it.
      if (!beats.some((b) => b.answered)) return undefined;
      if (beats.some((b) => b.sentAt > from && b.sentAt <= to && b.answered && (b.endedAt ?? Infinity) <= to)) return undefined;
      let worst: number | undefined;
      for (const b of beats) {
        const end = b.endedAt ?? Infinity;
        if (b.sentAt > to || end < from) continue;
        if (b.answered && end <= to) continue;
        if (b.endedAt === undefined && to - b.sentAt < intervalMs) continue; // too young to say
        const waited = Math.round(Math.min(end, to) - b.sentAt);
        worst = Math.max(worst ?? 0, waited);
      }
      return worst;
    },
    /** Control requests issued so far (for tests and the bench). */
    get count() {
      return beats.length;
    },
  };
}
export type ControlPulse = ReturnType<typeof createControlPulse>;
