import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { generateReports } from '../fleet/generate-reports';
import { openUploadDb, UPLOAD_MIGRATIONS, type UploadDb } from './db';
import { MAX_DELIVERED, uploadQueue } from './queue';
import { createUploader } from './uploader';

let dbCount = 0;
const freshQueue = async () => uploadQueue(await openUploadDb(`delivery-test-${++dbCount}`));
const target = { url: 'https://collector.corp/reports?tenant=42', authorization: 'Bearer secret' };

/** One answer for every request; records what was sent. */
function answering(make: (id: string) => Response) {
  const sent: RequestInit[] = [];
  const fetchFn = (async (_url: string, init: RequestInit) => {
    sent.push(init);
    return make((JSON.parse(init.body as string) as { id: string }).id);
  }) as unknown as typeof fetch;
  return { fetchFn, sent };
}

async function oneQueued() {
  const queue = await freshQueue();
  const report = generateReports(1)[0]!;
  await queue.enqueue(report, 1);
  return { queue, report };
}

describe('delivered means acknowledged (docs/upload-protocol.md)', () => {
  it.each([
    ['a redirect (browser: opaque)', () => Object.defineProperty(new Response(null, { status: 200 }), 'type', { value: 'opaqueredirect' }), /redirected/],
    ['a 302 (Node)', () => new Response(null, { status: 302, headers: { location: 'https://sso.corp/' } }), /redirected \(HTTP 302\)/],
    ['a 200 login page', () => new Response('<html>Sign in</html>', { status: 200 }), /HTTP 200 without an acknowledgement/],
    ['a 200 acknowledging another id', () => Response.json({ id: 'other' }), /without an acknowledgement/],
    ['404', () => Response.json({ error: 'no such path' }, { status: 404 }), /HTTP 404: no such path/],
    ['405', () => new Response(null, { status: 405 }), /HTTP 405/],
    ['408', () => new Response(null, { status: 408 }), /HTTP 408/],
    ['429', () => new Response(null, { status: 429 }), /HTTP 429/],
    ['500', () => new Response(null, { status: 500 }), /HTTP 500/],
    ['503', () => new Response('maintenance', { status: 503 }), /HTTP 503: maintenance/],
    ['401', () => new Response(null, { status: 401 }), /HTTP 401/],
  ])('%s: not delivered, kept and retried with backoff', async (_what, make, error) => {
    const { queue, report } = await oneQueued();
    const { fetchFn, sent } = answering(() => make());
    const result = await createUploader({ queue, fetchFn, now: () => 1000, random: () => 0 }).flush(target);
    expect(result).toMatchObject({ sent: 0, rejected: 0, failed: true });
    expect(result.nextAttemptAt).toBeGreaterThan(1000);
    expect(sent[0]?.redirect).toBe('manual');
    expect((await queue.items()).map((q) => q.id)).toEqual([report.id]);
    expect((await queue.meta()).lastError).toMatch(error);
    expect(await queue.delivered()).toEqual([]);
  });

  it('a network error is retried too', async () => {
    const { queue } = await oneQueued();
    const fetchFn = (async () => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch;
    expect(await createUploader({ queue, fetchFn }).flush(target)).toMatchObject({ failed: true });
    expect(await queue.count()).toBe(1);
  });

  it('honours Retry-After when it asks for longer than the backoff', async () => {
    const { queue } = await oneQueued();
    const { fetchFn } = answering(() => new Response(null, { status: 429, headers: { 'retry-after': '3600' } }));
    const result = await createUploader({ queue, fetchFn, now: () => 0, random: () => 0, backoff: { baseMs: 1000, capMs: 8000 } }).flush(target);
    expect(result.nextAttemptAt).toBe(3_600_000);
  });

  it.each([400, 413, 422])('%i: a dead letter with the receiver reason, never queued again, removable', async (status) => {
    const { queue, report } = await oneQueued();
    const { fetchFn } = answering(() => Response.json({ error: `catalog.version: contains HTML\u202e (< or >)` }, { status }));
    expect(await createUploader({ queue, fetchFn, now: () => 5 }).flush(target)).toMatchObject({ sent: 0, rejected: 1, failed: false });
    const [letter] = await queue.deadLetters();
    expect(letter).toMatchObject({ id: report.id, status, reason: 'catalog.version: contains HTML (< or >)', url: 'https://collector.corp/reports', at: 5 });
    expect(await queue.count()).toBe(0);
    expect(await queue.enqueue(report, 6)).toBe('duplicate');
    await queue.removeDeadLetter(report.id);
    expect(await queue.deadLetters()).toEqual([]);
  });

  it('keeps the last uploads exactly as sent, where and when, never the Authorization value', async () => {
    const queue = await freshQueue();
    const reports = generateReports(MAX_DELIVERED + 2);
    for (const [i, r] of reports.entries()) await queue.enqueue(r, i);
    const { fetchFn, sent } = answering((id) => Response.json({ accepted: [id] }, { status: 202 }));
    let clock = 100;
    expect(await createUploader({ queue, fetchFn, now: () => clock++ }).flush(target)).toMatchObject({ sent: reports.length });
    const delivered = await queue.delivered();
    expect(delivered).toHaveLength(MAX_DELIVERED);
    expect(delivered[0]).toEqual({ id: reports.at(-1)!.id, sentAt: delivered[0]!.sentAt, url: 'https://collector.corp/reports', body: sent.at(-1)!.body });
    expect(JSON.stringify(delivered)).not.toContain('secret');
  });
});

describe('upload database', () => {
  it('upgrades v1 to v2 keeping the queue', async () => {
    const name = `upgrade-${++dbCount}`;
    const report = generateReports(1)[0]!;
    const v1 = await openDB(name, 1, { upgrade: (db) => UPLOAD_MIGRATIONS[0]!(db as unknown as UploadDb) });
    await v1.put('queue', { id: report.id, report, enqueuedAt: 1, attempts: 0 });
    v1.close();
    const queue = uploadQueue(await openUploadDb(name));
    expect((await queue.items()).map((q) => q.id)).toEqual([report.id]);
    expect(await queue.deadLetters()).toEqual([]);
  });
});
