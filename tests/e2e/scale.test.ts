import { describe, expect, it } from 'vitest';
import type { AuditState } from '../../utils/audit/state';
import { CONTROL_URLS } from '../../utils/probe/control';
import { startLab, syntheticBenchmark } from '../../lab';
import { runHeadlessAudit } from '../../scripts/lib/run-headless-audit';

// Issue 20: an audit of a large custom catalog must never call the browser's own congestion a
// block (docs/scale.md). 300 services is where the first engine reported 190 of 300 reachable
// services "blocked: timeout". Both audits run in real Chromium against the lab, 8 s probe timeout.
const COUNT = 300;

async function auditSynthetic(silentEvery?: number) {
  const { catalog, scenario } = syntheticBenchmark(COUNT, 'ok', silentEvery ? { silentEvery } : {});
  const lab = await startLab({ catalog, controlUrls: CONTROL_URLS, scenario });
  // Every answer the page got, from the moment it asked for the audit (progress 0).
  const answers: { at: number; progress: number }[] = [];
  let startedAt = 0;
  try {
    const { report } = await runHeadlessAudit({
      catalog,
      options: { timeoutMs: 8000 },
      browserArgs: lab.chromiumArgs,
      executablePath: lab.executablePath,
      deadlineMs: 10 * 60_000,
      beforeAudit: async () => {
        startedAt = performance.now();
        answers.push({ at: 0, progress: 0 });
      },
      onProgress: (state: AuditState) => answers.push({ at: performance.now() - startedAt, progress: state.progress }),
    });
    const expected = new Map(Object.entries(scenario.services).map(([id, s]) => [id, s.expect]));
    const wrong = report.services
      .filter((s) => s.verdict !== expected.get(s.id)?.verdict || (s.verdict === 'blocked' && s.mechanism !== expected.get(s.id)?.mechanism))
      .map((s) => `${s.id}: ${s.verdict}${s.mechanism ? `/${s.mechanism}` : ''}`);
    return { report, wrong, answers };
  } finally {
    await lab.stop();
  }
}

describe(`an audit of ${COUNT} services`, () => {
  it('all reachable: 0 wrong verdicts, and the progress moves all along, never frozen', { timeout: 600_000 }, async () => {
    const { report, wrong, answers } = await auditSynthetic();
    const progress = answers.map((a) => a.progress).filter((p, i, all) => i === 0 || p !== all[i - 1]);
    const gaps = answers.slice(1).map((a, i) => a.at - answers[i]!.at);
    console.log(`scale ${COUNT} reachable: progress ${progress.map((p) => p.toFixed(0)).join(' ')}; longest wait for an answer ${Math.max(...gaps).toFixed(0)} ms`);
    expect(report.services).toHaveLength(COUNT);
    expect(wrong).toEqual([]);
    // Issue 20 point 3: never 0 → 75 % → 100 %, which was a page left without an answer while the
    // audit ran (the first engine answered one poll, at 30 s). The page polls every 100 ms here
    // (the popup 300 ms): it is never left 6 s without an answer (2.4 s at most measured, quiet machine), the progress never goes
    // back, and it passes through many values. A large step within a short wait is the truth: on a
    // quiet machine the fetches of half the services end within the first second.
    expect(Math.max(...gaps)).toBeLessThan(6000);
    expect(progress.every((p, i) => i === 0 || p >= progress[i - 1]!)).toBe(true);
    expect(new Set(progress.filter((p) => p > 0 && p < COUNT)).size).toBeGreaterThanOrEqual(10);
    expect(progress.at(-1)).toBe(COUNT);
  });

  it('every tenth silent: those are blocked (timeout), every other reachable, 0 wrong verdicts', { timeout: 600_000 }, async () => {
    const { report, wrong } = await auditSynthetic(10);
    const blocked = report.services.filter((s) => s.verdict === 'blocked').map((s) => s.id);
    console.log(`scale ${COUNT} every tenth silent: ${blocked.length} blocked`);
    expect(blocked).toHaveLength(COUNT / 10);
    expect(wrong).toEqual([]);
  });
});
