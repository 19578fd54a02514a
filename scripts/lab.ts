import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import referenceCatalog from '../utils/catalog/reference.json';
import type { Catalog } from '../utils/catalog/types';
import { CONTROL_URLS } from '../utils/probe/control';
import { startLab } from '../lab';
import { ensureLabDeps } from './ensure-lab-deps';
import { loadCatalogFile } from './lib/load-catalog';
import { ROOT } from './lib/build-extension';

/**
 * Start the blocking lab on its own and print the `npm run audit` command that
 * audits it, so anyone can try a scenario (or a custom catalog) by hand.
 * Stops everything on Ctrl-C.
 */
async function main() {
  const { values } = parseArgs({ options: { scenario: { type: 'string' }, catalog: { type: 'string' } } });
  const name = values.scenario ?? 'corporate';
  const scenario = existsSync(name) ? resolve(name) : resolve(ROOT, `lab/scenarios/${name}.json`);
  if (!existsSync(scenario)) {
    console.error(`--scenario ${name}: no such scenario (see lab/scenarios/)`);
    process.exit(2);
  }
  const loaded = values.catalog ? loadCatalogFile(values.catalog) : { ok: true as const, catalog: referenceCatalog as Catalog };
  if (!loaded.ok) {
    console.error(loaded.error);
    process.exit(2);
  }
  await ensureLabDeps();
  const lab = await startLab({ catalog: loaded.catalog, controlUrls: CONTROL_URLS, scenario });
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const flags = [
    ...(values.catalog ? [`--catalog ${quote(values.catalog)}`] : []),
    ...lab.chromiumArgs.map((a) => `--browser-arg=${quote(a)}`),
    ...(lab.executablePath.endsWith('chromium') ? [] : [`--browser ${quote(lab.executablePath)}`]),
  ];
  console.log(`Lab running (${scenario}). In another terminal:\n\nnpm run audit -- ${flags.join(' ')}\n\nCtrl-C stops the lab.`);
  const stop = async () => {
    await lab.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`lab failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
