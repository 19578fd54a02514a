/**
 * `npm run catalog:usage` — compiles the usage sources of `data/usage/` into the
 * reference catalog's `usage` fields and into `utils/catalog/activities.json`.
 *
 *   npm run catalog:usage              rewrite both files from data/usage/
 *   npm run catalog:usage -- --check   exit 1 if either file differs from what data/usage/ gives
 *
 * Only `usage` fields change: channels, names and everything else in reference.json
 * are kept byte for byte (the same JSON layout), so parallel edits merge cleanly.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as v from 'valibot';
import { CatalogSchema, type Catalog } from '../utils/catalog/schema';
import {
  REQUIRED_POPULATIONS,
  SearchedSchema,
  UsageSourceSchema,
  compileUsage,
  servicesWithFigures,
  type CompiledUsage,
} from '../utils/catalog/usage-sources';

const ROOT = join(import.meta.dirname, '..');
export const USAGE_DIR = join(ROOT, 'data/usage');
export const REFERENCE_FILE = join(ROOT, 'utils/catalog/reference.json');
export const ACTIVITIES_FILE = join(ROOT, 'utils/catalog/activities.json');

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function parseFile<T extends v.GenericSchema>(schema: T, file: string): v.InferOutput<T> {
  const result = v.safeParse(schema, JSON.parse(readFileSync(file, 'utf8')));
  if (!result.success) {
    const where = (i: v.BaseIssue<unknown>) => i.path?.map((p) => String(p.key)).join('.') ?? '';
    throw new Error(`${file}: ${result.issues.map((i) => `${where(i)} ${i.message}`).join('; ')}`);
  }
  return result.output;
}

/** Reads `data/usage/` and the reference catalog, and compiles them (nothing is written). */
export function compileFromFiles(dir = USAGE_DIR, referenceFile = REFERENCE_FILE): CompiledUsage {
  const sourcesDir = join(dir, 'sources');
  const sources = readdirSync(sourcesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => parseFile(UsageSourceSchema, join(sourcesDir, f)));
  const searched = parseFile(SearchedSchema, join(dir, 'searched.json'));
  // Validated, but compiled on the raw JSON: parsing reorders keys to the schema's order,
  // and only `usage` may change in the file (other fields keep their authors' layout).
  const raw = JSON.parse(readFileSync(referenceFile, 'utf8')) as Catalog;
  v.parse(CatalogSchema, raw);
  return compileUsage(raw, sources, searched);
}

/** Runs the CLI; returns the exit code (0 ok, 1 out of date with --check, 2 invalid sources). */
export function runCatalogUsage(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  const check = argv.includes('--check');
  let compiled: CompiledUsage;
  try {
    compiled = compileFromFiles();
  } catch (error) {
    err(`catalog:usage: ${(error as Error).message}`);
    return 2;
  }
  if (compiled.problems.length) {
    for (const p of compiled.problems) err(`catalog:usage: ${p}`);
    return 2;
  }
  const files: [string, string][] = [
    [REFERENCE_FILE, json(compiled.catalog)],
    [ACTIVITIES_FILE, json(compiled.activities)],
  ];
  const stale = files.filter(([file, text]) => readFileSync(file, 'utf8') !== text).map(([file]) => file);
  if (check) {
    if (stale.length) {
      err(`catalog:usage: out of date, run npm run catalog:usage: ${stale.join(', ')}`);
      return 1;
    }
  } else for (const [file, text] of files) if (stale.includes(file)) writeFileSync(file, text);
  const counts = REQUIRED_POPULATIONS.map((p) => `${p} ${servicesWithFigures(compiled.catalog, p)}`).join(', ');
  out(
    `${check ? 'up to date' : stale.length ? `wrote ${stale.length} file(s)` : 'unchanged'}: ` +
      `live services with a figure: ${counts}; ${compiled.activities.length} category figures; ` +
      `${compiled.noFigure.length} service × population pairs with no published figure (sources searched recorded)`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = runCatalogUsage(process.argv.slice(2), console.log, console.error);
}
