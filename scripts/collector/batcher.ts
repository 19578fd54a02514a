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
 * Groups reports arriving one per request into batched inserts: a transaction per
 * report would bound the collector to the disk's sync rate. A batch is written when
 * it holds `maxBatch` reports or `maxDelayMs` after its first one; each caller learns
 * whether its report was stored or a duplicate only once the batch is committed, so
 * an upload is acknowledged only when it is on disk.
 */
export function createBatcher(store: FleetStore, { maxBatch = 500, maxDelayMs = 15, now = () => new Date() } = {}) {
  const toRows = createRowMaker();
  let pending: Pending[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    if (!batch.length) return writing;
    writing = writing.then(() => write(batch));
    return writing;
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
        if (pending.length >= maxBatch) void flush();
        else timer ??= setTimeout(() => void flush(), maxDelayMs);
      });
    },
    /** Write what is pending and wait for every batch. */
    flush,
  };
}
export type Batcher = ReturnType<typeof createBatcher>;
