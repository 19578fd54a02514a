import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ReportRows } from '../../utils/fleet/rows';
import { BATCH_VIEW, CLEAR_STAGE_SQL, openStager, stageSetupSql } from './duckdb-stage';
import { compactRollupSql, ROLLUPS, rollupAddSql, rollupTableSql } from './rollups';
import { TABLES, type ColumnKind } from './schema';
import { serial, type Dialect, type FleetStore } from './store';

export interface DuckdbStore extends FleetStore {
  /** Write what the write-ahead log holds into the database file now. */
  checkpoint(): Promise<void>;
}

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
 * already, stages the new reports' rows (duckdb-stage.ts), inserts them and appends
 * their counts to the daily rollups the aggregate reads (rollups.ts): a failure rolls
 * the whole batch back, so a disk that fills up mid-batch leaves no half-stored report,
 * no count of a report that is not stored, and the next batch starts clean.
 * Writes and reads use separate connections, so aggregates are served during ingest.
 */
export async function openDuckdbStore(dir: string, { file = DATABASE_FILE, compactAfter = 20_000 } = {}): Promise<DuckdbStore> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, file);
  const open = () => DuckDBInstance.create(path, SETTINGS);
  let instance = await open();
  let writer = await instance.connect();
  let reader = await instance.connect();
  const writing = serial();
  const reading = serial();
  await setUp(writer);
  let stager = await openStager(writer);
  const rollupRows = () => writer.runAndReadAll('SELECT count(*) FROM verdict_days').then((r) => Number(r.getRows()[0]![0]));
  // Rollup rows after the last compaction; batches add theirs until it is worth folding them.
  let compacted = await rollupRows();
  // At most this many rows were appended since: a batch adds at most one verdict_days row per
  // verdict row. Counting the rollup after every batch cost a query per batch; it is counted
  // only once this bound says a compaction may be due.
  let appendedAtMost = 0;

  /** After an I/O failure DuckDB may invalidate the open database: reopen it from its file (committed data only). */
  const reopenIfInvalid = async () => {
    try {
      await writer.run('SELECT 1');
      return;
    } catch {
      stager.close();
      writer.closeSync();
      reader.closeSync();
      instance.closeSync();
      instance = await open();
      writer = await instance.connect();
      reader = await instance.connect();
      await setUp(writer);
      stager = await openStager(writer);
    }
  };

  /**
   * Fold the rollups' per-batch rows once they outnumber the folded ones (and `compactAfter`):
   * reads then sum at most about twice the rows of a compact rollup, and folding costs
   * in proportion to what batches added. Its own transaction, after the batch's commit:
   * a failure leaves the unfolded rows, which answer the same.
   */
  const compactIfWorth = async () => {
    if (compacted + appendedAtMost <= 2 * compacted + compactAfter) return; // cannot be due yet
    const rows = await rollupRows();
    appendedAtMost = rows - compacted;
    if (rows <= 2 * compacted + compactAfter) return;
    await writer.run(`BEGIN TRANSACTION; ${ROLLUPS.map(compactRollupSql).join(' ')} COMMIT;`).catch(async (error: unknown) => {
      await writer.run('ROLLBACK').catch(() => {});
      throw error;
    });
    compacted = await rollupRows();
    appendedAtMost = 0;
  };

  const insert = (batch: readonly ReportRows[]) =>
    writing(async () => {
      if (!batch.length) return new Set<string>();
      let kept: readonly ReportRows[];
      try {
        try {
          // Two calls per batch, each a trip through the event loop, which is busy with
          // arriving uploads: the transaction's start with the lookup of known ids, then
          // everything else with the commit.
          const known = new Set((await writer.runAndReadAll(`BEGIN TRANSACTION; ${knownIdsSql(batch)}`)).getRows().map((row) => String(row[0])));
          kept = batch.filter((b) => !known.has(b.report.id));
          // Staged inside the open transaction: a rollback takes the staged rows back too.
          stager.stage(kept);
          await writer.run(`${BATCH_SQL} ${CLEAR_STAGE_SQL} COMMIT;`);
        } catch (error) {
          stager.discard();
          await writer.run('ROLLBACK').catch(() => {});
          throw error;
        }
      } catch (error) {
        await reopenIfInvalid();
        throw error;
      }
      // The batch is committed: folding the rollups is housekeeping, never the batch's failure.
      for (const b of kept) appendedAtMost += b.verdicts.length;
      await compactIfWorth().catch(() => {});
      return new Set(kept.map((b) => b.report.id));
    });

  const query = (sql: string) => reading(async () => (await reader.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[]);

  return {
    dialect: duckdbDialect,
    rollups: true,
    insert,
    query,
    count: async () => Number((await query('SELECT count(*) AS n FROM reports'))[0]!.n),
    checkpoint: () => writing(async () => void (await writer.run('CHECKPOINT'))),
    close: () =>
      writing(async () => {
        stager.close();
        writer.closeSync();
        reader.closeSync();
        instance.closeSync();
      }),
  };
}

