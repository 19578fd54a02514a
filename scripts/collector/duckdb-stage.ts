import { DOUBLE, DuckDBDataChunk, INTEGER, type DuckDBAppender, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import { GAP_COLUMNS, REPORT_COLUMNS, VERDICT_COLUMNS, type GapRow, type ReportRows, type VerdictRow } from '../../utils/fleet/rows';
import { table, type ColumnKind } from './schema';

/**
 * How a batch reaches DuckDB's tables (docs/collector.md, "Writing a batch"). Handing
 * DuckDB one value at a time from JavaScript costs a native call per value, and a
 * report is some fifty rows of a dozen columns. Most of those values repeat: a verdict
 * row is its report's dimensions plus one of a few dozen (service, verdict, share)
 * combinations, a gap row its report plus one of a few (population, category) keys.
 * So a batch is staged in connection-local temporary tables as
 * - `stage_reports`: one row per report, numbered `r` within the batch;
 * - `stage_services` / `stage_gap_keys`: the batch's distinct combinations, numbered;
 * - `stage_verdicts` (r, k) and `stage_gaps` (r, g, shares): numbers only, written a
 *   column at a time (2,048 rows per native call);
 * and views (`batch_reports`, `batch_verdicts`, `batch_gaps`) join them back into rows
 * of exactly the stored tables' shape, which SQL then inserts and counts into the rollups.
 */
const DIMS = new Set(['day', 'site', 'catalog_version', 'complete']);
const SERVICE_COLUMNS = VERDICT_COLUMNS.filter((c) => c !== 'report_id' && !DIMS.has(c));
const GAP_KEY_COLUMNS = ['population', 'category'] as const;
/** What tells two verdict rows of one service apart in `stage_services`. */
const SERVICE_FIELDS = SERVICE_COLUMNS.filter((c) => c !== 'service_id');
const GAP_VALUE_COLUMNS = GAP_COLUMNS.filter((c) => c !== 'report_id' && !DIMS.has(c) && !(GAP_KEY_COLUMNS as readonly string[]).includes(c));

/** A joined row's column: the report's id and dimensions from `r`, the rest from the named staged table. */
const joined = (c: string, rest: string) => (c === 'report_id' ? 'r.id AS report_id' : DIMS.has(c) ? `r.${c}` : `${rest}.${c}`);

/** Temporary tables and views of the writing connection (gone when it closes; nothing of them is on disk). */
export function stageSetupSql(columnType: (kind: ColumnKind) => string): string[] {
  const typed = (name: 'reports' | 'verdicts' | 'gaps', columns: readonly string[]) =>
    columns.map((c) => `${c} ${columnType(table(name).columns.find((x) => x.name === c)!.kind)}`).join(', ');
  return [
    `CREATE OR REPLACE TEMP TABLE stage_reports (r INTEGER, ${typed('reports', REPORT_COLUMNS)})`,
    `CREATE OR REPLACE TEMP TABLE stage_services (k INTEGER, ${typed('verdicts', SERVICE_COLUMNS)})`,
    'CREATE OR REPLACE TEMP TABLE stage_verdicts (r INTEGER, k INTEGER)',
    `CREATE OR REPLACE TEMP TABLE stage_gap_keys (g INTEGER, ${typed('gaps', GAP_KEY_COLUMNS)})`,
    `CREATE OR REPLACE TEMP TABLE stage_gaps (r INTEGER, g INTEGER, ${typed('gaps', GAP_VALUE_COLUMNS)})`,
    `CREATE OR REPLACE TEMP VIEW batch_reports AS SELECT ${REPORT_COLUMNS.join(', ')} FROM stage_reports`,
    `CREATE OR REPLACE TEMP VIEW batch_verdicts AS SELECT ${VERDICT_COLUMNS.map((c) => joined(c, 's')).join(', ')}
      FROM stage_verdicts v JOIN stage_reports r ON r.r = v.r JOIN stage_services s ON s.k = v.k`,
    `CREATE OR REPLACE TEMP VIEW batch_gaps AS SELECT ${GAP_COLUMNS.map((c) => joined(c, (GAP_KEY_COLUMNS as readonly string[]).includes(c) ? 'g' : 'v')).join(', ')}
      FROM stage_gaps v JOIN stage_reports r ON r.r = v.r JOIN stage_gap_keys g ON g.g = v.g`,
  ];
}

/** The staged batch as the stored tables' rows, by table. */
export const BATCH_VIEW = { reports: 'batch_reports', verdicts: 'batch_verdicts', gaps: 'batch_gaps' } as const;

/** The staging tables, each with an appender of the writing connection (see `openStager`). */
const STAGES = ['stage_reports', 'stage_services', 'stage_gap_keys', 'stage_verdicts', 'stage_gaps'] as const;

export const CLEAR_STAGE_SQL = STAGES.map((t) => `DELETE FROM ${t};`).join(' ');

/**
 * Stages batches (reports not stored yet; see the comment at the top) through appenders
 * opened once: opening five per batch cost five round trips through the event loop, each
 * waiting behind the uploads JavaScript was validating meanwhile. `stage` is synchronous,
 * inside the batch's open transaction. After a failed batch, `discard` drops what a
 * half-staged batch left in the appenders' buffers.
 */
export async function openStager(connection: DuckDBConnection) {
  const appenders = {} as Record<(typeof STAGES)[number], DuckDBAppender>;
  for (const stage of STAGES) appenders[stage] = await connection.createAppender(stage, 'main', 'temp');
  return {
    stage(batch: readonly ReportRows[]): void {
      const services = new Keys<VerdictRow>('service_id', SERVICE_FIELDS);
      const gapKeys = new Keys<GapRow>('population', ['category']);
      const verdictCount = batch.reduce((n, b) => n + b.verdicts.length, 0);
      const gapCount = batch.reduce((n, b) => n + b.gaps.length, 0);
      const verdicts = { r: new Int32Array(verdictCount), k: new Int32Array(verdictCount) };
      const gaps = { r: new Int32Array(gapCount), g: new Int32Array(gapCount), blocked: new Float64Array(gapCount), degraded: new Float64Array(gapCount) };
      let v = 0;
      let g = 0;
      batch.forEach((b, r) => {
        for (const row of b.verdicts) {
          verdicts.r[v] = r;
          verdicts.k[v++] = services.of(row);
        }
        for (const row of b.gaps) {
          gaps.r[g] = r;
          gaps.g[g] = gapKeys.of(row);
          gaps.blocked[g] = row.blocked_share;
          gaps.degraded[g++] = row.degraded_share;
        }
      });
      appendRows(appenders.stage_reports, 'reports', REPORT_COLUMNS, batch.map((b) => b.report));
      appendRows(appenders.stage_services, 'verdicts', SERVICE_COLUMNS, services.rows);
      appendRows(appenders.stage_gap_keys, 'gaps', GAP_KEY_COLUMNS, gapKeys.rows);
      appendColumns(appenders.stage_verdicts, [INTEGER, INTEGER], [verdicts.r, verdicts.k]);
      appendColumns(appenders.stage_gaps, [INTEGER, INTEGER, DOUBLE, DOUBLE], [gaps.r, gaps.g, gaps.blocked, gaps.degraded]);
    },
    discard(): void {
      for (const stage of STAGES) appenders[stage].clear();
    },
    close(): void {
      for (const stage of STAGES) appenders[stage].closeSync();
    },
  };
}
export type Stager = Awaited<ReturnType<typeof openStager>>;

/**
 * Distinct rows, numbered in order of first appearance: rows with the same `first` field
 * are told apart by `rest`, compared with `===` (building a string key per verdict row
 * cost more than the rest of the staging, measured).
 */
class Keys<R extends object> {
  readonly rows: R[] = [];
  private readonly byFirst = new Map<unknown, number[]>();
  constructor(
    private readonly first: keyof R,
    private readonly rest: readonly (keyof R)[],
  ) {}
  of(row: R): number {
    let numbers = this.byFirst.get(row[this.first]);
    if (!numbers) this.byFirst.set(row[this.first], (numbers = []));
    for (const n of numbers) {
      const seen = this.rows[n]!;
      if (this.rest.every((field) => seen[field] === row[field])) return n;
    }
    numbers.push(this.rows.length);
    this.rows.push(row);
    return this.rows.length - 1;
  }
}

/** Rows with their number first (`r`, `k` or `g`: the position in `rows`), then `columns` (text goes in as VARCHAR: DuckDB casts it to DATE and TIMESTAMP). */
function appendRows(appender: DuckDBAppender, source: 'reports' | 'verdicts' | 'gaps', columns: readonly string[], rows: readonly object[]) {
  const kinds = columns.map((c) => table(source).columns.find((x) => x.name === c)!.kind);
  rows.forEach((row, n) => {
    appender.appendInteger(n);
    const values = row as Record<string, unknown>;
    for (let i = 0; i < columns.length; i++) {
      const value = values[columns[i]!];
      const kind = kinds[i]!;
      if (value === null || value === undefined) appender.appendNull();
      else if (kind === 'flag' || kind === 'count') appender.appendInteger(value as number);
      else if (kind === 'share' || kind === 'share?') appender.appendDouble(value as number);
      else appender.appendVarchar(value as string);
    }
    appender.endRow();
  });
  appender.flushSync();
}

/** Numeric columns, 2,048 rows (DuckDB's vector size) per data chunk. */
function appendColumns(appender: DuckDBAppender, types: DuckDBType[], columns: (Int32Array | Float64Array)[]) {
  const length = columns[0]!.length;
  if (!length) return;
  for (let from = 0; from < length; from += 2048) {
    const to = Math.min(length, from + 2048);
    const chunk = DuckDBDataChunk.create(types, to - from);
    chunk.setColumns(columns.map((c) => Array.from(c.subarray(from, to))));
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
}
