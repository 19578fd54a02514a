/** Retry timing after failed uploads. */
export interface BackoffPolicy {
  /** First retry delay, ms. */
  baseMs: number;
  /** Longest delay, ms. */
  capMs: number;
}

/** 30 s (Chrome's alarm floor) doubling to 6 h: a receiver down for a weekend is retried ~20 times, not 10 000. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, capMs: 6 * 3600_000 };

/**
 * Delay before the next attempt after `failures` consecutive failures (≥ 1):
 * exponential, capped, with "equal jitter" (half fixed, half random) so a
 * fleet that lost its receiver at the same moment does not retry in lockstep,
 * yet never retries sooner than half the nominal delay.
 */
export function backoffDelayMs(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const nominal = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, Math.min(30, failures - 1)));
  return Math.round(nominal / 2 + random() * (nominal / 2));
}
