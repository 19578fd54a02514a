import { parseArgs } from 'node:util';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Population } from '../utils/catalog/types';
import { defaultPopulation } from '../utils/gap';
import { loadCatalogFile } from './lib/load-catalog';
import { runHeadlessAudit } from './lib/run-headless-audit';
import { progressPrinter } from './lib/progress';
import { formatCalls, formatReport } from './lib/print-report';
import referenceCatalog from '../utils/catalog/reference.json';
import type { Catalog } from '../utils/catalog/types';
import { ensureLabDeps } from './ensure-lab-deps';

const USAGE = `usage: npm run audit -- [--catalog FILE] [--proxy URL] [--browser-arg ARG]... [--browser PATH] [--timeout MS] [--population FR|US|WORLD] [--json OUT]`;

/** Exit 2 with a one-line reason: bad input is the caller's to fix. */
function badInput(reason: string): never {
  console.error(reason);
  process.exit(2);
}

async function main() {
  let args;
  try {
    args = parseArgs({
      options: {
        catalog: { type: 'string' },
        proxy: { type: 'string' },
        'browser-arg': { type: 'string', multiple: true },
        browser: { type: 'string' },
        timeout: { type: 'string' },
        population: { type: 'string' },
        json: { type: 'string' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    badInput(`${(error as Error).message}\n${USAGE}`);
  }
  if (args.help) return console.log(USAGE);
  const catalogResult = args.catalog ? loadCatalogFile(args.catalog) : undefined;
  if (catalogResult && !catalogResult.ok) badInput(catalogResult.error);
  const timeoutMs = args.timeout === undefined ? undefined : Number(args.timeout);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs >= 1000 && timeoutMs <= 25_000)) {
    badInput(`--timeout ${args.timeout}: not a whole number of milliseconds between 1000 and 25000`);
  }
  if (args.proxy !== undefined && !/^(https?|socks[45]?):\/\/[^\s]+$/.test(args.proxy)) {
    badInput(`--proxy ${args.proxy}: not a proxy URL like http://host:3128`);
  }
  const population = (args.population ?? defaultPopulation(Intl.DateTimeFormat().resolvedOptions().locale)) as Population;
  if (!['FR', 'US', 'WORLD'].includes(population)) badInput(`--population ${population}: use FR, US or WORLD`);

  if (args.browser !== undefined && !existsSync(args.browser)) badInput(`--browser ${args.browser}: no such file`);
  await ensureLabDeps();
  const browserArgs = [...(args['browser-arg'] ?? []), ...(args.proxy ? [`--proxy-server=${args.proxy}`] : [])];
  const { report, wallMs } = await runHeadlessAudit({
    ...(catalogResult?.ok ? { catalog: catalogResult.catalog } : {}),
    ...(timeoutMs ? { options: { timeoutMs } } : {}),
    browserArgs,
    ...(args.browser ? { executablePath: args.browser } : {}),
    onProgress: progressPrinter(),
  });
  process.stderr.write('\n');
  console.log(formatReport(report, population));
  const calls = formatCalls(report, catalogResult?.ok ? catalogResult.catalog : (referenceCatalog as Catalog));
  if (calls) console.log(`\n${calls}`);
  const out = resolve(args.json ?? `reports/access-gap-${report.startedAt.replace(/[:.]/g, '-')}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  console.log(`Report written to ${out} (audit took ${(wallMs / 1000).toFixed(1)} s)`);
}

main().catch((error: unknown) => {
  console.error(`audit failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
