import { readTextCapped } from '../http/read-capped';
import { HIDDEN_CHARACTER } from '../catalog/label-rules';

/** What one upload attempt means for the report (docs/upload-protocol.md). */
export type UploadOutcome =
  | { kind: 'delivered' }
  /** The receiver refused the report itself: retrying cannot help, it becomes a dead letter. */
  | { kind: 'refused'; status: number; reason: string }
  /** Not delivered this time: kept in the queue, retried after the backoff (or the receiver's Retry-After). */
  | { kind: 'retry'; error: string; retryAfterMs?: number };

/** Refusals of the report's content (RFC 9110 §15.5.1, §15.5.14, RFC 4918 §11.2): the same bytes will be refused again. */
export const REFUSED_STATUSES: readonly number[] = [400, 413, 422];
/** Acknowledgements are tiny (`{"id": "…"}`); an answer bigger than this is not one. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Decide what the receiver's answer to one report means. Delivered only on a 2xx
 * whose JSON body acknowledges this report's id (`{"id": …}` or `{"accepted": […]}`):
 * a captive portal or a misrouted proxy also answers 200, and must not swallow reports.
 * A redirect is never followed (the request is sent with `redirect: 'manual'`): a POST
 * redirected with 301/302 becomes a GET that carries no report.
 */
export async function interpretAnswer(response: Response, reportId: string, now: () => number = Date.now): Promise<UploadOutcome> {
  // Browsers hide a manual redirect behind an opaque response with status 0; Node shows the 3xx.
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    return { kind: 'retry', error: `the receiver redirected${response.status ? ` (HTTP ${response.status})` : ''}; uploads do not follow redirects: the upload URL needs fixing` };
  }
  const text = await readTextCapped(response, MAX_ANSWER_BYTES).catch(() => '');
  const answer = parseJson(text);
  if (response.ok) {
    if (acknowledges(answer, reportId)) return { kind: 'delivered' };
    return { kind: 'retry', error: `HTTP ${response.status} without an acknowledgement of report ${reportId}` };
  }
  const reason = receiverReason(answer, text);
  if (REFUSED_STATUSES.includes(response.status)) return { kind: 'refused', status: response.status, reason: reason || `HTTP ${response.status}` };
  const retryAfterMs = retryAfter(response.headers.get('retry-after'), now());
  return { kind: 'retry', error: `HTTP ${response.status}${reason ? `: ${reason}` : ''}`, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}

/** `{"id": "<report id>"}` or `{"accepted": ["<report id>", …]}`. */
function acknowledges(answer: unknown, reportId: string): boolean {
  if (typeof answer !== 'object' || answer === null) return false;
  const { id, accepted } = answer as { id?: unknown; accepted?: unknown };
  return id === reportId || (Array.isArray(accepted) && accepted.includes(reportId));
}

/** The receiver's `{"error": …}` (or its plain-text answer), shown to the employee as text: bounded, no hidden characters. */
function receiverReason(answer: unknown, text: string): string {
  const error = typeof answer === 'object' && answer !== null ? (answer as { error?: unknown }).error : undefined;
  const raw = typeof error === 'string' ? error : answer === undefined && !/^\s*</.test(text) ? text : '';
  return raw.replace(new RegExp(HIDDEN_CHARACTER.source, 'gu'), ' ').replace(/\s+/g, ' ').trim().slice(0, 300);
}

/** `Retry-After` in seconds or as an HTTP date (RFC 9110 §10.2.3), capped at a day. */
function retryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const ms = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 86_400_000) : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
