import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateReports } from '../../utils/fleet/generate-reports';
import { openDuckdbStore } from './duckdb-store';
import { startCollector, type Collector } from './server';

// A real full disk: the collector's directory on an 8 MB tmpfs that a filler file fills
// up (mounting needs root, as the lab's network namespaces do).
const root = process.getuid?.() === 0;
let mnt: string | undefined;
let collector: Collector | undefined;
afterEach(async () => {
  await collector?.close().catch(() => {});
  if (mnt) {
    execFileSync('umount', [mnt]);
    rmSync(mnt, { recursive: true, force: true });
  }
});

/** Write zeros until the file system says ENOSPC. */
function fill(path: string) {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

describe('collector on a full disk', () => {
  it.skipIf(!root)('answers 503 while the disk is full, stores nothing half, and stores the retries once space is back', async () => {
    mnt = mkdtempSync(join(tmpdir(), 'collector-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mnt]);
    const dir = join(mnt, 'db');
    collector = await startCollector({ dir });
    const post = (r: unknown) => fetch(`${collector!.url}/reports`, { method: 'POST', body: JSON.stringify(r), headers: { 'content-type': 'application/json' } });
    const reports = generateReports(60, 31, undefined, 6);
    for (const r of reports.slice(0, 10)) expect((await post(r)).status).toBe(201);

    fill(join(mnt, 'filler'));
    const during = await Promise.all(reports.slice(10).map(async (r) => ({ id: r.id, status: (await post(r)).status })));
    expect(during.filter((d) => d.status === 503).length).toBeGreaterThan(0);
    expect(during.every((d) => d.status === 503 || d.status === 201)).toBe(true);

    rmSync(join(mnt, 'filler'));
    for (const r of reports.slice(10)) expect([200, 201]).toContain((await post(r)).status);
    await collector.close();
    collector = undefined;

    const store = await openDuckdbStore(dir);
    try {
      expect(await store.count()).toBe(60);
      const perReport = await store.query('SELECT report_id, count(*) AS n FROM verdicts GROUP BY report_id');
      expect(perReport).toHaveLength(60);
      expect(perReport.every((r) => Number(r.n) === 48)).toBe(true);
      // The rollups count exactly what is stored: a rolled-back batch left no count behind.
      expect(Number((await store.query('SELECT sum(reports) AS n FROM report_days'))[0]!.n)).toBe(60);
      expect(Number((await store.query('SELECT sum(reports) AS n FROM verdict_days'))[0]!.n)).toBe(60 * 48);
    } finally {
      await store.close();
    }
  }, 120_000);
});
