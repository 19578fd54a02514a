import type { StartWindow } from './start-window';

/**
 * Chromium's socket limits (net/socket/client_socket_pool_manager.{h,cc}; docs/scale.md):
 * a request past one of them waits inside the browser, where our timer would count the
 * wait as network silence.
 */
export const BROWSER_SOCKET_LIMITS = {
  /** Connections per host (socket group: scheme, host, port, privacy mode). */
  perHost: 6,
  /** Connections through one proxy (or proxy chain), all hosts together. */
  perProxy: 32,
  /** Connections of the whole profile, every tab included. */
  perProfile: 256,
} as const;

export interface HostPoolOptions {
  /** Requests in flight at most, all hosts together. */
  limit: number;
  /** Requests in flight at most per host. */
  perHost: number;
  /** `backOff` never goes below this. */
  minLimit?: number;
  /**
   * Bounds the probes still *starting* (sent, not yet answered); without it every probe in
   * flight may be starting. Each job is released from it at its first answer, at its end, or
   * after `startWindow.releaseAfterMs()` (docs/scale.md, "The starting window").
   */
  startWindow?: StartWindow;
  clock?: () => number;
}

export interface PoolSlot {
  host: string;
  /** At most one job per key runs at a time (e.g. two WebSocket probes of one URL). */
  exclusiveKey?: string;
}

/**
 * Runs jobs with a bound on jobs in flight overall and per host, in submission order
 * except that a job whose host (or key) is busy lets later jobs pass. `backOff` halves
 * the overall bound when the audit finds the browser or network saturated (ControlPulse):
 * behind a proxy, everything shares that proxy's 32 sockets, which nothing else tells us.
 */
export function createHostPool(options: HostPoolOptions) {
  const { perHost, minLimit = 4, startWindow, clock = Date.now } = options;
  let limit = Math.max(1, options.limit);
  let inFlight = 0;
  const byHost = new Map<string, number>();
  const busyKeys = new Set<string>();
  const queue: { slot: PoolSlot; start: () => void }[] = [];
  let dueTimer: ReturnType<typeof setTimeout> | undefined;

  const free = (slot: PoolSlot) => (byHost.get(slot.host) ?? 0) < perHost && !(slot.exclusiveKey && busyKeys.has(slot.exclusiveKey));
  const pump = () => {
    for (let i = 0; i < queue.length && inFlight < limit && (!startWindow || startWindow.canStart()); ) {
      const item = queue[i];
      if (!item) break;
      if (!free(item.slot)) {
        i++;
        continue;
      }
      queue.splice(i, 1);
      inFlight++;
      byHost.set(item.slot.host, (byHost.get(item.slot.host) ?? 0) + 1);
      if (item.slot.exclusiveKey) busyKeys.add(item.slot.exclusiveKey);
      item.start();
    }
  };
  const release = (slot: PoolSlot) => {
    inFlight--;
    const n = (byHost.get(slot.host) ?? 1) - 1;
    if (n > 0) byHost.set(slot.host, n);
    else byHost.delete(slot.host);
    if (slot.exclusiveKey) busyKeys.delete(slot.exclusiveKey);
    pump();
  };

  /** One timer, for the starting probe that falls due first. */
  const schedule = () => {
    clearTimeout(dueTimer);
    const at = startWindow?.nextDueAt();
    if (at === undefined) return;
    dueTimer = setTimeout(() => {
      startWindow?.due(clock());
      schedule();
      pump();
    }, Math.max(0, at - clock()));
  };
  /** Follows a job as starting; returns its `answered` callback (idempotent). */
  const follow = (): (() => void) => {
    if (!startWindow) return () => {};
    const id = {};
    startWindow.start(id, clock());
    schedule();
    return () => {
      startWindow.answered(id, clock());
      schedule();
      pump();
    };
  };

  return {
    /**
     * Run `job` once a slot is free; settles with the job. The job calls `answered` at its
     * request's first answer (headers, an error, an opened socket); its end counts as one.
     */
    run<T>(slot: PoolSlot, job: (answered: () => void) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({
          slot,
          start: () => {
            const answered = follow();
            job(answered).finally(answered).then(
              (value) => {
                release(slot);
                resolve(value);
              },
              (error: unknown) => {
                release(slot);
                reject(error);
              },
            );
          },
        });
        pump();
      });
    },
    /** Halve the overall bound (not below `minLimit`); returns the new bound. */
    backOff(): number {
      limit = Math.max(Math.min(minLimit, limit), Math.floor(limit / 2));
      startWindow?.backOff(limit);
      return limit;
    },
    get limit() {
      return limit;
    },
    get inFlight() {
      return inFlight;
    },
    /** Jobs still starting (sent, unanswered, not released). */
    get starting() {
      return startWindow?.starting ?? inFlight;
    },
  };
}
export type HostPool = ReturnType<typeof createHostPool>;
