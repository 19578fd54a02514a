/**
 * A token bucket per key (the report's install id; the client address when a report
 * has none). `burst` covers an extension draining its full upload queue (200 reports,
 * utils/upload) after an outage; `perMinute` is far above a real schedule (Chrome's
 * alarm floor is 30 s, so 2 audits a minute) and far below a flood. The extension
 * treats 429 as transient and retries with backoff, so nothing honest is lost.
 */
export function createRateLimiter({ burst = 240, perMinute = 20, now = Date.now, maxKeys = 200_000 } = {}) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    /** Takes one token; returns 0 when allowed, else the seconds until one is available. */
    take(key: string): number {
      const t = now();
      let b = buckets.get(key);
      if (!b) {
        // Bounded memory: forget every bucket rather than grow without end (a full bucket is the default anyway).
        if (buckets.size >= maxKeys) buckets.clear();
        buckets.set(key, (b = { tokens: burst, at: t }));
      }
      b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 60_000) * perMinute);
      b.at = t;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return Math.ceil(((1 - b.tokens) / perMinute) * 60);
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
