import type { FleetReport } from '../../utils/fleet/report-schema';
import { createRowMaker, type ReportRows } from '../../utils/fleet/rows';
import type { FleetStore } from './store';

export type StoreOutcome = 'stored' | 'duplicate';

interface Pending {
  /** The report's rows, made as it arrives (see `add`). */
  rows: ReportRows;
  resolve(outcome: StoreOutcome): void;
  reject(error: unknown): void;
}

/**
 * Group commit: reports arriving one per request are written in batches, as a
 * transaction per report would bound the collector to the disk's sync rate. While a
 * batch is being written, arriving reports wait, and the next batch takes all of them
 * (up to `maxBatch`) as soon as the writer is free; an idle writer waits `maxDelayMs`
 * after a first report for others to join it. Each caller learns whether its report
 * was stored or a duplicate only once its batch is committed (docs/collector.md,
 * "Group commit"), so an upload is acknowledged only when it is durably stored.
 */
export function createBatcher(store: FleetStore, { maxBatch = 5000, maxDelayMs = 10, now = () => new Date() } = {}) {
  const toRows = createRowMaker();
  let pending: Pending[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let busy = false;
  let idle: Promise<void> = Promise.resolve();
  let settle = () => {};

  /** Write batches until nothing is pending; one writer at a time. */
  const drain = async () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (busy) return;
    busy = true;
    idle = new Promise((resolve) => (settle = resolve));
    let answer: (() => void) | undefined;
    try {
      for (;;) {
        const batch = pending.slice(0, maxBatch);
        pending = pending.slice(batch.length);
        const writing = batch.length ? write(batch) : undefined;
        // The next batch's first database call is out before the last batch's uploads are
        // answered (a hundred responses to write): the database is not left waiting for them.
        answer?.();
        if (!writing) break;
        answer = await writing;
      }
    } finally {
      busy = false;
      settle();
    }
  };

  /** Stores a batch; resolves to what answers its uploads (once committed, or with the failure). */
  const write = async (batch: Pending[]): Promise<() => void> => {
    // One report per id in a batch: a second copy is a duplicate of the first.
    const first = new Map<string, Pending>();
    for (const p of batch) if (!first.has(p.rows.report.id)) first.set(p.rows.report.id, p);
    const copies = batch.filter((p) => first.get(p.rows.report.id) !== p);
    try {
      const fresh = await store.insert([...first.values()].map((p) => p.rows));
      return () => {
        for (const p of first.values()) p.resolve(fresh.has(p.rows.report.id) ? 'stored' : 'duplicate');
        for (const p of copies) p.resolve('duplicate');
      };
    } catch (error) {
      return () => {
        for (const p of batch) p.reject(error);
      };
    }
  };

  return {
    /** Resolves once the report's batch is committed; rejects when the batch could not be stored. */
    add(report: FleetReport): Promise<StoreOutcome> {
      // Rows now, while the writer commits an earlier batch: the next batch then starts with
      // the database's own work, instead of leaving DuckDB idle while JavaScript makes them.
      const rows = toRows(report, now());
      return new Promise((resolve, reject) => {
        pending.push({ rows, resolve, reject });
        // A busy writer takes this report with the next batch when it is done.
        if (busy) return;
        if (pending.length >= maxBatch) void drain();
        else timer ??= setTimeout(() => void drain(), maxDelayMs);
      });
    },
    /** Write what is pending and wait for every batch. */
    flush: async () => {
      await drain();
      await idle;
    },
  };
}
export type Batcher = ReturnType<typeof createBatcher>;
