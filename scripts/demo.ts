import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import referenceCatalog from '../utils/catalog/reference.json';
import type { Catalog } from '../utils/catalog/types';
import { CONTROL_URLS } from '../utils/probe/control';
import { startLab, type CallLabStatus } from '../lab';
import { ensureLabDeps } from './ensure-lab-deps';
import { runHeadlessAudit } from './lib/run-headless-audit';
import { progressPrinter } from './lib/progress';
import { formatCalls, formatReport } from './lib/print-report';
import { checkAgainstScenario } from './lib/scenario-check';
import { ROOT } from './lib/build-extension';

const SCENARIO_DIR = resolve(ROOT, 'lab/scenarios');

/** `--scenario NAME` → lab/scenarios/NAME.json; an unknown name lists the ones there are. */
function scenarioPath(name: string): string {
  const path = resolve(SCENARIO_DIR, `${name}.json`);
  if (/[/\\]/.test(name) || !existsSync(path)) {
    const names = readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
    throw new Error(`unknown scenario "${name}"; scenarios: ${names.join(', ')}`);
  }
  return path;
}

/** One line per call relay, or why calls are not part of this run (they then come out inconclusive). */
function describeCalls(calls: CallLabStatus): string {
  if (!calls.running) {
    return `Calls: the call lab is not running (${calls.reason}). Call servers are probed at their catalog names, which the lab cannot route: expect calls to come out inconclusive.`;
  }
  const lines = calls.relays.map((r) => `  ${r.serviceId}: ${r.url} stands in for ${r.catalogUrl}${r.treatment === 'silent' ? ' — its UDP is dropped' : ''}`);
  return ['Calls: one STUN/TURN relay per call service (coturn in a network namespace):', ...lines].join('\n');
}

/**
 * The whole product on a machine with no internet: a simulated corporate
 * network (squid denying, browser policy, DNS failure, TLS interception, a
 * Zscaler block page…) and the real extension in headless Chromium auditing it.
 * `npm run demo -- --scenario NAME` runs another network of lab/scenarios/.
 */
async function main() {
  const { values } = parseArgs({ options: { scenario: { type: 'string', default: 'corporate' } } });
  const scenarioFile = scenarioPath(values.scenario!);
  await ensureLabDeps();
  console.error(`Starting the simulated network (lab/scenarios/${values.scenario}.json)…`);
  const lab = await startLab({ catalog: referenceCatalog as Catalog, controlUrls: CONTROL_URLS, scenario: scenarioFile, calls: true });
  try {
    console.error(describeCalls(lab.calls));
    const { report, wallMs } = await runHeadlessAudit({
      catalog: lab.catalog,
      browserArgs: lab.chromiumArgs,
      executablePath: lab.executablePath,
      extraExtensionDirs: lab.extensionDirs,
      onProgress: progressPrinter(),
    });
    console.log(formatReport(report, 'FR'));
    const calls = formatCalls(report, lab.catalog);
    if (calls) console.log(`\n${calls}`);
    const checks = checkAgainstScenario(report, lab.scenario);
    const wrong = checks.filter((c) => !c.ok);
    console.log(`\nAudit took ${(wallMs / 1000).toFixed(1)} s.`);
    console.log(`Scenario check: ${checks.length - wrong.length} of ${checks.length} verdicts as the lab intends.`);
    for (const c of wrong) console.log(`  ✗ ${c.name}: expected ${c.expected}, got ${c.actual}`);
    process.exitCode = wrong.length ? 1 : 0;
  } finally {
    await lab.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? (error.message.startsWith('unknown scenario') ? error.message : error.stack) : String(error)}`);
  process.exit(1);
});
