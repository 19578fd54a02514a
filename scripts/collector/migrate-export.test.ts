import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateReports } from '../../utils/fleet/generate-reports';
import { openDuckdbStore } from './duckdb-store';
import { exportParquet } from './export-parquet';
import { migrateNdjson } from './migrate';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'collector-migrate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An NDJSON receiver's directory: two day files, one bad line, one report posted on both days. */
function ndjsonDir(): string {
  const old = join(dir, 'old');
  mkdirSync(old);
  const reports = generateReports(50, 6).map((r) => JSON.stringify({ ...r, channelsEvidence: 'dropped' }));
  writeFileSync(join(old, '2026-01-01.ndjson'), reports.slice(0, 25).join('\n') + '\n{"schema": "access-gap-report", "id": \n');
  writeFileSync(join(old, '2026-01-02.ndjson'), [...reports.slice(25), reports[3]].join('\n') + '\n');
  writeFileSync(join(old, 'notes.txt'), 'not a report file');
  return old;
}

describe('migrate and export', { timeout: 30_000 }, () => {
  it('moves an NDJSON directory into DuckDB once, naming each bad line', async () => {
    const old = ndjsonDir();
    const store = await openDuckdbStore(join(dir, 'db'));
    try {
      const first = await migrateNdjson(old, store);
      expect(first).toMatchObject({ files: 2, stored: 50, duplicates: 1 });
      expect(first.rejected).toEqual([{ source: '2026-01-01.ndjson:26', reason: expect.stringMatching(/not valid JSON/) }]);
      const again = await migrateNdjson(old, store);
      expect(again).toMatchObject({ stored: 0, duplicates: 51 });
      expect(await store.count()).toBe(50);
    } finally {
      await store.close();
    }
    expect(readdirSync(old).sort()).toEqual(['2026-01-01.ndjson', '2026-01-02.ndjson', 'notes.txt']);
  });

  it('exports day-partitioned Parquet that reads back as the same rows', async () => {
    const store = await openDuckdbStore(join(dir, 'db'));
    await migrateNdjson(ndjsonDir(), store);
    await store.close();
    const out = join(dir, 'parquet');
    expect(await exportParquet(join(dir, 'db'), out)).toMatchObject({ reports: 50, verdicts: 400 });
    expect(readdirSync(out).sort()).toEqual(['gaps', 'reports', 'verdicts']);
    const days = readdirSync(join(out, 'verdicts'));
    expect(days.length).toBeGreaterThan(10);
    expect(days.every((d) => /^day=2026-\d{2}-\d{2}$/.test(d))).toBe(true);
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const rows = (await c.runAndReadAll(`SELECT count(*) AS n, count(DISTINCT report_id) AS r, min(day) AS first FROM read_parquet('${out}/verdicts/*/*.parquet', hive_partitioning = true)`)).getRowObjectsJson();
    expect(rows[0]).toEqual({ n: '400', r: '50', first: '2026-01-01' });
    c.closeSync();
    db.closeSync();
  });
});
