import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { aggregateFleet } from '../../utils/fleet/aggregate';
import { generateReferenceReports } from '../../utils/fleet/generate-reference-reports';
import { generateReports } from '../../utils/fleet/generate-reports';
import { createRowMaker } from '../../utils/fleet/rows';
import { validateReportValue, type FleetReport } from '../../utils/fleet/validate-report';
import { queryAggregate } from './aggregate-sql';
import { openDuckdbStore } from './duckdb-store';

const validated = (reports: unknown[]): FleetReport[] =>
  reports.map((r) => {
    const v = validateReportValue(r);
    if (!v.ok) throw new Error(v.reason);
    return v.report;
  });

/** Median ms to aggregate 10,000 validated reports of 48 services in the page (offline file review). */
export function benchFleetAggregate(count = 10_000, runs = 5): number {
  const reports = validated(generateReports(count, 3, undefined, 6));
  const times = Array.from({ length: runs }, () => {
    const started = performance.now();
    aggregateFleet(reports, 'WORLD');
    return performance.now() - started;
  });
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/**
 * One million generated reports (4 sites, 8 services each, over 90 days) into DuckDB:
 * validation, rows (with each report's gap) and batched inserts of 10,000, timed
 * without the fixture's generation (`ACCESS_GAP_BENCH_FLEET_REPORTS` sets another count). Then the page's full answer (sites × services,
 * heatmap, trend, top list) over the 90 days, median of 5 runs.
 */
export async function benchFleetMillion(total = Number(process.env.ACCESS_GAP_BENCH_FLEET_REPORTS ?? 1_000_000), chunk = 10_000): Promise<{ ingestPerS: number; aggregateMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'access-gap-fleet-1m-'));
  const store = await openDuckdbStore(dir);
  try {
    const toRows = createRowMaker();
    let generationMs = 0;
    let writing: Promise<unknown> = Promise.resolve();
    const started = performance.now();
    for (let done = 0; done < total; done += chunk) {
      const before = performance.now();
      const raw = generateReports(Math.min(chunk, total - done), 1000 + done / chunk, Date.UTC(2026, 0, 1), 1, 90);
      generationMs += performance.now() - before;
      const at = new Date();
      const rows = validated(raw).map((r) => toRows(r, at));
      // The next chunk is validated while DuckDB commits this one, as a collector does with arriving uploads.
      await writing;
      writing = store.insert(rows);
    }
    await writing;
    // Until the last row is in the database file, not only in the write-ahead log.
    await store.checkpoint();
    const ingestMs = performance.now() - started - generationMs;
    const stored = await store.count();
    if (stored !== total) throw new Error(`stored ${stored} of ${total} reports`);
    const filter = { population: 'WORLD' as const, sites: [], from: '2026-01-01', to: '2026-03-31' };
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const { aggregate } = await queryAggregate(store, filter);
      times.push(performance.now() - started);
      if (aggregate.reports !== total) throw new Error(`aggregated ${aggregate.reports} of ${total} reports`);
    }
    return { ingestPerS: total / (ingestMs / 1000), aggregateMs: times.sort((a, b) => a - b)[2]! };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The uploaders, in a worker thread of their own (the fleet's browsers are other machines:
 * their HTTP client must not run on the collector's event loop). Plain JavaScript, since a
 * worker evaluates source text; `node:http` with keep-alive, as browsers reuse connections.
 */
const UPLOADERS = `
const { workerData, parentPort } = require('node:worker_threads');
const http = require('node:http');
const { url, auth, bodies, concurrency, deadlineMs } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const post = (body) => new Promise((resolve, reject) => {
  const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: auth, 'content-length': Buffer.byteLength(body) } }, (res) => {
    res.resume();
    res.on('end', () => resolve(res.statusCode));
  });
  req.on('error', reject);
  req.end(body);
});
let next = 0, accepted = 0;
const deadline = Date.now() + deadlineMs;
const started = performance.now();
Promise.all(Array.from({ length: concurrency }, async () => {
  while (next < bodies.length && Date.now() < deadline) {
    const body = bodies[next++];
    // A keep-alive socket the server closed as this request went out: send again, as the extension does.
    for (let attempt = 1; ; attempt++) {
      try {
        if ((await post(body)) === 201) accepted++;
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }
})).then(() => parentPort.postMessage({ accepted, seconds: (performance.now() - started) / 1000 }), (error) => parentPort.postMessage({ error: String(error) }));
`;

/**
 * The collector as IT runs it (`npm run collector`, README "Fleet"): its own process, with
 * the Node flags of package.json's `collector` script, credentials from the environment.
 * Resolves once it listens; `stop` ends it as systemd would (SIGTERM: batches flushed,
 * database closed).
 */
async function startCollectorProcess(dir: string, env: Record<string, string>): Promise<{ url: string; cpuMs(): number; stop(): Promise<void> }> {
  const root = join(import.meta.dirname, '../..');
  const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.collector ?? '';
  // `tsx FLAGS… scripts/collector.ts`: the same flags and script, through tsx's loader.
  const [runner, ...args] = script.split(/\s+/);
  if (runner !== 'tsx') throw new Error(`package.json's collector script is not "tsx …": ${script}`);
  // ACCESS_GAP_BENCH_COLLECTOR_FLAGS adds Node flags, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it (docs/collector.md).
  const extra = (process.env.ACCESS_GAP_BENCH_COLLECTOR_FLAGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', ...args, '--dir', dir, '--port', '0'], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString('utf8')).slice(-4096);
      const listening = /listening on (http:\/\/\S+?) /.exec(seen);
      if (!listening) return;
      // Its log (a line per upload) keeps flowing, as into a journal: read and dropped.
      child.stdout.off('data', onData);
      child.stdout.resume();
      resolve(listening[1]!);
    };
    child.stdout.on('data', onData);
    void exited.then(() => reject(new Error(`the collector exited before listening: ${seen.slice(-500)}`)));
  });
  return {
    url,
    // CPU time of all its threads (JavaScript, DuckDB, garbage collection): utime + stime, in clock ticks of 10 ms.
    cpuMs: () => {
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    stop: async () => {
      child.kill('SIGTERM');
      // A collector that does not close within 30 s is ended, so the bench never hangs on it.
      const hung = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(hung);
    },
  };
}

