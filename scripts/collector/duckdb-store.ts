import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ReportRows } from '../../utils/fleet/rows';
import { BATCH_VIEW, CLEAR_STAGE_SQL, openStager, stageSetupSql } from './duckdb-stage';
import { compactRollupSql, foldSql, ROLLUP_SOURCES, ROLLUPS, rollupTableSql, type RollupSource } from './rollups';
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
export async function openDuckdbStore(dir: string, { file = DATABASE_FILE, compactAfter = 20_000, foldAfter = 100_000 } = {}): Promise<DuckdbStore> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, file);
  const open = () => DuckDBInstance.create(path, SETTINGS);
  let instance = await open();
  let writer = await instance.connect();
  let reader = await instance.connect();
  const writing = serial();
  const reading = serial();
  // Rows of each raw table, and how many of them the rollups have counted (rowid order).
  let { stored, counted } = await setUp(writer);
  let stager = await openStager(writer);
  const rollupRows = () => writer.runAndReadAll('SELECT count(*) FROM verdict_days').then((r) => Number(r.getRows()[0]![0]));
  // Rollup rows after the last compaction; folds add theirs until it is worth compacting them.
  let compacted = await rollupRows();
  // At most this many rows were appended since: a fold adds at most one verdict_days row per
  // verdict row. The rollup is counted only once this bound says a compaction may be due.
  let appendedAtMost = 0;
  const pending = () => ROLLUP_SOURCES.reduce((n, source) => n + stored[source] - counted[source], 0);

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
      ({ stored, counted } = await setUp(writer));
      stager = await openStager(writer);
    }
  };

  /**
   * Count the rows stored since the last fold into the rollups, in one transaction that
   * also records how far they are counted (docs/collector.md, "Rollups"): a crash or a
   * failure before its commit leaves them uncounted, to be counted by the next fold.
   * Runs on the writing connection, between batches.
   */
  const fold = async () => {
    if (!pending()) return;
    const upTo = { ...stored };
    try {
      await writer.run(foldSql(counted, upTo));
    } catch (error) {
      await writer.run('ROLLBACK').catch(() => {});
      await reopenIfInvalid();
      throw error;
    }
    appendedAtMost += upTo.verdicts - counted.verdicts;
    counted = upTo;
    await compactIfWorth();
  };

  /**
   * Fold the rollups' rows into one per key once folds have appended more than the
   * compact rollup holds (and `compactAfter`): reads then sum at most about twice the rows
   * of a compact rollup. Its own transaction: a failure leaves the unfolded rows, which
   * answer the same.
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
      for (const b of kept) {
        stored.reports++;
        stored.verdicts += b.verdicts.length;
        stored.gaps += b.gaps.length;
      }
      // The batch is committed: counting it into the rollups is housekeeping, never the batch's failure.
      if (pending() >= foldAfter) await fold().catch(() => {});
      return new Set(kept.map((b) => b.report.id));
    });

  /** Reads see every committed report in the rollups: what is not folded yet is folded first. */
  const query = async (sql: string) => {
    if (pending()) await writing(fold);
    return reading(async () => (await reader.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[]);
  };

  return {
    dialect: duckdbDialect,
    rollups: true,
    insert,
    query,
    count: async () => Number((await query('SELECT count(*) AS n FROM reports'))[0]!.n),
    checkpoint: () =>
      writing(async () => {
        await fold();
        await writer.run('CHECKPOINT');
      }),
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
/** The staged batch into the tables (the rollups count it later: `fold`). */
const BATCH_SQL = TABLES.map((t) => `INSERT INTO ${t.name} SELECT * FROM ${BATCH_VIEW[t.name]};`).join(' ');

/**
 * Tables, rollups and staging of the writing connection; returns the rows of each raw
 * table and how many of them the rollups have counted. Raw tables are only ever
 * appended to, so their rowids run 0…n−1 in the order rows were stored (a rolled-back
 * batch gives its rowids back): the rollups have counted the rows below `counted`.
 */
async function setUp(connection: DuckDBConnection): Promise<{ stored: Record<RollupSource, number>; counted: Record<RollupSource, number> }> {
  for (const t of TABLES) {
    const columns = t.columns.map((c) => `${c.name} ${TYPE[c.kind]}`);
    if (t.name === 'reports') columns.push('PRIMARY KEY (id)');
    await connection.run(`CREATE TABLE IF NOT EXISTS ${t.name} (${columns.join(', ')})`);
  }
  // Rollups of an earlier collector were updated in place under a primary key: count them again, keyless.
  const keyed = (await connection.runAndReadAll(`SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' AND table_name IN (${ROLLUPS.map((r) => `'${r.name}'`).join(', ')})`)).getRows()[0]![0];
  if (Number(keyed) > 0) await connection.run(ROLLUPS.map((r) => `DROP TABLE IF EXISTS ${r.name};`).join(' '));
  for (const r of ROLLUPS) await connection.run(rollupTableSql(r));
  const fresh = Number((await connection.runAndReadAll("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'rollup_progress'")).getRows()[0]![0]) === 0;
  await connection.run('CREATE TABLE IF NOT EXISTS rollup_progress (source VARCHAR NOT NULL, counted BIGINT NOT NULL)');
  const numbers = async (sql: string) => (await connection.runAndReadAll(sql)).getRows()[0]!.map(Number);
  const rows = await numbers(`SELECT ${ROLLUP_SOURCES.map((t) => `(SELECT count(*) FROM ${t}), (SELECT coalesce(max(rowid) + 1, 0) FROM ${t})`).join(', ')}, (SELECT count(*) FROM report_days)`);
  const stored = Object.fromEntries(ROLLUP_SOURCES.map((t, i) => [t, rows[2 * i]!])) as Record<RollupSource, number>;
  const dense = ROLLUP_SOURCES.every((_, i) => rows[2 * i] === rows[2 * i + 1]);
  const rollupsEmpty = rows.at(-1) === 0;
  const recorded = Object.fromEntries((await connection.runAndReadAll('SELECT source, counted FROM rollup_progress')).getRows().map(([t, n]) => [String(t), Number(n)]));
  let counted: Record<RollupSource, number>;
  if (fresh && !rollupsEmpty) {
    // An earlier collector counted every batch into the rollups as it stored it.
    counted = { ...stored };
  } else if (!dense || rollupsEmpty || ROLLUP_SOURCES.some((t) => !(recorded[t]! <= stored[t]))) {
    // Rollups lost, or rows that were not appended (rowids with gaps): count every row again.
    await connection.run(ROLLUPS.map((r) => `DELETE FROM ${r.name};`).join(' '));
    counted = { reports: 0, verdicts: 0, gaps: 0 };
  } else counted = recorded as Record<RollupSource, number>;
  await connection.run(`DELETE FROM rollup_progress; INSERT INTO rollup_progress VALUES ${ROLLUP_SOURCES.map((t) => `('${t}', ${counted[t]})`).join(', ')}`);
  for (const sql of stageSetupSql((kind) => TYPE[kind].replace(' NOT NULL', ''))) await connection.run(sql);
  return { stored, counted };
}
