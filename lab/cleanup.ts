import { rmSync } from 'node:fs';

/** Synchronous last-resort cleanup of one lab: kill its child PIDs, remove its temp dir. */
export interface Emergency {
  pids: () => number[];
  dirs: string[];
}

const live = new Set<Emergency>();
let installed = false;

function emergencyCleanup() {
  for (const lab of live) {
    for (const pid of lab.pids()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch { /* already gone */ }
    }
    for (const dir of lab.dirs) rmSync(dir, { recursive: true, force: true });
  }
  live.clear();
}

/**
 * Registers a lab for cleanup on SIGINT/SIGTERM and process exit, so an interrupted test run does
 * not leave squid running or keys lying in /tmp. Handlers are installed once per process; on a
 * signal we clean up and then exit with the conventional 128+n code, as the default handler would.
 */
export function registerForCleanup(entry: Emergency): () => void {
  if (!installed) {
    installed = true;
    process.once('exit', emergencyCleanup);
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      process.once(signal, () => {
        emergencyCleanup();
        process.exit(code);
      });
    }
  }
  live.add(entry);
  return () => live.delete(entry);
}
