import type { ReportRows } from '../../utils/fleet/rows';

/** How an engine writes literals: the aggregate SQL is otherwise the same on every engine. */
export interface Dialect {
  name: 'duckdb' | 'clickhouse';
  /** A string literal. */
  text(value: string): string;
  /** A date literal from `YYYY-MM-DD`. */
  date(day: string): string;
}

/** Where the collector keeps reports: DuckDB in `--dir`, or ClickHouse with `--clickhouse`. */
export interface FleetStore {
  readonly dialect: Dialect;
  /**
   * The store keeps daily rollups (rollups.ts) in step with its rows, and the aggregate
   * reads them; without (ClickHouse, built to scan raw rows) it reads the raw tables.
   */
  readonly rollups: boolean;
  /**
   * Store a batch of reports (ids unique within the batch) in one transaction:
   * either every new report with all its rows, or nothing. Resolves to the ids
   * that were new (the others were stored before); rejects when nothing was stored.
   */
  insert(batch: readonly ReportRows[]): Promise<Set<string>>;
  /** Rows of a read-only query, values as JSON would give them (numbers may be strings). */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** Reports stored. */
  count(): Promise<number>;
  close(): Promise<void>;
}

/** Serialises async work on one resource (one database connection is used by one call at a time). */
export function serial() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const next = tail.then(work);
    tail = next.catch(() => {});
    return next;
  };
}
