import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { UploadQueue } from './queue';

/** Where and how to upload, from the policy. */
export interface UploadTarget {
  url: string;
  authorization?: string;
}

export interface FlushResult {
  sent: number;
  rejected: number;
  /** True when a transient failure stopped the flush (the queue waits for the backoff). */
  failed: boolean;
  /** When the retry is due after a failure, or while backing off (0 = no retry needed). */
  nextAttemptAt: number;
}

export interface UploaderDeps {
  queue: UploadQueue;
  fetchFn?: typeof fetch;
  now?: () => number;
  random?: () => number;
  backoff?: BackoffPolicy;
  timeoutMs?: number;
}

/**
 * The receiver refused the report itself (invalid, too large): sending it again
 * cannot succeed, so it leaves the queue. 401/403 are not in the list: IT may
 * fix the Authorization header by policy, and the reports should then arrive.
 */
const PERMANENT = new Set([400, 404, 405, 410, 413, 415, 422]);

/**
 * Sends queued reports, oldest first, one at a time. A transient failure
 * (offline, timeout, 5xx, 429, 401/403) stops the flush and puts the whole queue
 * behind an exponential backoff with jitter: the receiver is one endpoint, so when
 * one report fails the next would too. Flushes never overlap (they run one after another), so a
 * report is never in two requests at once; the receiver dedupes by id for the one
 * case left (it stored the report, its answer was lost).
 */
export function createUploader(deps: UploaderDeps) {
  const { queue, fetchFn = fetch, now = Date.now, random = Math.random, backoff = DEFAULT_BACKOFF, timeoutMs = 30_000 } = deps;
  let tail: Promise<unknown> = Promise.resolve();

  const flushOnce = async (target: UploadTarget, force: boolean, policy: BackoffPolicy): Promise<FlushResult> => {
    let state = await queue.meta();
    const result: FlushResult = { sent: 0, rejected: 0, failed: false, nextAttemptAt: 0 };
    if (!force && state.nextAttemptAt > now()) return { ...result, nextAttemptAt: state.nextAttemptAt };
    for (const item of await queue.items()) {
      let outcome: 'sent' | 'rejected' | string;
      try {
        const response = await fetchFn(target.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(target.authorization ? { authorization: target.authorization } : {}) },
          body: JSON.stringify(item.report),
          credentials: 'omit',
          cache: 'no-store',
          signal: AbortSignal.timeout(timeoutMs),
        });
        outcome = response.ok ? 'sent' : PERMANENT.has(response.status) ? 'rejected' : `HTTP ${response.status}`;
      } catch (error) {
        outcome = `network error (${String(error).slice(0, 120)})`;
      }
      if (outcome === 'sent') {
        await queue.markSent(item.id, now());
        result.sent++;
        state = { ...state, sent: state.sent + 1, failures: 0, nextAttemptAt: 0, lastSuccessAt: now() };
      } else if (outcome === 'rejected') {
        await queue.remove(item.id);
        result.rejected++;
        state = { ...state, rejected: state.rejected + 1 };
      } else {
        await queue.noteAttempt(item.id, outcome);
        const failures = state.failures + 1;
        state = { ...state, failures, lastError: outcome, nextAttemptAt: now() + backoffDelayMs(failures, policy, random) };
        result.failed = true;
        break;
      }
    }
    await queue.putMeta(state);
    // Reports queued while this flush ran are sent by the flush their caller chained after it:
    // only a failure needs the retry alarm.
    return { ...result, nextAttemptAt: result.failed ? state.nextAttemptAt : 0 };
  };

  return {
    /** Send what is due (everything when `force`: a new report is worth one attempt); `policy` overrides the backoff. */
    flush(target: UploadTarget, force = false, policy?: BackoffPolicy): Promise<FlushResult> {
      // Serial, never joined: a caller that just queued a report gets a flush that sees it.
      const run = tail.then(() => flushOnce(target, force, policy ?? backoff));
      tail = run.catch(() => {});
      return run;
    },
  };
}
export type Uploader = ReturnType<typeof createUploader>;
