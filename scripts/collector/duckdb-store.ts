import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import type { ReportRows } from '../../utils/fleet/rows';
import { countBatch, ROLLUPS, rollupFromBatchSql, rollupFromTableSql, rollupTableSql } from './rollups';
import { TABLES, type ColumnKind, type TableSpec } from './schema';
import { serial, type Dialect, type FleetStore } from './store';

/** The database file in `--dir`. */
export const DATABASE_FILE = 'fleet.duckdb';

const TYPE: Record<ColumnKind, string> = {
  text: 'VARCHAR NOT NULL', date: 'DATE NOT NULL', timestamp: 'TIMESTAMP NOT NULL', 'timestamp?': 'TIMESTAMP',
  flag: 'UTINYINT NOT NULL', count: 'INTEGER NOT NULL', share: 'DOUBLE NOT NULL', 'share?': 'DOUBLE',
};
export const duckdbDialect: Dialect = {
  name: 'duckdb',
  text: (value) => `'${value.replaceAll("'", "''")}'`,
  date: (day) => `DATE '${/^\d{4}-\d{2}-\d{2}$/.test(day) ? day : '1970-01-01'}'`,
};

/**
 * DuckDB, embedded: one file in `dir`, nothing to install. A batch is one transaction:
 * it looks up which report ids (the idempotency key, also the primary key) are stored
 * already, appends the rows of the new reports (appender, batched) and adds them to
 * the daily rollups the aggregate reads (rollups.ts): a failure rolls the whole batch
 * back, so a disk that fills up mid-batch leaves no half-stored report, no count of a
 * report that is not stored, and the next batch starts clean.
 * Writes and reads use separate connections, so aggregates are served during ingest.
 */
export async function openDuckdbStore(dir: string, { file = DATABASE_FILE } = {}): Promise<FleetStore> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, file);
  let instance = await DuckDBInstance.create(path);
  let writer = await instance.connect();
  let reader = await instance.connect();
  const writing = serial();
  const reading = serial();
  await setUp(writer);

  /** After an I/O failure DuckDB may invalidate the open database: reopen it from its file (committed data only). */
  const reopenIfInvalid = async () => {
    try {
      await writer.run('SELECT 1');
      return;
    } catch {
      writer.closeSync();
      reader.closeSync();
      instance.closeSync();
      instance = await DuckDBInstance.create(path);
      writer = await instance.connect();
      reader = await instance.connect();
      await setUp(writer);
    }
  };

  const insert = (batch: readonly ReportRows[]) =>
    writing(async () => {
      if (!batch.length) return new Set<string>();
      try {
        await writer.run('BEGIN TRANSACTION');
        try {
          // Ids are validated (letters, digits, . _ : -, so never a comma) and go in as one
          // parameter: a literal list of 10,000 ids costs DuckDB ten times more to plan.
          const ids = batch.map((b) => b.report.id).join(',');
          const known = new Set((await writer.runAndReadAll(KNOWN_IDS_SQL, [ids])).getRows().map((row) => String(row[0])));
          const kept = batch.filter((b) => !known.has(b.report.id));
          // Appenders write inside the open transaction: a rollback takes their rows back too.
          await append(writer, 'reports', kept.map((b) => b.report));
          await append(writer, 'verdicts', kept.flatMap((b) => b.verdicts));
          await append(writer, 'gaps', kept.flatMap((b) => b.gaps));
          for (const r of ROLLUPS) {
            const counts = countBatch(r, kept);
            if (counts.length) await writer.run(ROLLUP_SQL.get(r)!, [counts.map((c) => JSON.stringify(c)).join('\n')]);
          }
          await writer.run('COMMIT');
          return new Set(kept.map((b) => b.report.id));
        } catch (error) {
          await writer.run('ROLLBACK').catch(() => {});
          throw error;
        }
      } catch (error) {
        await reopenIfInvalid();
        throw error;
      }
    });

  const query = (sql: string) => reading(async () => (await reader.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[]);

  return {
    dialect: duckdbDialect,
    rollups: true,
    insert,
    query,
    count: async () => Number((await query('SELECT count(*) AS n FROM reports'))[0]!.n),
    close: () =>
      writing(async () => {
        writer.closeSync();
        reader.closeSync();
        instance.closeSync();
      }),
  };
}

const KNOWN_IDS_SQL = `SELECT id FROM reports WHERE id IN (SELECT unnest(string_split($1, ',')))`;
const ROLLUP_SQL = new Map(ROLLUPS.map((r) => [r, rollupFromBatchSql(r)]));

async function setUp(connection: DuckDBConnection) {
  for (const t of TABLES) {
    const columns = t.columns.map((c) => `${c.name} ${TYPE[c.kind]}`);
    if (t.name === 'reports') columns.push('PRIMARY KEY (id)');
    await connection.run(`CREATE TABLE IF NOT EXISTS ${t.name} (${columns.join(', ')})`);
  }
  for (const r of ROLLUPS) await connection.run(rollupTableSql(r));
  // A database written before the rollups existed gets them counted from its rows, once.
  const [[uncounted]] = (await connection.runAndReadAll('SELECT (SELECT count(*) FROM report_days) = 0 AND (SELECT count(*) FROM reports) > 0')).getRows() as [[boolean]];
  if (uncounted) await connection.run(`BEGIN TRANSACTION; ${ROLLUPS.map((r) => `${rollupFromTableSql(r)};`).join(' ')} COMMIT;`);
}

/** Appender rows (text columns go in as VARCHAR: DuckDB's appender casts them to DATE and TIMESTAMP). */
async function append(connection: DuckDBConnection, name: TableSpec['name'], rows: readonly object[]) {
  if (!rows.length) return;
  const spec = TABLES.find((t) => t.name === name)!;
  const appender = await connection.createAppender(name);
  try {
    for (const row of rows) {
      const values = row as Record<string, unknown>;
      for (const c of spec.columns) appendValue(appender, c.kind, values[c.name]);
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

function appendValue(appender: DuckDBAppender, kind: ColumnKind, value: unknown) {
  if (value === null || value === undefined) appender.appendNull();
  else if (kind === 'flag' || kind === 'count') appender.appendInteger(value as number);
  else if (kind === 'share' || kind === 'share?') appender.appendDouble(value as number);
  else appender.appendVarchar(value as string);
}
