import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReports } from '../../utils/fleet/generate-reports';
import { interpretAnswer } from '../../utils/upload/answer';
import { startCollector, type Collector } from './server';

// The upload contract (docs/upload-protocol.md), checked from both ends: what the reference
// collector answers is read by the extension's own `interpretAnswer`.
const dir = mkdtempSync(join(tmpdir(), 'access-gap-ack-'));
let collector: Collector;
beforeAll(async () => {
  collector = await startCollector({ dir, maxBytes: 256 * 1024 });
});
afterAll(async () => {
  await collector.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (body: string) =>
  fetch(`${collector.url}/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, redirect: 'manual' });

describe('upload acknowledgement contract', () => {
  it('acknowledges a stored report by id, and a duplicate the same way', async () => {
    const report = generateReports(1, 3)[0]!;
    expect(await interpretAnswer(await post(JSON.stringify(report)), report.id)).toEqual({ kind: 'delivered' });
    expect(await interpretAnswer(await post(JSON.stringify(report)), report.id)).toEqual({ kind: 'delivered' });
  });

  it('refuses an invalid report for good, with its reason', async () => {
    const report = { ...generateReports(1, 4)[0]!, catalog: { name: 'C', version: '1<2>', hash: 'h' } };
    expect(await interpretAnswer(await post(JSON.stringify(report)), report.id)).toEqual({
      kind: 'refused', status: 400, reason: 'catalog.version: contains HTML (< or >)',
    });
  });

  it('has a flooding install retry later, after the Retry-After the collector names', async () => {
    const limited = await startCollector({ dir: join(dir, 'limited'), rateLimit: { burst: 1, perMinute: 1 } });
    try {
      const [a, b] = generateReports(2, 6).map((r) => ({ ...r, installId: 'one-install' }));
      const send = (r: object) => fetch(`${limited.url}/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(r), redirect: 'manual' });
      expect(await interpretAnswer(await send(a!), a!.id)).toEqual({ kind: 'delivered' });
      const answer = await interpretAnswer(await send(b!), b!.id, () => 0);
      expect(answer).toMatchObject({ kind: 'retry', error: expect.stringMatching(/^HTTP 429/) });
      // One token a minute: the wait is the minute less what refilled since the first upload took
      // its token (that upload's commit can take seconds on a loaded machine).
      const waitMs = (answer as { retryAfterMs: number }).retryAfterMs;
      expect(waitMs).toBeGreaterThanOrEqual(50_000);
      expect(waitMs).toBeLessThanOrEqual(60_000);
    } finally {
      await limited.close();
    }
  });

  it('refuses a report over its size limit for good', async () => {
    const report = { ...generateReports(1, 5)[0]!, padding: 'x'.repeat(300 * 1024) };
    expect(await interpretAnswer(await post(JSON.stringify(report)), report.id)).toMatchObject({ kind: 'refused', status: 413 });
  });
});
