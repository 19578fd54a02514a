import { describe, expect, it } from 'vitest';
import type { ReportRows } from '../../utils/fleet/rows';
import { generateReports } from '../../utils/fleet/generate-reports';
import { validateReportValue, type FleetReport } from '../../utils/fleet/validate-report';
import { createBatcher } from './batcher';
import { duckdbDialect } from './duckdb-store';
import type { FleetStore } from './store';

const reports: FleetReport[] = generateReports(12, 8).map((r) => {
  const v = validateReportValue(r);
  if (!v.ok) throw new Error(v.reason);
  return v.report;
});

/** A store whose commits finish when the test says so, recording each batch's ids. */
function slowStore() {
  const batches: string[][] = [];
  const commits: (() => void)[] = [];
  const store: FleetStore = {
    dialect: duckdbDialect, rollups: true, query: async () => [], count: async () => 0, close: async () => {},
    insert: (batch: readonly ReportRows[]) => {
      batches.push(batch.map((b) => b.report.id));
      return new Promise((resolve) => commits.push(() => resolve(new Set(batch.map((b) => b.report.id)))));
    },
  };
  return { store, batches, commits };
}

describe('group commit', () => {
  it('answers each report only once its batch is committed, and puts every report that arrived meanwhile in the next batch', async () => {
    const { store, batches, commits } = slowStore();
    const batcher = createBatcher(store, { maxDelayMs: 1 });
    const answered: string[] = [];
    const add = (r: FleetReport) => batcher.add(r).then(() => void answered.push(r.id));
    const first = add(reports[0]!);
    await new Promise((r) => setTimeout(r, 20));
    expect(batches).toEqual([[reports[0]!.id]]);
    // Eleven uploads while the first batch is being written: none answered, all in the next batch.
    const rest: Promise<void>[] = [];
    for (const r of reports.slice(1)) {
      rest.push(add(r));
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    expect(answered).toEqual([]);
    expect(batches).toHaveLength(1);
    commits[0]!();
    await first;
    await new Promise((r) => setTimeout(r, 20));
    expect(batches[1]).toEqual(reports.slice(1).map((r) => r.id));
    expect(answered).toEqual([reports[0]!.id]);
    commits[1]!();
    await Promise.all(rest);
    expect(answered).toHaveLength(12);
  });

  it('caps a batch at maxBatch and writes the rest next', async () => {
    const { store, batches, commits } = slowStore();
    const batcher = createBatcher(store, { maxBatch: 5, maxDelayMs: 1 });
    const all = reports.map((r) => batcher.add(r));
    await new Promise((r) => setTimeout(r, 20));
    for (let i = 0; i < 3; i++) {
      commits[i]!();
      await new Promise((r) => setTimeout(r, 20));
    }
    await Promise.all(all);
    expect(batches.map((b) => b.length)).toEqual([5, 5, 2]);
  });
});
