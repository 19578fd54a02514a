import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

describe('collector', () => {
  it('stores a valid report once per id as NDJSON per day, and serves it back', async () => {
    const [a, b] = generateReports(2);
    expect((await post(JSON.stringify(a))).status).toBe(201);
    expect((await post(JSON.stringify(a))).status).toBe(200); // a retry: acknowledged, not stored twice
    expect((await post(JSON.stringify(b))).status).toBe(201);
    expect(collector.stats).toMatchObject({ stored: 2, duplicates: 1, received: [a!.id, a!.id, b!.id] });
    const [file] = readdirSync(dir);
    expect(file).toMatch(/^\d{4}-\d{2}-\d{2}\.ndjson$/);
    expect(readFileSync(join(dir, file!), 'utf8').trim().split('\n').map((l) => JSON.parse(l).id)).toEqual([a!.id, b!.id]);
    const index = (await (await fetch(`${collector.url}/reports`)).json()) as { days: { file: string }[] };
    expect(index.days.map((d) => d.file)).toEqual([file]);
    const all = await (await fetch(`${collector.url}/reports.ndjson`)).text();
    expect(all.trim().split('\n')).toHaveLength(2);
    expect((await fetch(`${collector.url}/reports/${file}`)).status).toBe(200);
    expect((await fetch(`${collector.url}/reports/..%2Fetc%2Fpasswd`)).status).toBe(404);
  });

  it('rejects bad JSON, wrong versions, hostile labels and oversized bodies with a reason', async () => {
    const [a] = generateReports(1);
    const bad = await post('{nope');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/not valid JSON/);
    expect((await post(JSON.stringify({ ...a, schemaVersion: 9 }))).status).toBe(400);
    expect((await post(JSON.stringify({ ...a, site: '<script>x</script>' }))).status).toBe(400);
    expect((await post('x'.repeat(6 * 1024 * 1024))).status).toBe(413);
    expect(collector.stats.stored).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('remembers stored ids across restarts', async () => {
    const [a] = generateReports(1);
    await post(JSON.stringify(a));
    await collector.close();
    collector = await startCollector({ dir });
    expect((await post(JSON.stringify(a))).status).toBe(200);
    expect(collector.stats.duplicates).toBe(1);
  });

  it('requires the configured Authorization header and answers CORS preflights', async () => {
    await collector.close();
    collector = await startCollector({ dir, authorization: 'Bearer s3cret' });
    const [a] = generateReports(1);
    expect((await post(JSON.stringify(a))).status).toBe(401);
    expect((await post(JSON.stringify(a), { authorization: 'Bearer s3cret' })).status).toBe(201);
    const pre = await fetch(`${collector.url}/reports`, { method: 'OPTIONS', headers: { origin: 'chrome-extension://abc' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('chrome-extension://abc');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  });
});
