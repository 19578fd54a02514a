import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { validateReportText } from '../../utils/fleet/validate-report';
import type { Rejection } from '../../utils/fleet/ingest';
import { createBatcher } from './batcher';
import type { FleetStore } from './store';

/** Files the NDJSON collector wrote (`2026-01-31.ndjson`), and any other `.ndjson`/`.jsonl` export. */
const NDJSON_FILE = /\.(ndjson|jsonl)$/i;

export interface MigrationResult {
  files: number;
  stored: number;
  duplicates: number;
  rejected: Rejection[];
}

/**
 * Move an NDJSON directory into the store: every line validated like an upload
 * (a bad line is listed with `file:line` and its reason, the rest move on), stored
 * in batches, idempotent by report id — running it twice stores nothing twice. The
 * source files are only read, never changed.
 */
export async function migrateNdjson(from: string, store: FleetStore, onProgress: (done: number) => void = () => {}): Promise<MigrationResult> {
  const files = (await readdir(from)).filter((n) => NDJSON_FILE.test(n)).sort();
  const batcher = createBatcher(store, { maxBatch: 2000, maxDelayMs: 50 });
  const result: MigrationResult = { files: files.length, stored: 0, duplicates: 0, rejected: [] };
  let inFlight: Promise<void>[] = [];
  for (const file of files) {
    let n = 0;
    const lines = createInterface({ input: createReadStream(join(from, file)), crlfDelay: Infinity });
    for await (const line of lines) {
      n++;
      if (!line.trim()) continue;
      const v = validateReportText(line);
      if (!v.ok) {
        result.rejected.push({ source: `${file}:${n}`, reason: v.reason });
        continue;
      }
      inFlight.push(batcher.add(v.report).then((outcome) => void (outcome === 'stored' ? result.stored++ : result.duplicates++)));
      // Bounded memory: wait for a batch's worth before reading on.
      if (inFlight.length >= 2000) {
        await batcher.flush();
        await Promise.all(inFlight);
        inFlight = [];
        onProgress(result.stored + result.duplicates);
      }
    }
  }
  await batcher.flush();
  await Promise.all(inFlight);
  return result;
}
