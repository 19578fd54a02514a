import { parseCommand } from './collector/config';
import { openDuckdbStore } from './collector/duckdb-store';
import { exportParquet } from './collector/export-parquet';
import { migrateNdjson } from './collector/migrate';
import { startCollector } from './collector/server';

/**
 * `npm run collector -- [serve] --dir D [--port 8787] [--host H] [--origin chrome-extension://ID]… [--hostname NAME]…
 *   [--credentials-file F] [--clickhouse URL]`
 * `npm run collector -- migrate --from NDJSON_DIR --dir D`   (the NDJSON receiver's files into the database)
 * `npm run collector -- export --dir D --out P`              (day-partitioned Parquet)
 * Secrets: environment or credentials file, never argv (README: "Fleet").
 */
async function main() {
  const cmd = parseCommand(process.argv.slice(2), process.env);
  const { log, flush } = createLog();
  if (cmd.command === 'export') {
    const counts = await exportParquet(cmd.dir, cmd.out);
    console.log(`collector: exported ${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(', ')} rows to ${cmd.out} (Parquet, one folder per day)`);
    return;
  }
  const store = cmd.clickhouse ? await (await import('./collector/clickhouse-store')).openClickhouseStore(cmd.clickhouse) : await openDuckdbStore(cmd.dir);
  if (cmd.command === 'migrate') {
    try {
      const result = await migrateNdjson(cmd.from, store, (n) => process.stderr.write(`\r${n} reports…`));
      process.stderr.write('\n');
      for (const r of result.rejected) console.log(`rejected ${r.source}: ${r.reason}`);
      console.log(`collector: ${result.files} files, ${result.stored} reports stored, ${result.duplicates} already there, ${result.rejected.length} rejected`);
    } finally {
      await store.close();
    }
    return;
  }
  for (const warning of cmd.warnings) console.error(`collector: warning: ${warning}`);
  const collector = await startCollector({
    dir: cmd.dir, port: cmd.port, host: cmd.host, credentials: cmd.credentials, origins: cmd.origins, hostnames: cmd.hostnames, store, rateLimit: cmd.rateLimit, log,
  });
  const roles = `uploads ${cmd.credentials.upload.length || Object.keys(cmd.credentials.uploadBySite).length ? 'need a credential' : 'OPEN (loopback only)'}, reads ${cmd.credentials.read.length ? 'need a credential' : 'OPEN (loopback only)'}`;
  console.log(`collector: listening on ${collector.url} (POST /reports, GET /api/aggregate, /health); ${roles}; storing in ${cmd.clickhouse ? cmd.clickhouse.url : cmd.dir}`);
  const stop = () =>
    void collector.close().then(() => {
      flush();
      process.exit(0);
    });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * The collector's log, a line per upload: the lines of one turn of the event loop (a
 * batch's answers) go out in one write. Writing to a pipe or journald's socket is
 * synchronous in Node, and a write per line cost about 70 µs per upload (measured).
 */
function createLog(out: NodeJS.WritableStream = process.stdout) {
  let lines: string[] = [];
  const flush = () => {
    if (lines.length) out.write(lines.join(''));
    lines = [];
  };
  const log = (line: string) => {
    if (!lines.length) setImmediate(flush);
    lines.push(`${new Date().toISOString()} ${line}\n`);
  };
  return { log, flush };
}

main().catch((error: unknown) => {
  console.error(`collector: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof Error && /refused|must|needs|unknown|not a URL|refusing|credential/.test(error.message) ? 2 : 1);
});
