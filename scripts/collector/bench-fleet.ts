import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aggregateFleet } from '../../utils/fleet/aggregate';
import { generateReports } from '../../utils/fleet/generate-reports';
import { validateReportValue, type FleetReport } from '../../utils/fleet/validate-report';
import { startCollector } from './server';

/** Median ms to aggregate 10,000 validated reports of 48 services (a reference-sized catalog). */
export function benchFleetAggregate(count = 10_000, runs = 5): number {
  const reports = generateReports(count, 3, undefined, 6).map((r) => {
    const v = validateReportValue(r);
    if (!v.ok) throw new Error(v.reason);
    return v.report;
  }) satisfies FleetReport[];
  const times = Array.from({ length: runs }, () => {
    const started = performance.now();
    aggregateFleet(reports, 'WORLD');
    return performance.now() - started;
  });
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/**
 * Reports the reference receiver accepts per second on loopback: `count` distinct
 * reference-sized reports posted by 16 concurrent clients, each validated, deduplicated
 * and appended to NDJSON. Bounded by count, and by a 30 s cap.
 */
export async function benchCollector(count = 2000, concurrency = 16): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'access-gap-collector-bench-'));
  const collector = await startCollector({ dir });
  try {
    const bodies = generateReports(count, 5, undefined, 6).map((r) => JSON.stringify(r));
    let next = 0;
    let accepted = 0;
    const deadline = Date.now() + 30_000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < bodies.length && Date.now() < deadline) {
          const body = bodies[next++]!;
          const res = await fetch(`${collector.url}/reports`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
          if (res.status === 201) accepted++;
          await res.arrayBuffer();
        }
      }),
    );
    return accepted / ((performance.now() - started) / 1000);
  } finally {
    await collector.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
