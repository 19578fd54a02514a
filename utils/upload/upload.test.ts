import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { generateReports } from '../fleet/generate-reports';
import { backoffDelayMs } from './backoff';
import { openUploadDb, UPLOAD_DB_VERSION } from './db';
import { uploadQueue } from './queue';
import { createUploader } from './uploader';

let dbCount = 0;
const freshQueue = async (max?: number) => uploadQueue(await openUploadDb(`uploads-test-${++dbCount}`), max);
const target = { url: 'https://collector.corp/reports', authorization: 'Bearer t' };

/**
 * A receiver stand-in: answers with the given statuses in turn (`throw` = offline), records
 * bodies. A 2xx acknowledges the report's id as the collector does (`{"id": …}`); others
 * carry `{"error": …}`.
 */
function receiver(...answers: (number | 'throw' | Response)[]) {
  const bodies: { id: string; auth: string | null; redirect?: RequestRedirect }[] = [];
  let i = 0;
  const fetchFn = (async (_url: string, init: RequestInit) => {
    const answer = answers[Math.min(i++, answers.length - 1)]!;
    if (answer === 'throw') throw new TypeError('Failed to fetch');
    const id = (JSON.parse(init.body as string) as { id: string }).id;
    bodies.push({ id, auth: new Headers(init.headers).get('authorization'), ...(init.redirect ? { redirect: init.redirect } : {}) });
    if (answer instanceof Response) return answer;
    const body = answer >= 200 && answer < 300 ? { id, status: 'stored' } : { error: `refused with ${answer}` };
    return Response.json(body, { status: answer });
  }) as unknown as typeof fetch;
  return { fetchFn, bodies };
}

describe('backoffDelayMs', () => {
  it.each([
    [1, 0, 15_000], [1, 1, 30_000], [2, 0, 30_000], [3, 1, 120_000], [40, 1, 6 * 3600_000],
  ])('after %i failures with random %d waits %d ms', (failures, r, ms) => {
    expect(backoffDelayMs(failures, undefined, () => r)).toBe(ms);
  });
});

describe('upload queue', () => {
  it('opens at its own schema version', async () => {
    expect((await openUploadDb('uploads-version')).version).toBe(UPLOAD_DB_VERSION);
  });

  it('queues each id once, drops the oldest beyond the bound and counts them', async () => {
    const queue = await freshQueue(3);
    const reports = generateReports(5);
    for (const [i, r] of reports.entries()) await queue.enqueue(r, 1000 + i);
    expect(await queue.enqueue(reports[4]!, 2000)).toBe('duplicate');
    expect((await queue.items()).map((q) => q.id)).toEqual(reports.slice(2).map((r) => r.id));
    expect((await queue.meta()).dropped).toBe(2);
  });
});

describe('uploader', () => {
  it('sends oldest first with the Authorization header, and never queues a sent id again', async () => {
    const queue = await freshQueue();
    const [a, b] = generateReports(2);
    await queue.enqueue(a!, 1);
    await queue.enqueue(b!, 2);
    const { fetchFn, bodies } = receiver(201);
    const result = await createUploader({ queue, fetchFn }).flush(target);
    expect(result).toEqual({ sent: 2, rejected: 0, failed: false, nextAttemptAt: 0 });
    expect(bodies).toEqual([{ id: a!.id, auth: 'Bearer t', redirect: 'manual' }, { id: b!.id, auth: 'Bearer t', redirect: 'manual' }]);
    expect(await queue.enqueue(a!, 3)).toBe('duplicate');
    expect(await queue.count()).toBe(0);
  });

  it('backs off the whole queue on a transient failure, then delivers each report once', async () => {
    const queue = await freshQueue();
    const [a, b] = generateReports(2);
    await queue.enqueue(a!, 1);
    await queue.enqueue(b!, 2);
    let clock = 10_000;
    const { fetchFn, bodies } = receiver('throw', 503, 201);
    const uploader = createUploader({ queue, fetchFn, now: () => clock, random: () => 1, backoff: { baseMs: 1000, capMs: 8000 } });
    expect(await uploader.flush(target)).toMatchObject({ sent: 0, failed: true, nextAttemptAt: 11_000 });
    expect(await uploader.flush(target)).toMatchObject({ sent: 0, failed: false, nextAttemptAt: 11_000 }); // not due yet: nothing sent
    clock = 11_000;
    expect(await uploader.flush(target)).toMatchObject({ sent: 0, failed: true, nextAttemptAt: 13_000 }); // 503: second failure doubles
    clock = 13_000;
    expect(await uploader.flush(target)).toMatchObject({ sent: 2, failed: false, nextAttemptAt: 0 });
    expect(bodies.map((x) => x.id)).toEqual([a!.id, a!.id, b!.id]); // one 503 for a, then a and b once
    expect(await queue.meta()).toMatchObject({ failures: 0, sent: 2, lastError: 'HTTP 503: refused with 503' });
  });

  it('keeps a report the receiver refuses (400) as a dead letter with its reason, and goes on with the next', async () => {
    const queue = await freshQueue();
    const [a, b] = generateReports(2);
    await queue.enqueue(a!, 1);
    await queue.enqueue(b!, 2);
    const { fetchFn } = receiver(400, 201);
    expect(await createUploader({ queue, fetchFn }).flush(target)).toMatchObject({ sent: 1, rejected: 1 });
    expect((await queue.meta()).rejected).toBe(1);
    expect(await queue.deadLetters()).toMatchObject([{ id: a!.id, status: 400, reason: 'refused with 400', url: target.url, report: a }]);
  });

  it('never runs two flushes at once', async () => {
    const queue = await freshQueue();
    await queue.enqueue(generateReports(1)[0]!, 1);
    const { fetchFn, bodies } = receiver(201);
    const uploader = createUploader({ queue, fetchFn });
    await Promise.all([uploader.flush(target), uploader.flush(target), uploader.flush(target)]);
    expect(bodies).toHaveLength(1);
  });
});
