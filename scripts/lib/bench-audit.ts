import { CONTROL_URLS } from '../../utils/probe/control';
import { startLab, syntheticBenchmark } from '../../lab';
import { runHeadlessAudit } from './run-headless-audit';

export interface SyntheticAuditFigures {
  /** Audit time only (the browser's start is measured apart). */
  auditMs: number;
  /** Browser start: launch to the extension ready. */
  startMs: number;
  /** Services whose verdict is not the one the network gives them. */
  wrong: number;
  /** Services reported blocked although every one is reachable. */
  falseBlocked: number;
  /** Median time of a page probe (fetch) from the browser's start of its request, ms. */
  probeP50Ms: number;
}

/** One audit of `count` synthetic services, all reachable or all silent, in the lab. */
export async function benchSyntheticAudit(count: number, treatment: 'ok' | 'silent', timeoutMs: number): Promise<SyntheticAuditFigures> {
  const { catalog, scenario } = syntheticBenchmark(count, treatment);
  const lab = await startLab({ catalog, controlUrls: CONTROL_URLS, scenario });
  try {
    const { report, wallMs, startMs } = await runHeadlessAudit({
      catalog,
      options: { timeoutMs },
      browserArgs: lab.chromiumArgs,
      executablePath: lab.executablePath,
      deadlineMs: 30 * 60_000,
    });
    const expected = treatment === 'ok' ? 'reachable' : 'blocked';
    const wrong = report.services.filter((s) => s.verdict !== expected).length;
    if (wrong) console.error(`warning: ${wrong} of ${count} services were not ${expected}`);
    // The probe's own time: from the browser's start of the request (webRequest), the time our
    // call waited before it excluded, as the probe's timer does (docs/scale.md).
    const pageMs = report.services
      .map((s) => s.channels.find((c) => c.channel === 'page')?.evidence.timings)
      .filter((t) => t !== undefined)
      .map((t) => t.totalMs - (t.queuedMs ?? 0))
      .sort((a, b) => a - b);
    return {
      auditMs: wallMs,
      startMs,
      wrong,
      falseBlocked: treatment === 'ok' ? report.services.filter((s) => s.verdict === 'blocked').length : 0,
      probeP50Ms: pageMs[Math.floor(pageMs.length / 2)] ?? NaN,
    };
  } finally {
    await lab.stop();
  }
}
