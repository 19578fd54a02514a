import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../tests/fixtures/report';
import { computeGap } from '../gap';
import type { Catalog } from '../catalog/types';
import type { AuditSummary } from '../history/summary';
import { categoryBars, gapHistory } from './chart-data';
import { groupServices } from './table-rows';
import { pickGap, topBlocked } from './gap-view';

const report = sampleReport();
const names = (groups: ReturnType<typeof groupServices>) => groups.map((g) => [g.category, g.services.map((s) => s.id)]);

describe('groupServices', () => {
  it('groups by category in report order', () => {
    expect(names(groupServices(report.services, 'FR', { problemsOnly: false, category: 'all' }, 'share'))).toEqual([
      ['video', ['tube']], ['messaging', ['chat']], ['social', ['evil']],
    ]);
  });
  it('filters problems only and one category', () => {
    expect(names(groupServices(report.services, 'FR', { problemsOnly: true, category: 'all' }, 'name'))).toEqual([['messaging', ['chat']]]);
    expect(names(groupServices(report.services, 'FR', { problemsOnly: false, category: 'social' }, 'name'))).toEqual([['social', ['evil']]]);
  });
  it('sorts by share (no figure last), name or verdict inside a group', () => {
    const flat = report.services.map((s) => ({ ...s, category: 'one' }));
    const order = (sort: 'share' | 'name' | 'verdict') => groupServices(flat, 'FR', { problemsOnly: false, category: 'all' }, sort)[0]!.services.map((s) => s.id);
    expect(order('share')).toEqual(['tube', 'chat', 'evil']);
    expect(order('verdict')).toEqual(['chat', 'evil', 'tube']);
    expect(order('name')).toEqual(['evil', 'chat', 'tube']);
  });
});

describe('share helpers', () => {
  it('lists blocked services most used first', () => {
    expect(topBlocked(report.services, 'FR').map((s) => s.id)).toEqual(['chat']);
  });
  it('picks the population from settings, the language, or the first the report has', () => {
    const gaps = { gap: [{ population: 'FR' }, { population: 'US' }] } as never;
    expect(pickGap(gaps, 'US', 'fr')?.population).toBe('US');
    expect(pickGap(gaps, 'auto', 'fr')?.population).toBe('FR');
    expect(pickGap(gaps, 'auto', 'en')?.population).toBe('US');
    expect(pickGap({ gap: [{ population: 'FR' }] } as never, 'WORLD', 'en')?.population).toBe('FR');
  });
});

describe('chart data', () => {
  const catalog = { schemaVersion: 1, name: 'c', version: '1', services: report.services.map(({ verdict: _v, mechanism: _m, channels: _c, ...s }) => ({ ...s, channels: { page: 'https://x.example.com/' } })) } as unknown as Catalog;
  const verdicts = report.services.map((s) => ({ serviceId: s.id, verdict: s.verdict, channels: [] }));
  it('turns the per-category gap into usage and reachable shares', () => {
    const bars = categoryBars(computeGap(catalog, verdicts, 'FR'));
    expect(bars.map((b) => [b.category, +b.usageShare.toFixed(3), b.reachableShare])).toEqual([
      ['video', 0.615, 1], ['messaging', 0.385, 0],
    ]);
  });
  it('gives gap history of complete audits, oldest first', () => {
    const overall = computeGap(catalog, verdicts, 'FR').overall;
    const summary = (id: string, at: number, status: AuditSummary['status']) =>
      ({ id, startedAt: at, status, gap: [{ population: 'FR', overall }] }) as AuditSummary;
    const points = gapHistory([summary('b', 2, 'complete'), summary('a', 1, 'complete'), summary('r', 3, 'running')], 'FR');
    expect(points.map((p) => p.id)).toEqual(['a', 'b']);
    expect(points[0]!.blocked).toBeCloseTo(0.5 / 1.3);
  });
});
