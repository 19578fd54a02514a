import { POPULATIONS } from '../../utils/catalog/types';
import { SHARE_COLUMN } from '../../utils/fleet/rows';
import type { TableSpec } from './schema';

/**
 * Daily rollups: counts per day and per everything the fleet page filters or groups
 * by, kept by the DuckDB store in the same transaction as the raw rows they count
 * (docs/collector.md, "Rollups"). A million reports of 8 services are 8 million
 * verdict rows but about 12,000 `verdict_days` rows, so the page's aggregate reads
 * small tables whatever the number of reports.
 * Each batch appends its own counts (no key is updated in place: DuckDB's
 * `ON CONFLICT DO UPDATE` cost tens of milliseconds per small batch), so a key may
 * have several rows; every view sums them, and `compactRollupSql` folds them into one
 * row per key from time to time. One SQL definition counts a batch, a raw table (a
 * database written before rollups existed) and the rollup itself.
 */
export interface Rollup {
  name: 'report_days' | 'verdict_days' | 'share_days' | 'gap_days';
  source: TableSpec['name'];
  /** Grouping columns of the source rows. */
  keys: readonly { name: string; type: string }[];
  /** Counted or summed columns: SQL aggregate over the source rows. */
  values: readonly { name: string; type: string; sql: string }[];
  /** When one source row gives other rows than itself (share_days: one per population with a figure). */
  unpivot?: { sql: (source: string) => string };
}

const DIMS = [
  { name: 'day', type: 'DATE' }, { name: 'site', type: 'VARCHAR' }, { name: 'catalog_version', type: 'VARCHAR' }, { name: 'complete', type: 'UTINYINT' },
] as const;
const text = (name: string) => ({ name, type: 'VARCHAR' });
const COUNT = { name: 'reports', type: 'BIGINT', sql: 'count(*)' };

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
    },
  },
  {
    // Sums, not averages: the page's mean over reports is sum / reports, exact over any period.
    name: 'gap_days', source: 'gaps',
    keys: [...DIMS, text('population'), text('category')],
    values: [
      COUNT,
      { name: 'blocked_sum', type: 'DOUBLE', sql: 'sum(blocked_share)' },
      { name: 'degraded_sum', type: 'DOUBLE', sql: 'sum(degraded_share)' },
    ],
  },
];

/** No primary key: batches append counts, views sum them (see above). */
export function rollupTableSql(r: Rollup): string {
  const columns = [...r.keys, ...r.values].map((c) => `${c.name} ${c.type} NOT NULL`);
  return `CREATE TABLE IF NOT EXISTS ${r.name} (${columns.join(', ')})`;
}

/** The rollup's rows counted from `source` (its raw table, or a batch of rows of that table's shape), in the rollup's column order. */
export function rollupSelectSql(r: Rollup, source: string = r.source): string {
  const keys = r.keys.map((k) => k.name).join(', ');
  const from = r.unpivot ? `(${r.unpivot.sql(source)}) AS rows` : source;
  return `SELECT ${keys}, ${r.values.map((v) => `${v.sql} AS ${v.name}`).join(', ')} FROM ${from} GROUP BY ${keys}`;
}

/** Add the counts of `source` (the raw table, or some of its rows) to the rollup. */
export const rollupAddSql = (r: Rollup, source: string = r.source) => `INSERT INTO ${r.name} ${rollupSelectSql(r, source)}`;

/** The raw tables rollups count. */
export const ROLLUP_SOURCES = ['reports', 'verdicts', 'gaps'] as const satisfies readonly TableSpec['name'][];
export type RollupSource = (typeof ROLLUP_SOURCES)[number];

/**
 * One transaction counting the rows stored since the last fold (rowids `from` up to
 * `to`: raw tables are only appended to, so rowids follow the order rows were stored)
 * into every rollup, and recording `to` in `rollup_progress` (docs/collector.md, "Rollups").
 */
export function foldSql(from: Record<RollupSource, number>, to: Record<RollupSource, number>): string {
  const pending = (t: RollupSource) => `(SELECT * FROM ${t} WHERE rowid >= ${from[t]} AND rowid < ${to[t]}) AS pending`;
  return `BEGIN TRANSACTION; ${ROLLUPS.map((r) => `${rollupAddSql(r, pending(r.source))};`).join(' ')}
    DELETE FROM rollup_progress; INSERT INTO rollup_progress VALUES ${ROLLUP_SOURCES.map((t) => `('${t}', ${to[t]})`).join(', ')}; COMMIT;`;
}

/** Fold the rollup's rows into one per key (statements for one transaction): sums of sums, so every view answers the same. */
export function compactRollupSql(r: Rollup): string {
  const keys = r.keys.map((k) => k.name).join(', ');
  return `CREATE OR REPLACE TEMP TABLE compacting AS SELECT ${keys}, ${r.values.map((v) => `sum(${v.name}) AS ${v.name}`).join(', ')} FROM ${r.name} GROUP BY ${keys};
    DELETE FROM ${r.name}; INSERT INTO ${r.name} SELECT * FROM compacting; DROP TABLE compacting;`;
}