/**
 * A commit makes a batch durable in DuckDB's write-ahead log; a checkpoint later
 * rewrites the log into the compressed database file. At the default 16 MB of log,
 * a collector taking 10,000 reports a second would checkpoint every few batches and
 * rewrite the tables' open row groups each time (three times the CPU of the commits
 * themselves, measured); 256 MB checkpoints a sixteenth as often, at the cost of a
 * longer log to replay when the collector restarts after a crash.
 * One DuckDB thread: a batch's statements are small, and on a 2-core machine a second
 * thread mostly added scheduling (half the statements' CPU time, measured), while the
 * collector's own JavaScript (HTTP, validation, rows) needs the other core.
 */
const SETTINGS = { checkpoint_threshold: '256MB', threads: '1' };

/**
 * Which of the batch's ids are stored. Ids are validated (letters, digits, . _ : -, so
 * never a quote or a comma) and go in as one string literal, split by DuckDB: a literal
 * list of 10,000 ids costs DuckDB ten times more to plan.
 */
const knownIdsSql = (batch: readonly ReportRows[]) =>
  `SELECT id FROM reports WHERE id IN (SELECT unnest(string_split('${batch.map((b) => b.report.id.replaceAll("'", "''")).join(',')}', ',')))`;
/** The staged batch into the tables, and its counts into the rollups. */
const BATCH_SQL = [
  ...TABLES.map((t) => `INSERT INTO ${t.name} SELECT * FROM ${BATCH_VIEW[t.name]};`),
  ...ROLLUPS.map((r) => `${rollupAddSql(r, BATCH_VIEW[r.source])};`),
].join(' ');

async function setUp(connection: DuckDBConnection) {
  for (const t of TABLES) {
    const columns = t.columns.map((c) => `${c.name} ${TYPE[c.kind]}`);
    if (t.name === 'reports') columns.push('PRIMARY KEY (id)');
    await connection.run(`CREATE TABLE IF NOT EXISTS ${t.name} (${columns.join(', ')})`);
  }
  // Rollups of an earlier collector were updated in place under a primary key: count them again, keyless.
  const keyed = (await connection.runAndReadAll(`SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' AND table_name IN (${ROLLUPS.map((r) => `'${r.name}'`).join(', ')})`)).getRows()[0]![0];
  if (Number(keyed) > 0) await connection.run(ROLLUPS.map((r) => `DROP TABLE IF EXISTS ${r.name};`).join(' '));
  for (const r of ROLLUPS) await connection.run(rollupTableSql(r));
  // A database written before the rollups existed gets them counted from its rows, once.
  const [[uncounted]] = (await connection.runAndReadAll('SELECT (SELECT count(*) FROM report_days) = 0 AND (SELECT count(*) FROM reports) > 0')).getRows() as [[boolean]];
  if (uncounted) await connection.run(`BEGIN TRANSACTION; ${ROLLUPS.map((r) => `${rollupAddSql(r)};`).join(' ')} COMMIT;`);
  for (const sql of stageSetupSql((kind) => TYPE[kind].replace(' NOT NULL', ''))) await connection.run(sql);
}
