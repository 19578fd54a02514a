import { appendFile, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** `2026-01-31.ndjson`: one file per UTC day of receipt, so a day can be archived or deleted as a whole. */
export const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.ndjson$/;

export interface DayFile {
  day: string;
  file: string;
  bytes: number;
}

/**
 * Reports as NDJSON files per day, with the set of stored ids so a report posted
 * twice (a retry whose first answer was lost) is stored once. Appends are
 * serialised in this process so two posts never interleave their lines.
 */
export async function openNdjsonStore(dir: string, now: () => Date = () => new Date()) {
  await mkdir(dir, { recursive: true });
  const ids = new Set<string>();
  for (const { file } of await listDays(dir)) {
    const lines = createInterface({ input: createReadStream(join(dir, file)), crlfDelay: Infinity });
    for await (const line of lines) {
      // Only the id matters here; a damaged line (disk full mid-write) is skipped, not fatal.
      try {
        const id = (JSON.parse(line) as { id?: unknown }).id;
        if (typeof id === 'string') ids.add(id);
      } catch { /* see above */ }
    }
  }
  let tail: Promise<unknown> = Promise.resolve();
  return {
    has: (id: string) => ids.has(id),
    get size() {
      return ids.size;
    },
    /** Append one report (already validated) unless its id is stored; resolves to whether it was new. */
    append(id: string, report: unknown): Promise<boolean> {
      const write = tail.then(async () => {
        if (ids.has(id)) return false;
        const file = `${now().toISOString().slice(0, 10)}.ndjson`;
        // JSON.stringify never emits a raw line break, so one report is one line.
        await appendFile(join(dir, file), JSON.stringify(report) + '\n');
        ids.add(id);
        return true;
      });
      tail = write.catch(() => {});
      return write;
    },
    listDays: () => listDays(dir),
    readDay: (file: string) => readFile(join(dir, file)),
  };
}
export type NdjsonStore = Awaited<ReturnType<typeof openNdjsonStore>>;

async function listDays(dir: string): Promise<DayFile[]> {
  const names = (await readdir(dir)).filter((n) => DAY_FILE.test(n)).sort();
  return Promise.all(names.map(async (file) => ({ day: file.slice(0, 10), file, bytes: (await stat(join(dir, file))).size })));
}
