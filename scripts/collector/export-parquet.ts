import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';
import { DATABASE_FILE } from './duckdb-store';
import { TABLES } from './schema';

/**
 * Day-partitioned Parquet (`<out>/<table>/day=YYYY-MM-DD/*.parquet`, Hive layout):
 * the layout ClickHouse, BigQuery, Spark and DuckDB read as one table per folder
 * with `day` as a column. The database is opened read-only, so a running
 * collector's file is never changed by an export.
 */
export async function exportParquet(dir: string, out: string): Promise<Record<string, number>> {
  await mkdir(out, { recursive: true });
  const instance = await DuckDBInstance.create(join(dir, DATABASE_FILE), { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const counts: Record<string, number> = {};
    for (const t of TABLES) {
      const target = resolve(out, t.name).replaceAll("'", "''");
      // OVERWRITE_OR_IGNORE: exporting again replaces a day's files instead of failing.
      const result = await connection.run(`COPY (SELECT * FROM ${t.name}) TO '${target}' (FORMAT PARQUET, PARTITION_BY (day), OVERWRITE_OR_IGNORE, COMPRESSION ZSTD)`);
      counts[t.name] = Number(result.rowsChanged);
    }
    return counts;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
