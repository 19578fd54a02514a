import { describe, expect, it } from 'vitest';
import reference from '../catalog/reference.json';
import type { Catalog, ServiceEntry } from '../catalog/schema';
import type { ServiceVerdict, Verdict } from '../verdict/types';
import { computeGap } from './score';
import { defaultPopulation, populationsWithFigures } from './population';
import { formatShare } from './format';

const figure = (population: 'FR' | 'US', share: number, year = 2024) => ({ population, share, metric: 'm', source: 's', year });
const service = (id: string, category: string, usage: ServiceEntry['usage'], extra: Partial<ServiceEntry> = {}): ServiceEntry => ({
  id,
  name: id,
  category,
  channels: extra.retired ? {} : { page: `https://${id}.example/` },
  usage,
  ...extra,
});
const catalog: Catalog = {
  schemaVersion: 1,
  name: 't',
  version: '1',
  services: [
    service('big', 'video', [figure('FR', 0.6)]),
    service('small', 'video', [figure('FR', 0.2)]),
    service('chat', 'messaging', [figure('FR', 0.4), figure('US', 0.3)]),
    service('nofig', 'messaging', []),
    service('maybe', 'messaging', [figure('FR', 0.5)]),
    service('old', 'messaging', [figure('FR', 0.9)], { retired: { year: 2013 } }),
  ],
};
const verdicts = (map: Record<string, Verdict>): ServiceVerdict[] =>
  Object.entries(map).map(([serviceId, verdict]) => ({ serviceId, verdict, channels: [] }));

describe('computeGap', () => {
  const gap = computeGap(catalog, verdicts({ big: 'blocked', small: 'reachable', chat: 'throttled', nofig: 'blocked', maybe: 'inconclusive' }), 'FR');

  it('weights blocked services by usage share', () => {
    // blocked 0.6 / weighted (0.6 + 0.2 + 0.4); degraded (throttled) 0.4 / 1.2
    expect(gap.overall.blockedShare).toBeCloseTo(0.5);
    expect(gap.overall.degradedShare).toBeCloseTo(1 / 3);
    expect(gap.overall.weight).toBeCloseTo(1.2);
    expect(gap.overall.ids.blocked).toEqual(['big']);
    expect(gap.overall.ids.degraded).toEqual(['chat']);
  });

  it('excludes inconclusive services from numerator and denominator', () => {
    expect(gap.overall.inconclusive).toBe(1);
    expect(gap.overall.ids.weighted).not.toContain('maybe');
  });

  it('counts services without a figure apart instead of weighting them as zero', () => {
    expect(gap.overall).toMatchObject({ weightedServices: 3, withoutFigure: 1 });
    expect(gap.overall.ids.withoutFigureBlocked).toEqual(['nofig']);
  });

  it('excludes retired services and reports verdicts for unknown services', () => {
    expect(gap.retired).toEqual(['old']);
    expect(gap.overall.ids.notProbed).toEqual([]);
    const other = computeGap(catalog, verdicts({ old: 'blocked', ghost: 'blocked' }), 'FR');
    expect(other.overall.blockedShare).toBeNull();
    // A verdict for a retired service is ignored, not scored; 'ghost' is not in the catalog at all.
    expect(other.unknownVerdicts).toEqual(['ghost']);
    expect(other.overall.notProbed).toBe(5);
  });

  it('scores each category on its own', () => {
    const [video, messaging] = gap.byCategory;
    expect(video).toMatchObject({ category: 'video', blockedShare: expect.closeTo(0.75), degradedShare: 0, weightedServices: 2 });
    expect(messaging).toMatchObject({ category: 'messaging', blockedShare: 0, degradedShare: 1, withoutFigure: 1, inconclusive: 1 });
  });

  it('uses the chosen population and gives null, not 0, when nothing can be weighted', () => {
    const us = computeGap(catalog, verdicts({ big: 'blocked', chat: 'partial' }), 'US');
    expect(us.overall).toMatchObject({ blockedShare: 0, degradedShare: 1, weightedServices: 1, withoutFigure: 1 });
    expect(us.byCategory[0]).toMatchObject({ category: 'video', blockedShare: null, degradedShare: null });
  });

  it('takes the most recent figure of a population', () => {
    const twoYears = { ...catalog, services: [service('a', 'video', [figure('FR', 0.1, 2023), figure('FR', 0.3, 2025)]), service('b', 'video', [figure('FR', 0.1)])] };
    expect(computeGap(twoYears, verdicts({ a: 'blocked', b: 'reachable' }), 'FR').overall.blockedShare).toBeCloseTo(0.75);
  });

  it('lets the last verdict of a service win', () => {
    const twice = [...verdicts({ big: 'blocked' }), ...verdicts({ big: 'reachable' })];
    expect(computeGap(catalog, twice, 'FR').overall.blockedShare).toBe(0);
  });

  it('scores the reference catalog with everything blocked as 100 % for FR and US', () => {
    const all = verdicts(Object.fromEntries((reference as Catalog).services.map((s) => [s.id, 'blocked' as Verdict])));
    for (const population of ['FR', 'US'] as const) {
      const score = computeGap(reference as Catalog, all, population);
      expect(score.overall.blockedShare).toBe(1);
      expect(score.overall.withoutFigure).toBeGreaterThan(0);
    }
  });
});

describe('defaultPopulation', () => {
  it.each([
    ['fr', 'FR'],
    ['fr-FR', 'FR'],
    ['fr-BE', 'FR'],
    ['FR_ca', 'FR'],
    ['en-US', 'US'],
    ['de-DE', 'US'],
    ['fry', 'US'],
    [undefined, 'US'],
  ] as const)('%s → %s', (locale, population) => expect(defaultPopulation(locale)).toBe(population));

  it('lists the populations the reference catalog has figures for', () => {
    expect(populationsWithFigures(reference as Catalog)).toEqual(['FR', 'US']);
  });
});

describe('formatShare', () => {
  it.each([
    [0.637, 'en', '63.7 %'],
    [0.637, 'fr-FR', '63,7\u202f%'],
    [0.3, 'en', '30 %'],
    [null, 'en', 'no published figure'],
    [null, 'fr', 'aucun chiffre publié'],
  ] as const)('%s in %s → %s', (share, locale, text) => expect(formatShare(share, locale)).toBe(text));
});
