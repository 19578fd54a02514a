import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import type { ReportRows } from '../../utils/fleet/rows';
import { TABLES, type ColumnKind, type TableSpec } from './schema';
import { serial, type Dialect, type FleetStore } from './store';

/** The database file in `--dir`. */
export const DATABASE_FILE = 'fleet.duckdb';

const TYPE: Record<ColumnKind, string> = {
  text: 'VARCHAR NOT NULL', date: 'DATE NOT NULL', timestamp: 'TIMESTAMP NOT NULL', 'timestamp?': 'TIMESTAMP',
  flag: 'UTINYINT NOT NULL', count: 'INTEGER NOT NULL', share: 'DOUBLE NOT NULL', 'share?': 'DOUBLE',
};
/** Staging columns are what the appender writes plainly (text, integers, doubles); the INSERT casts. */
const STAGE_TYPE: Record<ColumnKind, string> = {
  text: 'VARCHAR', date: 'VARCHAR', timestamp: 'VARCHAR', 'timestamp?': 'VARCHAR', flag: 'INTEGER', count: 'INTEGER', share: 'DOUBLE', 'share?': 'DOUBLE',
};

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  text: (value) => `'${value.replaceAll("'", "''")}'`,
  date: (day) => `DATE '${/^\d{4}-\d{2}-\d{2}$/.test(day) ? day : '1970-01-01'}'`,
};

/**
 * DuckDB, embedded: one file in `dir`, nothing to install. A batch's report rows are
 * appended to a temporary staging table, then one transaction inserts them with
 * `INSERT OR IGNORE` on the report id (the idempotency key) and appends the verdict
 * and gap rows of the reports that were new: a failure rolls the whole batch back, so
 * a disk that fills up mid-batch leaves no half-stored report and the next batch starts clean.
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
        await writer.run('DELETE FROM stage_reports');
        await append(writer, 'reports', batch.map((b) => b.report), 'temp');
        await writer.run('BEGIN TRANSACTION');
        try {
          const inserted = await writer.runAndReadAll(`INSERT OR IGNORE INTO reports ${selectStaged(TABLES[0]!)} RETURNING id`);
          const fresh = new Set(inserted.getRows().map((row) => String(row[0])));
          // Rows of reports stored earlier stay out: a duplicate adds nothing. Appenders write
          // inside the open transaction, so a rollback takes them back too.
          const kept = batch.filter((b) => fresh.has(b.report.id));
          await append(writer, 'verdicts', kept.flatMap((b) => b.verdicts));
          await append(writer, 'gaps', kept.flatMap((b) => b.gaps));
          await writer.run('COMMIT');
          return fresh;
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

async function setUp(connection: DuckDBConnection) {
  for (const t of TABLES) {
    const columns = t.columns.map((c) => `${c.name} ${TYPE[c.kind]}`);
    if (t.name === 'reports') columns.push('PRIMARY KEY (id)');
    await connection.run(`CREATE TABLE IF NOT EXISTS ${t.name} (${columns.join(', ')})`);
  }
  const reports = TABLES[0]!;
  await connection.run(`CREATE TEMP TABLE IF NOT EXISTS stage_reports (${reports.columns.map((c) => `${c.name} ${STAGE_TYPE[c.kind]}`).join(', ')})`);
}

function selectStaged(t: TableSpec): string {
  const cast = (c: TableSpec['columns'][number]) => (TYPE[c.kind].startsWith('VARCHAR') ? c.name : `CAST(${c.name} AS ${TYPE[c.kind].split(' ')[0]})`);
  return `SELECT ${t.columns.map(cast).join(', ')} FROM stage_${t.name}`;
}

/** Appender rows (text columns go in as VARCHAR: DuckDB's appender casts them to DATE and TIMESTAMP). */
async function append(connection: DuckDBConnection, name: TableSpec['name'], rows: readonly object[], staging?: 'temp') {
  if (!rows.length) return;
  const spec = TABLES.find((t) => t.name === name)!;
  const appender = staging ? await connection.createAppender(`stage_${name}`, 'main', 'temp') : await connection.createAppender(name);
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
