import { parseArgs } from 'node:util';
import { startCollector } from './collector/server';

/**
 * `npm run collector -- --port 8787 --dir reports/fleet [--host 0.0.0.0] [--auth "Bearer …"]`
 * The reference receiver for IT teams without a log pipeline (README: "Fleet").
 */
async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      dir: { type: 'string', default: 'reports/fleet' },
      host: { type: 'string', default: '127.0.0.1' },
      auth: { type: 'string', default: process.env.ACCESS_GAP_COLLECTOR_AUTH ?? '' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`collector: --port must be 0..65535, got ${JSON.stringify(values.port)}`);
    process.exit(2);
  }
  const collector = await startCollector({
    dir: values.dir,
    port,
    host: values.host,
    ...(values.auth ? { authorization: values.auth } : {}),
    log: (line) => console.log(`${new Date().toISOString()} ${line}`),
  });
  console.log(`collector: listening on ${collector.url} (POST /reports, GET /reports, /reports.ndjson), storing in ${values.dir}`);
  const stop = () => void collector.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`collector: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
