import { resolve } from 'node:path';
import referenceCatalog from '../utils/catalog/reference.json';
import type { Catalog } from '../utils/catalog/types';
import { CONTROL_URLS } from '../utils/probe/control';
import { startLab } from '../tests/lab';
import { ensureLabDeps } from './ensure-lab-deps';
import { runHeadlessAudit } from './lib/run-headless-audit';
import { progressPrinter } from './lib/progress';
import { formatReport } from './lib/print-report';
import { checkAgainstScenario } from './lib/scenario-check';
import { ROOT } from './lib/build-extension';

/**
 * The whole product on a machine with no internet: a simulated corporate
 * network (squid denying, browser policy, DNS failure, TLS interception, a
 * Zscaler block page…) and the real extension in headless Chromium auditing it.
 */
async function main() {
  await ensureLabDeps();
  const scenarioPath = resolve(ROOT, 'tests/lab/scenarios/corporate.json');
  console.error('Starting the simulated corporate network (tests/lab/scenarios/corporate.json)…');
  const lab = await startLab({ catalog: referenceCatalog as Catalog, controlUrls: CONTROL_URLS, scenario: scenarioPath });
  try {
    const { report, wallMs } = await runHeadlessAudit({
      browserArgs: lab.chromiumArgs,
      executablePath: lab.executablePath,
      extraExtensionDirs: lab.extensionDirs,
      onProgress: progressPrinter(),
    });
    console.log(formatReport(report, 'FR'));
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
  console.error(`demo failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
