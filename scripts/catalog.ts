/**
 * `npm run catalog` — prints the catalog as a readable table, or as JSON / CSV.
 *
 *   npm run catalog                         reference catalog, table
 *   npm run catalog -- --json               reference catalog, JSON
 *   npm run catalog -- --csv                reference catalog, CSV (French Excel: --csv=fr)
 *   npm run catalog -- --catalog my.csv     a custom catalog (JSON or CSV); exit 2 if invalid
 *   npm run catalog -- --check [--catalog F] probe every endpoint from this network (maintainers, before
 *                                           a release); exit 1 when one is not ok; --update-checked writes
 *                                           today's date into the `checked` fields of the JSON file
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import reference from '../utils/catalog/reference.json';
import { CatalogSchema, type Catalog, type ServiceEntry } from '../utils/catalog/schema';
import { CHANNELS, POPULATIONS } from '../utils/catalog/types';
import { usageFor } from '../utils/catalog/usage';
import { servicesWithFigures } from '../utils/catalog/usage-sources';
import { catalogToCsv } from '../utils/catalog/csv-export';
import { formatShare } from '../utils/gap/format';
import { loadCatalogFile } from './lib/load-catalog';
import { checkCatalog, formatChecks, nodeTransport, withCheckedDates, type Transport } from './lib/endpoint-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { endpointsTable, withEndpointsTable } from './lib/endpoints-table';
import { fileURLToPath } from 'node:url';

/** The reference catalog's file, which `--update-checked` rewrites. */
const REFERENCE_PATH = fileURLToPath(new URL('../utils/catalog/reference.json', import.meta.url));
const README_PATH = fileURLToPath(new URL('../README.md', import.meta.url));
import * as v from 'valibot';

/** "Pew Research Center 2025", "DataReportal 2024": enough to find the full source in --json. */
export function shortSource(source: string, year: number): string {
  const head = source.split(/,| \(/)[0]!.split(' / ')[0]!.trim();
  return `${head} ${year}`;
}

/** The usage cell: one figure per population (the one the gap score uses), or why there is none. */
export function usageCell(service: ServiceEntry): string {
  if (service.retired) {
    const successor = service.retired.successor ? ` → ${service.retired.successor}` : '';
    return `retired ${service.retired.year}${successor}`;
  }
  const figures = POPULATIONS.flatMap((population) => {
    const figure = usageFor(service, population);
    return figure ? [`${population} ${formatShare(figure.share)} (${shortSource(figure.source, figure.year)})`] : [];
  });
  return figures.length ? figures.join('; ') : 'no published figure';
}

/** `N services in M categories, K with sourced usage (FR a, US b)`: live services with a published share, per population. */
export function summaryLine(catalog: Catalog): string {
  const categories = new Set(catalog.services.map((s) => s.category)).size;
  const sourced = catalog.services.filter((s) => s.usage.some((u) => u.share !== null)).length;
  const per = (['FR', 'US'] as const).map((p) => `${p} ${servicesWithFigures(catalog, p)}`).join(', ');
  return `${catalog.services.length} services in ${categories} categories, ${sourced} with sourced usage (${per})`;
}

/** The catalog as an aligned plain-text table, ending with the summary line. */
export function formatCatalogTable(catalog: Catalog): string {
  const header = ['service', 'category', 'channels', 'usage (share of internet users, source)'];
  const rows = catalog.services.map((s) => [
    s.nameFr && s.nameFr !== s.name ? `${s.name} / ${s.nameFr}` : s.name,
    s.category,
    CHANNELS.filter((c) => s.channels[c]).join('+') || '—',
    usageCell(s),
  ]);
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const lines = all.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return [`${catalog.name} — version ${catalog.version}`, '', ...lines, '', summaryLine(catalog)].join('\n');
}

/** Runs the CLI; returns the exit code (0, or 2 for bad arguments or an invalid catalog). */
export function runCatalogCli(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  let args;
  try {
    args = parseArgs({
      // `--csv` takes an optional value (`--csv=fr`): a bare `--csv` means the default layout.
      args: argv.map((a) => (a === '--csv' ? '--csv=default' : a)),
      options: { json: { type: 'boolean' }, csv: { type: 'string' }, catalog: { type: 'string' }, 'endpoints-readme': { type: 'boolean' } },
      allowPositionals: false,
    }).values;
  } catch (error) {
    err(`catalog: ${(error as Error).message}`);
    return 2;
  }
  let catalog: Catalog = v.parse(CatalogSchema, reference);
  if (args.catalog !== undefined) {
    const loaded = loadCatalogFile(args.catalog);
    if (!loaded.ok) {
      err(`catalog: ${loaded.error}`);
      return 2;
    }
    catalog = loaded.catalog;
  }
  if (args['endpoints-readme']) {
    // The README documents the reference catalog: a custom one would overwrite it with someone else's endpoints.
    if (args.catalog !== undefined) {
      err('catalog: --endpoints-readme writes the reference catalog\'s table only');
      return 2;
    }
    writeFileSync(README_PATH, withEndpointsTable(readFileSync(README_PATH, 'utf8'), endpointsTable(catalog)));
    out(`Wrote the media and call endpoints table of ${catalog.name} ${catalog.version} into README.md.`);
    return 0;
  }
  if (args.json) out(JSON.stringify(catalog, null, 2));
  else if (args.csv !== undefined) out(catalogToCsv(catalog, { frenchExcel: args.csv === 'fr', bom: false }).trimEnd());
  else out(formatCatalogTable(catalog));
  return 0;
}

/** `--check`: every endpoint, one line each; exit 1 when one is not ok, 2 on bad arguments or catalog. */
export async function runCheckCli(argv: string[], out: (s: string) => void, err: (s: string) => void, transport: Transport = nodeTransport()): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, options: { check: { type: 'boolean' }, catalog: { type: 'string' }, 'update-checked': { type: 'boolean' } }, allowPositionals: false }).values;
  } catch (error) {
    err(`catalog: ${(error as Error).message}`);
    return 2;
  }
  const file = args.catalog ?? REFERENCE_PATH;
  const loaded = args.catalog !== undefined ? loadCatalogFile(args.catalog) : { ok: true as const, catalog: v.parse(CatalogSchema, reference) };
  if (!loaded.ok) {
    err(`catalog: ${loaded.error}`);
    return 2;
  }
  if (args['update-checked'] && !file.endsWith('.json')) {
    err('catalog: --update-checked writes JSON catalogs only');
    return 2;
  }
  out(`Checking every endpoint of ${loaded.catalog.name} ${loaded.catalog.version} from this network…`);
  const checks = await checkCatalog(loaded.catalog, transport);
  out(formatChecks(checks));
  if (args['update-checked']) {
    const day = new Date().toISOString().slice(0, 10);
    writeFileSync(file, `${JSON.stringify(withCheckedDates(loaded.catalog, checks, day), null, 2)}\n`);
    out(`Wrote checked: ${day} into ${file} for the endpoints that are ok.`);
  }
  return checks.every((c) => c.word === 'ok') ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  if (argv.includes('--check')) {
    runCheckCli(argv, console.log, console.error).then((code) => (process.exitCode = code));
  } else {
    process.exitCode = runCatalogCli(argv, console.log, console.error);
  }
}
