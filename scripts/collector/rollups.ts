import { POPULATIONS } from '../../utils/catalog/types';
import { SHARE_COLUMN, type ReportRows } from '../../utils/fleet/rows';
import type { TableSpec } from './schema';

/**
 * Daily rollups: counts per day and per everything the fleet page filters or groups
 * by, kept by the DuckDB store in the same transaction as the raw rows they count
 * (docs/collector.md, "Rollups"). A million reports of 8 services are 8 million
 * verdict rows but about 12,000 `verdict_days` rows, so the page's aggregate reads
 * small tables whatever the number of reports.
 * Each rollup is defined twice on purpose, and a test holds the two together: as SQL
 * over a raw table (to count a database written before rollups existed) and in
 * `countBatch` over a batch's rows (a batch's counts cost microseconds in the process
 * that already holds the rows, where SQL would first have to stage them).
 */
export interface Rollup {
  name: 'report_days' | 'verdict_days' | 'share_days' | 'gap_days';
  source: TableSpec['name'];
  /** Grouping columns of the source rows: the primary key. */
  keys: readonly { name: string; type: string }[];
  /** Counted or summed columns: SQL aggregate over the source rows, and each row's contribution. */
  values: readonly { name: string; type: string; sql: string; of: (row: Row) => number }[];
  /** When one source row gives other rows than itself (share_days: one per population with a figure). */
  unpivot?: { sql: (source: string) => string; rows: (row: Row) => Row[] };
}

type Row = Record<string, unknown>;

const DIMS = [
  { name: 'day', type: 'DATE' }, { name: 'site', type: 'VARCHAR' }, { name: 'catalog_version', type: 'VARCHAR' }, { name: 'complete', type: 'UTINYINT' },
] as const;
const text = (name: string) => ({ name, type: 'VARCHAR' });
const COUNT = { name: 'reports', type: 'BIGINT', sql: 'count(*)', of: () => 1 };

export const ROLLUPS: readonly Rollup[] = [
  { name: 'report_days', source: 'reports', keys: [...DIMS, { name: 'control_ok', type: 'UTINYINT' }], values: [COUNT] },
  {
    name: 'verdict_days', source: 'verdicts',
    keys: [...DIMS, ...['service_id', 'service_name', 'category', 'verdict', 'mechanism'].map(text)],
    values: [COUNT],
  },
  {
    // The usage share each service had per day and population (published figures only):
    // the page weighs a service by its latest figure, and offers populations with figures.
    name: 'share_days', source: 'verdicts',
    keys: [...DIMS, text('service_id'), text('population'), { name: 'share', type: 'DOUBLE' }],
    values: [COUNT],
    unpivot: {
      sql: (source) =>
        POPULATIONS.map((p) => `SELECT day, site, catalog_version, complete, service_id, '${p}' AS population, ${SHARE_COLUMN[p]} AS share FROM ${source} WHERE ${SHARE_COLUMN[p]} IS NOT NULL`).join(' UNION ALL '),
      rows: (row) =>
        POPULATIONS.filter((p) => row[SHARE_COLUMN[p]] !== null).map((p) => ({
          day: row.day, site: row.site, catalog_version: row.catalog_version, complete: row.complete, service_id: row.service_id, population: p, share: row[SHARE_COLUMN[p]],
        })),
    },
  },
  {
    // Sums, not averages: the page's mean over reports is sum / reports, exact over any period.
    name: 'gap_days', source: 'gaps',
    keys: [...DIMS, text('population'), text('category')],
    values: [
      COUNT,
      { name: 'blocked_sum', type: 'DOUBLE', sql: 'sum(blocked_share)', of: (row) => row.blocked_share as number },
      { name: 'degraded_sum', type: 'DOUBLE', sql: 'sum(degraded_share)', of: (row) => row.degraded_share as number },
    ],
  },
];

export function rollupTableSql(r: Rollup): string {
  const columns = [...r.keys, ...r.values].map((c) => `${c.name} ${c.type} NOT NULL`);
  return `CREATE TABLE IF NOT EXISTS ${r.name} (${columns.join(', ')}, PRIMARY KEY (${r.keys.map((k) => k.name).join(', ')}))`;
}

/** How stored counts absorb a batch's: new keys are inserted, known ones get the batch's counts added. */
const upsert = (r: Rollup) => `ON CONFLICT DO UPDATE SET ${r.values.map((v) => `${v.name} = ${v.name} + excluded.${v.name}`).join(', ')}`;

/** The rollup's rows counted from its raw table, in the rollup's column order. */
export function rollupSelectSql(r: Rollup): string {
  const keys = r.keys.map((k) => k.name).join(', ');
  const from = r.unpivot ? `(${r.unpivot.sql(r.source)}) AS rows` : r.source;
  return `SELECT ${keys}, ${r.values.map((v) => `${v.sql} AS ${v.name}`).join(', ')} FROM ${from} GROUP BY ${keys}`;
}

/** Count a raw table into the rollup (a database written before rollups existed). */
export const rollupFromTableSql = (r: Rollup) => `INSERT INTO ${r.name} ${rollupSelectSql(r)} ${upsert(r)}`;

/**
 * Add a batch's counts (rows of `countBatch`, one JSON object per line in parameter $1) to
 * the rollup. Keys are unique within the batch, as ON CONFLICT DO UPDATE requires.
 */
export function rollupFromBatchSql(r: Rollup): string {
  const columns = [...r.keys, ...r.values];
  const struct = JSON.stringify(Object.fromEntries(columns.map((c) => [c.name, c.type === 'DATE' ? 'VARCHAR' : c.type]))).replaceAll("'", "''");
  return `INSERT INTO ${r.name} SELECT ${columns.map((c) => `r.${c.name}`).join(', ')}
    FROM (SELECT from_json(unnest(string_split($1, chr(10))), '${struct}') AS r) ${upsert(r)}`;
}

/** A batch's rows counted per rollup key, as `rollupFromTableSql` would count them. */
export function countBatch(r: Rollup, batch: readonly ReportRows[]): Row[] {
  const keys = r.keys.map((k) => k.name);
  const counts = new Map<string, Row>();
  const add = (row: Row) => {
    // Labels never hold control characters (utils/catalog/label-rules.ts): U+0000 separates safely.
    let key = '';
    for (const k of keys) key += `${row[k] as string}\u0000`;
    let count = counts.get(key);
    if (!count) {
      count = {};
      for (const k of keys) count[k] = row[k];
      for (const v of r.values) count[v.name] = 0;
      counts.set(key, count);
    }
    for (const v of r.values) (count[v.name] as number) += v.of(row);
  };
  for (const b of batch) {
    const sourceRows = (r.source === 'reports' ? [b.report] : b[r.source]) as unknown as Row[];
    for (const row of sourceRows) {
      if (r.unpivot) for (const u of r.unpivot.rows(row)) add(u);
      else add(row);
    }
  }
  return [...counts.values()];
}
