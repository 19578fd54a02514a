import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetFilter } from '../../utils/fleet/api';
import { generateReports } from '../../utils/fleet/generate-reports';
import { validateReportValue, type FleetReport } from '../../utils/fleet/validate-report';
import { queryAggregate } from './aggregate-sql';
import { createBatcher } from './batcher';
import { openClickhouseStore } from './clickhouse-store';
import { startClickhouse, type RunningClickhouse } from './clickhouse-server';
import { openDuckdbStore } from './duckdb-store';
import { startCollector } from './server';
import type { FleetStore } from './store';

// Debian's clickhouse-server 18.16 on loopback (installed by the test when missing), fed
// the same reports as DuckDB; the page's aggregate queries must give the same answers.
let clickhouse: RunningClickhouse;
let dir: string;
let duck: FleetStore;
let ch: FleetStore;
const reports: FleetReport[] = generateReports(600, 21).map((r, i) => {
  // Report 11 was written with an offset: 01:00 in Paris on 10 January is 23:00 UTC on the 9th.
  const changed = i === 7 ? { ...r, status: 'failed' } : i === 9 ? { ...r, site: "O'Brien \\ site" } : i === 11 ? { ...r, startedAt: '2026-01-10T01:00:00+02:00', finishedAt: '2026-01-10T01:00:09+02:00' } : r;
  const v = validateReportValue(changed);
  if (!v.ok) throw new Error(v.reason);
  return v.report;
});

beforeAll(async () => {
  clickhouse = await startClickhouse();
  dir = mkdtempSync(join(tmpdir(), 'clickhouse-parity-'));
  duck = await openDuckdbStore(dir);
  ch = await openClickhouseStore({ url: clickhouse.url });
  for (const store of [duck, ch]) {
    const batcher = createBatcher(store, { maxBatch: 200 });
    await Promise.all(reports.map((r) => batcher.add(r)));
  }
}, 120_000);
// Stopping waits up to 10 s for ClickHouse to exit before killing it: more than the default hook time.
afterAll(async () => {
  await duck?.close();
  await clickhouse?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 30_000);

/** Shares computed by two engines' float sums differ in the last bits; everything else must be identical. */
const rounded = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(12)) : v)));

describe('ClickHouse and DuckDB', { timeout: 30_000 }, () => {
  it.each<[string, FleetFilter]>([
    ['everything', { population: 'WORLD', sites: [] }],
    ['two sites over ten days', { population: 'WORLD', sites: ['Lyon', "O'Brien \\ site"], from: '2026-01-05', to: '2026-01-14' }],
    ['a catalog version and a population without figures', { population: 'FR', sites: [], catalogVersion: '2026.1' }],
    ['nothing matching', { population: 'US', sites: ['nowhere'] }],
  ])('answer the same aggregate: %s', async (_, filter) => {
    const [a, b] = await Promise.all([queryAggregate(duck, filter), queryAggregate(ch, filter)]);
    expect(rounded(b)).toEqual(rounded(a));
    if (!filter.sites.includes('nowhere')) expect(a.aggregate.reports).toBeGreaterThan(0);
  });

  it('store the same UTC instants and days for a report written with an offset', async () => {
    const id = reports[11]!.id;
    const [d] = await duck.query(`SELECT day::VARCHAR AS day, epoch(started_at) AS started, epoch(finished_at) AS finished FROM reports WHERE id = '${id}'`);
    const [c] = await ch.query(`SELECT toString(day) AS day, toUnixTimestamp(started_at) AS started, toUnixTimestamp(finished_at) AS finished, toString(started_at) AS text FROM reports WHERE id = '${id}'`);
    const instant = Date.UTC(2026, 0, 9, 23) / 1000;
    expect({ day: d!.day, started: Number(d!.started), finished: Number(d!.finished) }).toEqual({ day: '2026-01-09', started: instant, finished: instant + 9 });
    expect({ day: c!.day, started: Number(c!.started), finished: Number(c!.finished), text: c!.text }).toEqual({ day: '2026-01-09', started: instant, finished: instant + 9, text: '2026-01-09 23:00:00' });
  });

  it('store each report once: a batch sent again adds nothing', async () => {
    const again = await ch.insert([]);
    expect(again.size).toBe(0);
    const batcher = createBatcher(ch);
    expect(await Promise.all(reports.slice(0, 3).map((r) => batcher.add(r)))).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await ch.count()).toBe(600);
    expect(Number((await ch.query('SELECT count() AS n FROM verdicts'))[0]!.n)).toBe(600 * 8);
  });

  it('take uploads through the collector with --clickhouse', async () => {
    const collector = await startCollector({ dir: join(dir, 'unused'), store: await openClickhouseStore({ url: clickhouse.url }) });
    try {
      const [fresh] = generateReports(1, 99);
      const res = await fetch(`${collector.url}/reports`, { method: 'POST', body: JSON.stringify(fresh), headers: { 'content-type': 'application/json' } });
      expect(await res.json()).toEqual({ id: fresh!.id, status: 'stored' });
      expect(await ch.count()).toBe(601);
    } finally {
      await collector.close();
    }
  });
});
