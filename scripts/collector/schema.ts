import { GAP_COLUMNS, REPORT_COLUMNS, VERDICT_COLUMNS } from '../../utils/fleet/rows';

/** What a column holds; each engine maps a kind to its own type. */
export type ColumnKind = 'text' | 'date' | 'timestamp' | 'timestamp?' | 'flag' | 'count' | 'share' | 'share?';

const KIND: Record<string, ColumnKind> = {
  received_at: 'timestamp', started_at: 'timestamp', finished_at: 'timestamp?', day: 'date',
  complete: 'flag', control_ok: 'flag', services: 'count',
  share_fr: 'share?', share_us: 'share?', share_world: 'share?', blocked_share: 'share', degraded_share: 'share',
};
const kindOf = (column: string): ColumnKind => KIND[column] ?? 'text';

export interface TableSpec {
  name: 'reports' | 'verdicts' | 'gaps';
  columns: readonly { name: string; kind: ColumnKind }[];
}

/** The three tables (utils/fleet/rows.ts says why each exists). */
export const TABLES: readonly TableSpec[] = [
  { name: 'reports', columns: REPORT_COLUMNS.map((name) => ({ name, kind: kindOf(name) })) },
  { name: 'verdicts', columns: VERDICT_COLUMNS.map((name) => ({ name, kind: kindOf(name) })) },
  { name: 'gaps', columns: GAP_COLUMNS.map((name) => ({ name, kind: kindOf(name) })) },
];

export const table = (name: TableSpec['name']): TableSpec => TABLES.find((t) => t.name === name)!;
