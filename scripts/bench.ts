import { ensureLabDeps } from './ensure-lab-deps';
import { benchSyntheticAudit } from './lib/bench-audit';
import { DEFAULT_MAX_SERVICES } from '../utils/catalog/limits';
import { benchCollector, benchFleetAggregate, benchFleetMillion } from './collector/bench-fleet';
import { ensureExtensionBuilt } from './lib/build-extension';
import { formatGzipLine, gzipSizeOfEntrypoint } from './lib/bundle-size';
import { auditThrottled, configuredRate, countBurstDetections, countThrottleFalsePositives, measuredRate, THROTTLED_SCENARIO } from '../lab/throttle-runs';

/**
 * Speed and size figures, one `name: value unit` line each, measured on the
 * real extension in headless Chromium against the lab (never by timed unit tests).
 * `npm run bench -- fleet throttle` runs only those groups (size, fleet, audit, throttle).
 */
async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((g) => !(g in GROUPS));
  if (unknown.length) throw new Error(`unknown bench group ${unknown.join(', ')} (groups: ${Object.keys(GROUPS).join(', ')})`);
  for (const [name, run] of Object.entries(GROUPS)) if (!wanted.length || wanted.includes(name)) await run();
}

const GROUPS: Record<string, () => Promise<void>> = { size, fleet, audit, throttle };

async function size() {
  await ensureLabDeps();
  // Size: what an employee's browser loads for the popup (target ≤ 25 kB gzip) and the dashboard.
  ensureExtensionBuilt();
  for (const page of ['popup', 'dashboard']) console.log(formatGzipLine(page, gzipSizeOfEntrypoint(page)));
}

async function fleet() {
  // Fleet: offline review of 10,000 report files in the page (target < 1000 ms); the collector's
  // DuckDB store with a million reports (ingest ≥ 5,000/s, the page's answer over 90 days ≤ 300 ms);
  // uploads over HTTP with credentials and validation (≥ 2,000/s).
  console.log(`fleet.aggregate_10000: ${benchFleetAggregate().toFixed(0)} ms`);
  const million = await benchFleetMillion();
  console.log(`fleet.ingest_1m: ${million.ingestPerS.toFixed(0)} reports/s`);
  console.log(`fleet.aggregate_1m: ${million.aggregateMs.toFixed(0)} ms`);
  // Reports as the extension uploads them (~52 kB with channel evidence), then 48 services without channels (~10 kB).
  const collector = await benchCollector('reference');
  console.log(`collector.reports_per_s: ${collector.reportsPerS.toFixed(0)}`);
  console.log(`collector.cpu_per_report: ${collector.cpuUsPerReport.toFixed(0)} µs`);
  const light = await benchCollector('light');
  console.log(`collector.reports_per_s_10kb: ${light.reportsPerS.toFixed(0)}`);
  console.log(`collector.cpu_per_report_10kb: ${light.cpuUsPerReport.toFixed(0)} µs`);
}

async function audit() {
  await ensureLabDeps();
  ensureExtensionBuilt();
  // Scale (docs/scale.md): audit time apart from the browser's start; no service may come out
  // blocked because of the audit's own congestion, up to the largest catalog the import accepts.
  const reachable40 = await benchSyntheticAudit(40, 'ok', 8000);
  console.log(`browser.start_s: ${(reachable40.startMs / 1000).toFixed(2)} s`);
  console.log(`audit.reachable_40: ${(reachable40.auditMs / 1000).toFixed(2)} s`);
  console.log(`audit.probe_p50_ms: ${reachable40.probeP50Ms.toFixed(0)} ms`);
  const droppedTimeout = 4000;
  const dropped40 = await benchSyntheticAudit(40, 'silent', droppedTimeout);
  console.log(`audit.dropped_40: ${(dropped40.auditMs / droppedTimeout).toFixed(2)} x-timeout`);
  for (const count of [300, 1000, DEFAULT_MAX_SERVICES]) {
    const run = await benchSyntheticAudit(count, 'ok', 8000);
    console.log(`audit.reachable_${count}: ${(run.auditMs / 1000).toFixed(1)} s`);
    console.log(`audit.false_blocked_${count}: ${run.falseBlocked}`);
  }
}

async function throttle() {
  await ensureLabDeps();
  ensureExtensionBuilt();
  // Throttling: measured / squid-configured rate of the throttled host (target 0.85–1.15), and
  // services wrongly called throttled over 20 audits of an unthrottled network (target 0).
  const throttled = await auditThrottled();
  const measured = measuredRate(throttled.services.find((x) => x.id === 'wikipedia')) ?? 0;
  console.log(`throttle.rate_ratio: ${(measured / configuredRate(THROTTLED_SCENARIO, 'wikipedia')).toFixed(2)}`);
  console.log(`throttle.false_positives_20: ${(await countThrottleFalsePositives(20)).falsePositives}`);
  // A shaper passing the first 1 MB at full speed, then 64 kB/s (target 20 of 20), within the byte cap;
  // each audit starts with the shaper's bucket full, so every download must get past 1 MB.
  const burst = await countBurstDetections(20);
  console.log(`throttle.burst_detected_20: ${burst.detected} of ${burst.audits}`);
  console.log(`throttle.burst_min_download: ${(burst.minBytes / 1e6).toFixed(2)} MB`);
  console.log(`throttle.burst_max_download: ${(burst.maxBytes / 1e6).toFixed(2)} MB`);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
