import type { FleetReport } from '../../utils/fleet/report-schema';
import { createRowMaker } from '../../utils/fleet/rows';
import type { FleetStore } from './store';

export type StoreOutcome = 'stored' | 'duplicate';

interface Pending {
  report: FleetReport;
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
    try {
      while (pending.length) {
        const batch = pending.slice(0, maxBatch);
        pending = pending.slice(batch.length);
        await write(batch);
      }
    } finally {
      busy = false;
      settle();
    }
  };

  const write = async (batch: Pending[]) => {
    // One report per id in a batch: a second copy is a duplicate of the first.
    const first = new Map<string, Pending>();
    for (const p of batch) if (!first.has(p.report.id)) first.set(p.report.id, p);
    const copies = batch.filter((p) => first.get(p.report.id) !== p);
    try {
      const at = now();
      const fresh = await store.insert([...first.values()].map((p) => toRows(p.report, at)));
      for (const p of first.values()) p.resolve(fresh.has(p.report.id) ? 'stored' : 'duplicate');
      for (const p of copies) p.resolve('duplicate');
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  };

  return {
    /** Resolves once the report's batch is committed; rejects when the batch could not be stored. */
    add(report: FleetReport): Promise<StoreOutcome> {
      return new Promise((resolve, reject) => {
        pending.push({ report, resolve, reject });
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
