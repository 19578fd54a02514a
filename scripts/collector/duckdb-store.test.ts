import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aggregateFleet } from '../../utils/fleet/aggregate';
import { generateReports } from '../../utils/fleet/generate-reports';
import { validateReportValue, type FleetReport } from '../../utils/fleet/validate-report';
import { queryAggregate } from './aggregate-sql';
import { createBatcher } from './batcher';
import { openDuckdbStore } from './duckdb-store';
import { ROLLUPS, rollupSelectSql } from './rollups';
import type { FleetStore } from './store';

export const fleet = (reports: unknown[]): FleetReport[] =>
  reports.map((r) => {
    const v = validateReportValue(r);
    if (!v.ok) throw new Error(v.reason);
    return v.report;
  });

/** Sums added batch by batch and in one scan differ in the last bits only. */
const rounded = (value: unknown) => JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'number' ? Number(v.toFixed(12)) : v)));

let dir: string;
let store: FleetStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'duckdb-store-test-'));
  store = await openDuckdbStore(dir);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('DuckDB store', { timeout: 30_000 }, () => {
  it('stores each report id once, in batches, and keeps them across a reopen', async () => {
    const reports = fleet(generateReports(30));
    const batcher = createBatcher(store, { maxBatch: 10 });
    const outcomes = await Promise.all([...reports, reports[0]!, reports[29]!].map((r) => batcher.add(r)));
    expect(outcomes.filter((o) => o === 'stored')).toHaveLength(30);
    expect(outcomes.slice(30)).toEqual(['duplicate', 'duplicate']);
    expect(await store.count()).toBe(30);
    expect(Number((await store.query('SELECT count(*) AS n FROM verdicts'))[0]!.n)).toBe(30 * 8);
    await store.close();
    store = await openDuckdbStore(dir);
    expect(await createBatcher(store).add(reports[5]!)).toBe('duplicate');
    expect(Number((await store.query('SELECT count(*) AS n FROM verdicts'))[0]!.n)).toBe(30 * 8);
  });

  it('stores times as UTC instants and the day as the UTC day, whatever offset a report was written with', async () => {
    const [base] = generateReports(1, 41);
    const [report] = fleet([{ ...base, startedAt: '2026-12-01T01:00:00.250+02:00', finishedAt: '2026-12-01T01:00:09-0100' }]);
    expect(await createBatcher(store).add(report!)).toBe('stored');
    const [row] = await store.query('SELECT day::VARCHAR AS day, started_at::VARCHAR AS started, finished_at::VARCHAR AS finished FROM reports');
    expect(row).toEqual({ day: '2026-11-30', started: '2026-11-30 23:00:00.25', finished: '2026-12-01 02:00:09' });
    const [verdictDay] = await store.query('SELECT DISTINCT day::VARCHAR AS day FROM verdicts');
    expect(verdictDay).toEqual({ day: '2026-11-30' });
  });

  it('answers the same aggregate as the page computes from the reports', async () => {
    const raw = generateReports(400, 11);
    raw[3] = { ...raw[3]!, status: 'failed' };
    raw[4] = { ...raw[4]!, control: { ok: false, checks: [] } };
    const reports = fleet(raw);
    const batcher = createBatcher(store);
    await Promise.all(reports.map((r) => batcher.add(r)));
    const { aggregate, choices } = await queryAggregate(store, { population: 'WORLD', sites: [] });
    const expected = aggregateFleet(reports, 'WORLD');
    expect(choices).toMatchObject({ sites: ['Lille', 'Lyon', 'Paris HQ', 'Remote'], catalogVersions: ['2026.1'], stored: 400 });
    expect(aggregate.facts).toEqual(expected.facts);
    expect(aggregate.services).toEqual(expected.services);
    expect({ ...aggregate, heatmap: [], trend: [], facts: [], services: [] }).toEqual({ ...expected, heatmap: [], trend: [], facts: [], services: [] });
    expect(aggregate.heatmap.map((c) => [c.site, c.category, c.reports])).toEqual(expected.heatmap.map((c) => [c.site, c.category, c.reports]));
    aggregate.heatmap.forEach((c, i) => expect(c.blockedShare).toBeCloseTo(expected.heatmap[i]!.blockedShare!, 12));
    expect(aggregate.trend.map((p) => [p.day, p.reports])).toEqual(expected.trend.map((p) => [p.day, p.reports]));
    aggregate.trend.forEach((p, i) => expect(p.degradedShare).toBeCloseTo(expected.trend[i]!.degradedShare!, 12));
  });

  it('filters by site, period and catalog version', async () => {
    const reports = fleet(generateReports(200, 3));
    const batcher = createBatcher(store);
    await Promise.all(reports.map((r) => batcher.add(r)));
    const pick = (r: FleetReport) => r.site === 'Lyon' && r.startedAt >= '2026-01-10' && r.startedAt < '2026-01-21';
    const { aggregate } = await queryAggregate(store, { population: 'WORLD', sites: ['Lyon'], from: '2026-01-10', to: '2026-01-20', catalogVersion: '2026.1' });
    expect(aggregate.facts).toEqual(aggregateFleet(reports.filter(pick), 'WORLD').facts);
    expect(aggregate.reports).toBe(reports.filter(pick).length);
    const none = await queryAggregate(store, { population: 'WORLD', sites: ["O'Hare \\ x"], catalogVersion: '1999' });
    expect(none.aggregate).toMatchObject({ reports: 0, facts: [], trend: [] });
  });

  it.each([
    ['counted when read, after a restart', { foldAfter: 100_000, compactAfter: 20_000 }],
    ['counted after every batch', { foldAfter: 0, compactAfter: 20_000 }],
    ['counted after every batch and compacted as they go', { foldAfter: 0, compactAfter: 0 }],
  ])('keeps the daily rollups equal to the counts of its rows, %s, and for a database written before them', async (_, options) => {
    await store.close();
    store = await openDuckdbStore(dir, options);
    const raw = generateReports(300, 17, undefined, 2, 20);
    raw[1] = { ...raw[1]!, status: 'failed' };
    raw[2] = { ...raw[2]!, control: { ok: false, checks: [] } };
    const reports = fleet(raw);
    const batcher = createBatcher(store, { maxBatch: 37 });
    // Twice: the second pass is all duplicates and must count nothing.
    for (let pass = 0; pass < 2; pass++) await Promise.all(reports.map((r) => batcher.add(r)));
    // Stopped before the rollups counted the stored rows (or after they did): a restart counts what is left, once.
    await store.close();
    store = await openDuckdbStore(dir, options);
    const sorted = (sql: string) => `${sql} ORDER BY ALL`;
    for (const r of ROLLUPS) {
      // A key may have a row per batch until the rollup is folded: its counts sum to the raw rows'.
      const keys = r.keys.map((k) => k.name).join(', ');
      const folded = await store.query(sorted(`SELECT ${keys}, ${r.values.map((v) => `sum(${v.name}) AS ${v.name}`).join(', ')} FROM ${r.name} GROUP BY ${keys}`));
      expect(folded.length, r.name).toBeGreaterThan(0);
      expect(rounded(folded), r.name).toEqual(rounded(await store.query(sorted(rollupSelectSql(r)))));
      const rows = Number((await store.query(`SELECT count(*) AS n FROM ${r.name}`))[0]!.n);
      if (options.compactAfter === 0) expect(rows, r.name).toBeLessThanOrEqual(3 * folded.length);
      else if (options.foldAfter === 0) expect(rows, r.name).toBeGreaterThan(folded.length);
      // Counted in one go when the first read came: one row per key.
      else expect(rows, r.name).toBe(folded.length);
    }
    const before = await queryAggregate(store, { population: 'WORLD', sites: [] });
    for (const r of ROLLUPS) await store.query(`DROP TABLE ${r.name}`);
    await store.close();
    store = await openDuckdbStore(dir);
    expect(rounded(await queryAggregate(store, { population: 'WORLD', sites: [] }))).toEqual(rounded(before));
  });

  it('takes over the rollups of a collector that counted every batch as it stored it, counting nothing twice', async () => {
    const batcher = createBatcher(store);
    await Promise.all(fleet(generateReports(120, 29)).map((r) => batcher.add(r)));
    const before = await queryAggregate(store, { population: 'WORLD', sites: [] });
    // That collector's database: complete rollups, and no record of how far they count.
    await store.query('DROP TABLE rollup_progress');
    await store.close();
    store = await openDuckdbStore(dir);
    expect(rounded(await queryAggregate(store, { population: 'WORLD', sites: [] }))).toEqual(rounded(before));
  });

  it('counts again, without keys, the rollups an earlier collector kept under a primary key', async () => {
    const batcher = createBatcher(store);
    await Promise.all(fleet(generateReports(120, 23)).map((r) => batcher.add(r)));
    const before = await queryAggregate(store, { population: 'WORLD', sites: [] });
    // The earlier layout: one row per key under a primary key, here with wrong (doubled) counts.
    for (const r of ROLLUPS) {
      const keys = r.keys.map((k) => k.name).join(', ');
      await store.query(`DROP TABLE ${r.name}`);
      await store.query(`CREATE TABLE ${r.name} AS SELECT ${keys}, ${r.values.map((v) => `2 * ${v.name} AS ${v.name}`).join(', ')} FROM (${rollupSelectSql(r)})`);
      await store.query(`ALTER TABLE ${r.name} ADD PRIMARY KEY (${keys})`);
    }
    await store.close();
    store = await openDuckdbStore(dir);
    expect(await store.query(`SELECT * FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' AND table_name LIKE '%_days'`)).toEqual([]);
    expect(rounded(await queryAggregate(store, { population: 'WORLD', sites: [] }))).toEqual(rounded(before));
  });
});
