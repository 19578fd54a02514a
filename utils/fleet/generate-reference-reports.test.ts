import { describe, expect, it } from 'vitest';
import { generateReferenceReports } from './generate-reference-reports';
import { validateReportText } from './validate-report';

describe('generateReferenceReports (the collector bench’s uploads)', () => {
  const reports = generateReferenceReports(40, 3);

  it('gives reports the fleet validator accepts, of the size real uploads have', () => {
    for (const r of reports) expect(validateReportText(JSON.stringify(r))).toMatchObject({ ok: true });
    const bytes = reports.map((r) => JSON.stringify(r).length);
    expect(Math.min(...bytes)).toBeGreaterThan(45_000);
    expect(Math.max(...bytes)).toBeLessThan(70_000);
  });

  it('carries what the extension’s reports carry: usage figures with sources, evidence per channel, the gap', () => {
    const [r] = reports;
    expect(r!.services.length).toBeGreaterThan(40);
    expect(r!.services.every((s) => s.channels.length > 0 && s.channels.every((c) => c.evidence.url && c.evidence.detail && c.evidence.timings))).toBe(true);
    expect(r!.services.some((s) => s.usage.some((u) => u.source && u.url))).toBe(true);
    expect(r!.services.some((s) => s.channels.some((c) => c.evidence.throughput))).toBe(true);
    expect(r!.services.some((s) => s.channels.some((c) => c.evidence.call))).toBe(true);
    expect(r!.gap.length).toBeGreaterThan(0);
    // Distinct ids, and sites blocking different things.
    expect(new Set(reports.map((x) => x.id)).size).toBe(40);
    expect(new Set(reports.map((x) => x.services.filter((s) => s.verdict === 'blocked').length)).size).toBeGreaterThan(1);
  });
});
