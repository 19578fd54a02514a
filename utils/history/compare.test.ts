import { describe, expect, it } from 'vitest';
import { compareReports } from './compare';
import { sampleReport } from '../../tests/fixtures/report';
import type { Report } from '../report/types';

const withVerdicts = (verdicts: Record<string, Report['services'][number]['verdict']>): Report => {
  const report = sampleReport();
  report.services = report.services
    .filter((s) => s.id in verdicts)
    .map((s) => ({ ...s, verdict: verdicts[s.id]! }));
  return report;
};

describe('compareReports', () => {
  it('sorts changes into now blocked, unblocked and other', () => {
    const older = withVerdicts({ tube: 'reachable', chat: 'blocked', evil: 'reachable' });
    const newer = withVerdicts({ tube: 'blocked', chat: 'reachable', evil: 'throttled' });
    const diff = compareReports(older, newer);
    expect(diff.nowBlocked.map((c) => [c.id, c.from, c.to])).toEqual([['tube', 'reachable', 'blocked']]);
    expect(diff.unblocked.map((c) => [c.id, c.from, c.to])).toEqual([['chat', 'blocked', 'reachable']]);
    expect(diff.otherChanges.map((c) => c.id)).toEqual(['evil']);
    expect(diff.unchanged).toBe(0);
  });

  it('counts identical audits as unchanged and handles services only one audit has', () => {
    expect(compareReports(sampleReport(), sampleReport()).unchanged).toBe(3);
    const diff = compareReports(withVerdicts({ tube: 'reachable' }), withVerdicts({ tube: 'reachable', chat: 'blocked' }));
    expect(diff.nowBlocked).toEqual([{ id: 'chat', name: 'Chat, "the" app', from: 'absent', to: 'blocked' }]);
  });

  it('says when the two audits used different catalogs, and stays quiet when they did not', () => {
    expect(compareReports(sampleReport(), sampleReport()).catalogChanged).toBeUndefined();
    const newer = sampleReport();
    newer.catalog = { ...newer.catalog, version: '2027.1.0', hash: 'f'.repeat(64) };
    const diff = compareReports(sampleReport(), newer);
    expect(diff.catalogChanged?.from.hash).toBe(sampleReport().catalog.hash);
    expect(diff.catalogChanged?.to.version).toBe('2027.1.0');
  });
});