/**
 * Reports the collector accepts per second on loopback: `count` distinct reports posted
 * by `concurrency` uploaders at once (a fleet's browsers upload independently, hundreds
 * at a time after a scheduled audit; the collector batches what arrives together) with
 * the upload credential, each validated, rate-limited, batched into DuckDB and
 * acknowledged by id once its batch is committed. `shape`: `reference`, reports as the
 * extension uploads them (the reference catalog's services with their usage figures,
 * every channel with its evidence, ~52 kB: generate-reference-reports.ts), or `light`,
 * 48 services without channels (~10 kB), which measures the collector's own work apart
 * from parsing evidence it drops. The collector runs as deployed
 * (`startCollectorProcess`), the uploaders in a worker thread of this process. Bounded
 * by count, and by a 30 s cap. Also the collector's CPU time per accepted report (all
 * its threads), which other jobs on the machine change less than the rate.
 */
export async function benchCollector(shape: 'reference' | 'light', count = 6000, concurrency = 256): Promise<{ reportsPerS: number; cpuUsPerReport: number; bytesPerReport: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'access-gap-collector-bench-'));
  const auth = 'Bearer bench-upload-credential';
  const collector = await startCollectorProcess(dir, { ACCESS_GAP_UPLOAD_AUTH: auth, ACCESS_GAP_READ_AUTH: 'Bearer bench-read-credential' });
  try {
    const bodies = (shape === 'reference' ? generateReferenceReports(count, 5) : generateReports(count, 5, undefined, 6)).map((r) => JSON.stringify(r));
    const bytesPerReport = bodies.reduce((n, b) => n + b.length, 0) / bodies.length;
    const cpuBefore = collector.cpuMs();
    const worker = new Worker(UPLOADERS, { eval: true, workerData: { url: `${collector.url}/reports`, auth, bodies, concurrency, deadlineMs: 30_000 } });
    const result = await new Promise<{ accepted: number; seconds: number; error?: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    const cpuMs = collector.cpuMs() - cpuBefore;
    await worker.terminate();
    if (result.error) throw new Error(`uploaders failed: ${result.error}`);
    return { reportsPerS: result.accepted / result.seconds, cpuUsPerReport: (cpuMs * 1000) / result.accepted, bytesPerReport };
  } finally {
    await collector.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
