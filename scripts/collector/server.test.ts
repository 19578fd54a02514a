import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aggregateUrl } from '../../utils/fleet/api';
import { generateReports } from '../../utils/fleet/generate-reports';
import { startCollector, type Collector } from './server';

let dir: string;
let collector: Collector;
const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${collector.url}/reports`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'collector-test-'));
  collector = await startCollector({ dir });
});
afterEach(async () => {
  await collector.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('collector', { timeout: 30_000 }, () => {
  it('stores a valid report once per id and acknowledges each upload by id', async () => {
    const [a, b] = generateReports(2);
    const first = await post(JSON.stringify(a));
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ id: a!.id, status: 'stored' });
    const retry = await post(JSON.stringify(a)); // a retry whose answer was lost: acknowledged, not stored twice
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ id: a!.id, status: 'duplicate' });
    expect((await post(JSON.stringify(b))).status).toBe(201);
    expect(collector.stats).toMatchObject({ stored: 2, duplicates: 1, received: [a!.id, a!.id, b!.id] });
    expect(await collector.store.count()).toBe(2);
  });

  it('rejects bad JSON, wrong versions, hostile labels and oversized bodies with a reason, storing nothing', async () => {
    const [a] = generateReports(1);
    const bad = await post('{nope');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/not valid JSON/);
    expect((await post(JSON.stringify({ ...a, schemaVersion: 9 }))).status).toBe(400);
    expect((await post(JSON.stringify({ ...a, site: '<script>x</script>' }))).status).toBe(400);
    expect((await post('x'.repeat(6 * 1024 * 1024))).status).toBe(413);
    expect(collector.stats.stored).toBe(0);
    expect(await collector.store.count()).toBe(0);
  });

  it('remembers stored ids across restarts', async () => {
    const [a] = generateReports(1);
    await post(JSON.stringify(a));
    await collector.close();
    collector = await startCollector({ dir });
    expect((await post(JSON.stringify(a))).status).toBe(200);
    expect(collector.stats.duplicates).toBe(1);
  });

  it('serves the aggregate the fleet page shows, filtered, and names a bad filter', async () => {
    await Promise.all(generateReports(40, 2).map((r) => post(JSON.stringify(r))));
    const answer = (await (await fetch(aggregateUrl(collector.url, { population: 'WORLD', sites: ['Lyon'] }))).json()) as {
      aggregate: { reports: number; sites: string[]; trend: unknown[] };
      choices: { sites: string[]; stored: number };
    };
    expect(answer.aggregate).toMatchObject({ reports: 10, sites: ['Lyon'] });
    expect(answer.choices).toMatchObject({ sites: ['Lille', 'Lyon', 'Paris HQ', 'Remote'], stored: 40 });
    const bad = await fetch(`${collector.url}/api/aggregate?from=yesterday`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'from must be a day (YYYY-MM-DD)' });
    const impossible = await fetch(`${collector.url}/api/aggregate?to=2026-02-31`);
    expect(impossible.status).toBe(400);
    expect(await impossible.json()).toEqual({ error: 'to: no such day: 2026-02-31 (February 2026 has 28 days)' });
  });

  it('refuses a report started or finished on a day the calendar does not have, naming the field, storing nothing', async () => {
    const [a, b] = generateReports(2);
    const started = await post(JSON.stringify({ ...a, startedAt: '2026-02-31T10:00:00Z' }));
    expect(started.status).toBe(400);
    expect(await started.json()).toEqual({ error: 'startedAt: no such day: 2026-02-31 (February 2026 has 28 days)' });
    const finished = await post(JSON.stringify({ ...b, finishedAt: '2027-02-29T10:00:09+01:00' }));
    expect(finished.status).toBe(400);
    expect(await finished.json()).toEqual({ error: 'finishedAt: no such day: 2027-02-29 (February 2027 has 28 days)' });
    expect(collector.stats).toMatchObject({ stored: 0, rejected: 2 });
    expect(await collector.store.count()).toBe(0);
    // The same report on a leap day that exists is stored.
    expect((await post(JSON.stringify({ ...a, startedAt: '2028-02-29T10:00:00Z' }))).status).toBe(201);
  });
});
