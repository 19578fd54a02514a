import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { UploadQueue } from './queue';
import { interpretAnswer, type UploadOutcome } from './answer';
import { evidenceUrl } from '../probe/evidence-url';

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
 * Sends queued reports, oldest first, one at a time (docs/upload-protocol.md). A report
 * counts as delivered only when the receiver acknowledges its id; one the receiver
 * refuses for good (400, 413, 422) becomes a dead letter the employee can see, export
 * and remove. Anything else (offline, timeout, redirect, 401/403/404/405/408/429, 5xx,
 * a 2xx without acknowledgement) stops the flush and puts the whole queue behind an
 * exponential backoff with jitter: the receiver is one endpoint, so when one report
 * fails the next would too. Flushes never overlap (they run one after another), so a
 * report is never in two requests at once; the receiver dedupes by id for the one case
 * left (it stored the report, its answer was lost).
 */
export function createUploader(deps: UploaderDeps) {
  const { queue, fetchFn = fetch, now = Date.now, random = Math.random, backoff = DEFAULT_BACKOFF, timeoutMs = 30_000 } = deps;
  let tail: Promise<unknown> = Promise.resolve();

  const attempt = async (target: UploadTarget, id: string, body: string): Promise<UploadOutcome> => {
    try {
      const response = await fetchFn(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(target.authorization ? { authorization: target.authorization } : {}) },
        body,
        credentials: 'omit',
        cache: 'no-store',
        // A redirected POST turns into a GET without the report: never follow, say so.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      return await interpretAnswer(response, id, now);
    } catch (error) {
      return { kind: 'retry', error: `network error (${String(error).slice(0, 120)})` };
    }
  };

  const flushOnce = async (target: UploadTarget, force: boolean, policy: BackoffPolicy): Promise<FlushResult> => {
    let state = await queue.meta();
    const result: FlushResult = { sent: 0, rejected: 0, failed: false, nextAttemptAt: 0 };
    if (!force && state.nextAttemptAt > now()) return { ...result, nextAttemptAt: state.nextAttemptAt };
    const where = evidenceUrl(target.url);
    for (const item of await queue.items()) {
      const body = JSON.stringify(item.report);
      const outcome = await attempt(target, item.id, body);
      if (outcome.kind === 'delivered') {
        await queue.markSent({ id: item.id, sentAt: now(), url: where, body });
        result.sent++;
        state = { ...state, sent: state.sent + 1, failures: 0, nextAttemptAt: 0, lastSuccessAt: now() };
      } else if (outcome.kind === 'refused') {
        await queue.markDead({ id: item.id, report: item.report, status: outcome.status, reason: outcome.reason, url: where, at: now() });
        result.rejected++;
        state = { ...state, rejected: state.rejected + 1 };
      } else {
        await queue.noteAttempt(item.id, outcome.error);
        const failures = state.failures + 1;
        const delay = Math.max(backoffDelayMs(failures, policy, random), outcome.retryAfterMs ?? 0);
        state = { ...state, failures, lastError: outcome.error, nextAttemptAt: now() + delay };
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
