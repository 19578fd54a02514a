import { CONTROL_URLS } from '../utils/probe/control';
import { startLab, syntheticBenchmark } from '../tests/lab';
import { ensureLabDeps } from './ensure-lab-deps';
import { runHeadlessAudit } from './lib/run-headless-audit';
import { benchCollector, benchFleetAggregate, benchFleetMillion } from './collector/bench-fleet';
import { ensureExtensionBuilt } from './lib/build-extension';
import { formatGzipLine, gzipSizeOfEntrypoint } from './lib/bundle-size';
import { auditThrottled, configuredRate, countThrottleFalsePositives, measuredRate, THROTTLED_SCENARIO } from '../tests/lab/throttle-runs';

/**
 * Speed and size figures, one `name: value unit` line each, measured on the
 * real extension in headless Chromium against the lab (never by timed unit tests).
 */
async function auditOfSynthetic(count: number, treatment: 'ok' | 'silent', timeoutMs: number) {
  const { catalog, scenario } = syntheticBenchmark(count, treatment);
  const lab = await startLab({ catalog, controlUrls: CONTROL_URLS, scenario });
  try {
    const { report, wallMs } = await runHeadlessAudit({
      catalog,
      options: { timeoutMs },
      browserArgs: lab.chromiumArgs,
      executablePath: lab.executablePath,
    });
    const expected = treatment === 'ok' ? 'reachable' : 'blocked';
    const wrong = report.services.filter((s) => s.verdict !== expected).length;
    if (wrong) console.error(`warning: ${wrong} of ${count} services were not ${expected}`);
    return wallMs;
  } finally {
    await lab.stop();
  }
}

async function main() {
  await ensureLabDeps();
  // Size: what an employee's browser loads for the popup (target ≤ 25 kB gzip) and the dashboard.
  ensureExtensionBuilt();
  for (const page of ['popup', 'dashboard']) console.log(formatGzipLine(page, gzipSizeOfEntrypoint(page)));
  // Fleet: offline review of 10,000 report files in the page (target < 1000 ms); the collector's
  // DuckDB store with a million reports (ingest ≥ 5,000/s, the page's answer over 90 days ≤ 300 ms);
  // uploads over HTTP with credentials and validation (≥ 2,000/s).
  console.log(`fleet.aggregate_10000: ${benchFleetAggregate().toFixed(0)} ms`);
  const million = await benchFleetMillion();
  console.log(`fleet.ingest_1m: ${million.ingestPerS.toFixed(0)} reports/s`);
  console.log(`fleet.aggregate_1m: ${million.aggregateMs.toFixed(0)} ms`);
  console.log(`collector.reports_per_s: ${(await benchCollector()).toFixed(0)}`);
  const reachableMs = await auditOfSynthetic(40, 'ok', 8000);
  console.log(`audit.reachable_40: ${(reachableMs / 1000).toFixed(2)} s`);
  const droppedTimeout = 4000;
  const droppedMs = await auditOfSynthetic(40, 'silent', droppedTimeout);
  console.log(`audit.dropped_40: ${(droppedMs / droppedTimeout).toFixed(2)} x-timeout`);
  // Throttling: measured / squid-configured rate of the throttled host (target 0.85–1.15), and
  // services wrongly called throttled over 20 audits of an unthrottled network (target 0).
  const throttled = await auditThrottled();
  const measured = measuredRate(throttled.services.find((x) => x.id === 'wikipedia')) ?? 0;
  console.log(`throttle.rate_ratio: ${(measured / configuredRate(THROTTLED_SCENARIO, 'wikipedia')).toFixed(2)}`);
  console.log(`throttle.false_positives_20: ${(await countThrottleFalsePositives(20)).falsePositives}`);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
