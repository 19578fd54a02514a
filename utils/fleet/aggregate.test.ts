import { describe, expect, it } from 'vitest';
import type { Report } from '../report/types';
import { aggregateFleet, defaultFleetPopulation } from './aggregate';
import { fleetToCsv } from './fleet-csv';
import { generateReports } from './generate-reports';
import { validateReportValue, type FleetReport } from './validate-report';

const fleet = (reports: Report[]): FleetReport[] =>
  reports.map((r) => {
    const v = validateReportValue(r);
    if (!v.ok) throw new Error(v.reason);
    return v.report;
  });

/** A report with the given verdicts: [serviceId, category, share, verdict, mechanism?]. */
function report(id: string, site: string, day: string, services: [string, string, number | null, Report['services'][0]['verdict'], string?][]): Report {
  const base = generateReports(1)[0]!;
  return {
    ...base, id, site, startedAt: `${day}T10:00:00.000Z`,
    services: services.map(([sid, category, share, verdict, mechanism]) => ({
      id: sid, name: sid, category, verdict, channels: [],
      usage: share === null ? [] : [{ population: 'WORLD', share, metric: 'm', source: 's', year: 2025 }],
      ...(mechanism ? { mechanism: mechanism as 'dns' } : {}),
    })),
  };
}

const A = report('a', 'Paris', '2026-01-01', [['tube', 'video', 0.9, 'blocked', 'proxy'], ['chat', 'messaging', 0.5, 'reachable']]);
const B = report('b', 'Paris', '2026-01-02', [['tube', 'video', 0.9, 'reachable'], ['chat', 'messaging', 0.5, 'reachable']]);
const C = report('c', 'Lyon', '2026-01-02', [['tube', 'video', 0.9, 'blocked', 'dns'], ['chat', 'messaging', 0.5, 'blocked', 'dns']]);
const D = report('d', 'Lyon', '2026-01-02', [['tube', 'video', 0.9, 'inconclusive'], ['chat', 'messaging', 0.5, 'inconclusive']]);

describe('aggregateFleet', () => {
  const agg = aggregateFleet(fleet([A, B, C, D]), 'WORLD');

  it('counts site × service × verdict × mechanism', () => {
    expect(agg.facts.filter((f) => f.serviceId === 'tube')).toEqual([
      { site: 'Lyon', serviceId: 'tube', service: 'tube', category: 'video', verdict: 'blocked', mechanism: 'dns', reports: 1 },
      { site: 'Lyon', serviceId: 'tube', service: 'tube', category: 'video', verdict: 'inconclusive', mechanism: '', reports: 1 },
      { site: 'Paris', serviceId: 'tube', service: 'tube', category: 'video', verdict: 'blocked', mechanism: 'proxy', reports: 1 },
      { site: 'Paris', serviceId: 'tube', service: 'tube', category: 'video', verdict: 'reachable', mechanism: '', reports: 1 },
    ]);
  });

  it('ranks services by blocked rate × customer usage, inconclusive excluded', () => {
    const [first, second] = agg.services;
    // tube: 2 blocked of 3 conclusive × 0.9 = 0.6; chat: 1 of 3 × 0.5 ≈ 0.167.
    expect(first).toMatchObject({ serviceId: 'tube', conclusive: 3, blocked: 2, inconclusive: 1, mechanisms: { proxy: 1, dns: 1 }, blockedAt: ['Lyon', 'Paris'] });
    expect(first!.weightedBlocked).toBeCloseTo(0.6);
    expect(second!.weightedBlocked).toBeCloseTo(0.5 / 3);
  });

  it('averages computeGap blocked shares per site × category, skipping reports with nothing weighted', () => {
    const cell = (site: string, category: string) => agg.heatmap.find((c) => c.site === site && c.category === category);
    expect(cell('Paris', 'video')).toEqual({ site: 'Paris', category: 'video', blockedShare: 0.5, degradedShare: 0, reports: 2 });
    expect(cell('Lyon', 'messaging')).toEqual({ site: 'Lyon', category: 'messaging', blockedShare: 1, degradedShare: 0, reports: 1 });
  });

  it('gives one trend point per UTC day', () => {
    expect(agg.trend.map((p) => [p.day, p.reports])).toEqual([['2026-01-01', 1], ['2026-01-02', 3]]);
    expect(agg.trend[0]!.blockedShare).toBeCloseTo(0.9 / 1.4);
  });

  it('counts a report on the UTC day of its start, whatever offset it was written with', () => {
    // 01:00 in Paris on 2 January is 23:00 UTC on 1 January.
    const paris = { ...B, id: 'p', startedAt: '2026-01-02T01:00:00+02:00' };
    expect(aggregateFleet(fleet([A, paris]), 'WORLD').trend.map((p) => [p.day, p.reports])).toEqual([['2026-01-01', 2]]);
  });

  it('leaves incomplete audits out and counts them', () => {
    const failed = { ...A, id: 'f', status: 'failed' as const };
    const result = aggregateFleet(fleet([A, failed]), 'WORLD');
    expect([result.reports, result.incomplete]).toEqual([1, 1]);
  });

  it('is deterministic and handles an empty fleet', () => {
    expect(aggregateFleet(fleet([D, C, B, A]), 'WORLD')).toEqual(agg);
    expect(aggregateFleet([], 'WORLD')).toMatchObject({ reports: 0, facts: [], services: [], heatmap: [], trend: [] });
  });

  it('picks WORLD when reports have WORLD figures', () => {
    expect(defaultFleetPopulation(fleet([A]))).toBe('WORLD');
    expect(agg.populations).toEqual(['WORLD']);
  });
});

describe('fleetToCsv', () => {
  it('writes one row per fact and neutralises formula cells', () => {
    const hostile = report('h', '=HYPERLINK("http://x")', '2026-01-03', [['tube', 'video', 0.9, 'blocked', 'dns']]);
    const csv = fleetToCsv(aggregateFleet(fleet([hostile]), 'WORLD'));
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('site,service_id,service,category,verdict,mechanism,reports,population,usage_share');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://x"")",tube,tube,video,blocked,dns,1,WORLD,0.9`);
  });
});
