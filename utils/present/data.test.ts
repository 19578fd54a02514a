import { describe, expect, it } from 'vitest';
import reference from '../catalog/reference.json';
import type { Catalog } from '../catalog/schema';
import { usageFor } from '../catalog/usage';
import { computeGap } from '../gap';
import { createI18n, type Messages } from '../i18n';
import type { ReportService } from '../report/types';
import en from '../../public/_locales/en/messages.json';
import fr from '../../public/_locales/fr/messages.json';
import { COMPLAINT, OBSERVATOIRE_2013, OBSERVATOIRE_SOURCE } from './figures';
import { gapRows, retiredServices } from './story';
import { shortSource, usageChartData } from './usage-bars';

const catalog = reference as Catalog;

describe('founding-text figures', () => {
  it('are the Observatoire 2013 figures of docs/reference-figures.md, each labelled in both languages', () => {
    const shares = OBSERVATOIRE_2013.map((l) => [l.id, l.headline.share, ...l.details.map((d) => d.share)]);
    expect(shares).toEqual([
      ['immediacy', 0.4, 0.48, 0.28],
      ['anonymity', 0.6, 0.46, 0.38],
      ['dependency', 0.55, 0.51, 0.91],
      ['sharing', 0.27, 0.58, 0.17],
    ]);
    const keys = [OBSERVATOIRE_SOURCE, COMPLAINT.source, ...OBSERVATOIRE_2013.flatMap((l) => [l.title, l.headline.label, ...l.details.map((d) => d.label)])];
    for (const messages of [en, fr] as Messages[]) for (const key of keys) expect(messages[key]?.message, key).toBeTruthy();
  });
});

describe('usageChartData', () => {
  it('draws the figure the gap score weighs, most used first, each bar with a numbered source', () => {
    const data = usageChartData(catalog, 'FR');
    expect(data.bars.length).toBeGreaterThan(5);
    for (const bar of data.bars) {
      const service = catalog.services.find((s) => s.id === bar.id)!;
      expect(bar.share).toBe(usageFor(service, 'FR')!.share);
      const source = data.sources.find((s) => s.n === bar.source)!;
      expect(usageFor(service, 'FR')!.source.startsWith(source.name)).toBe(true);
    }
    expect([...data.bars].sort((a, b) => b.share - a.share)).toEqual(data.bars);
    expect(data.bars.find((b) => b.id === 'whatsapp')?.share).toBe(0.666); // DataReportal 2025 beats 2024
    expect(data.sources.map((s) => s.n)).toEqual(data.sources.map((_, i) => i + 1));
    expect(data.sources.find((s) => s.name.includes('Digital 2025'))?.secondary).toBe(true);
  });
  it('counts services without a figure instead of drawing them as 0 %, and never draws retired ones', () => {
    const data = usageChartData(catalog, 'US', { limit: 5 });
    expect(data.bars).toHaveLength(5);
    const live = catalog.services.filter((s) => !s.retired);
    expect(data.bars.length + data.notShown + data.withoutFigure).toBe(live.length);
    expect(data.withoutFigureNames.some((n) => n.startsWith('Telegram'))).toBe(true);
    expect(usageChartData(catalog, 'WORLD').bars).toEqual([]);
  });
  it('shortens a source to its name and title', () => {
    expect(shortSource('Pew Research Center, "Americans\' Social Media Use" (survey May–Sep 2023, n = 5,733)')).toBe('Pew Research Center, "Americans\' Social Media Use"');
    expect(shortSource('Médiamétrie (July 2023)')).toBe('Médiamétrie');
  });
});

describe('story data', () => {
  it('lists the retired services of the complaint with their successors', () => {
    expect(retiredServices(catalog).map((r) => [r.id, r.year, r.successor])).toEqual([
      ['ning', 2010, null],
      ['google-reader', 2013, 'Feedly'],
      ['msn-messenger', 2013, 'Microsoft Teams (free)'],
      ['viadeo', 2016, 'LinkedIn'],
      ['google-talk', 2022, 'Google Meet'],
      ['netvibes', 2025, 'Feedly'],
      ['skype', 2025, 'Microsoft Teams (free)'],
    ]);
    expect(retiredServices(catalog, 'fr').find((r) => r.id === 'skype')?.successor).toBe('Microsoft Teams (gratuit)');
    expect(usageChartData(catalog, 'FR', { locale: 'fr' }).bars.find((b) => b.id === 'google-search')?.name).toBe('Recherche Google');
  });
  const services: ReportService[] = [
    { id: 'a', name: 'Alpha', category: 'video', usage: [{ population: 'FR', share: 0.8, metric: 'm', source: 's', year: 2024 }], verdict: 'blocked', mechanism: 'policy', channels: [] },
    { id: 'b', name: 'Beta', category: 'video', usage: [{ population: 'FR', share: 0.2, metric: 'm', source: 's', year: 2024 }], verdict: 'reachable', channels: [] },
    { id: 'c', name: 'Gamma', category: 'messaging', usage: [{ population: 'FR', share: 0.3, metric: 'm', source: 's', year: 2024 }], verdict: 'blocked', mechanism: 'dns', channels: [] },
    { id: 'd', name: 'Delta', category: 'messaging', usage: [], verdict: 'partial', mechanism: 'dns', channels: [] },
    { id: 'e', name: 'Eps', category: 'messaging', usage: [{ population: 'FR', share: 0.5, metric: 'm', source: 's', year: 2024 }], verdict: 'inconclusive', channels: [] },
  ];
  it('reads the gap per category from computeGap, most used category first', () => {
    const cat: Catalog = { schemaVersion: 1, name: 't', version: '1', services: services.map((s) => ({ ...s, channels: { page: 'https://x.example/' } })) };
    const gap = computeGap(cat, services.map((s) => ({ serviceId: s.id, verdict: s.verdict, channels: [] })), 'FR');
    const rows = gapRows(gap, []);
    expect(rows.map((r) => r.category)).toEqual(['video', 'messaging']);
    expect(rows[0]).toMatchObject({ usageShare: expect.closeTo(1 / 1.3), blockedShare: gap.byCategory[0]!.blockedShare, activity: null });
    expect(rows[1]).toMatchObject({ blockedShare: 1, degradedShare: 0, blockedServices: 1, conclusiveServices: 2 });
  });
  it('adds the category figures, and the categories that only have one, without giving any service a share', () => {
    const withCalls = [...services, { id: 'f', name: 'Phi', category: 'calls', usage: [], verdict: 'blocked', mechanism: 'tcp', channels: [] } as ReportService];
    const cat: Catalog = { schemaVersion: 1, name: 't', version: '1', services: withCalls.map((s) => ({ ...s, channels: { page: 'https://x.example/' } })) };
    const gap = computeGap(cat, withCalls.map((s) => ({ serviceId: s.id, verdict: s.verdict, channels: [] })), 'FR');
    const figure = (category: string, share: number) => ({ category, population: 'FR' as const, share, metric: 'm', source: 'Survey (n = 1)', year: 2025, url: 'https://example.org/' });
    const rows = gapRows(gap, [figure('calls', 0.78), figure('messaging', 0.85), { ...figure('video', 0.5), population: 'US' }]);
    expect(rows.map((r) => [r.category, r.usageShare === null ? null : +r.usageShare.toFixed(3), r.activity?.share ?? null])).toEqual([
      ['video', 0.769, null],
      ['messaging', 0.231, 0.85],
      ['calls', null, 0.78],
    ]);
    // A category without per-service figures has no blocked share, only what was blocked in it.
    expect(rows[2]).toMatchObject({ blockedShare: null, blockedServices: 1, conclusiveServices: 1 });
    expect(gap.overall.weightedServices).toBe(3);
  });
  it('has a label for every slide, note and ask in both languages', () => {
    for (const [locale, messages] of [['en', en], ['fr', fr]] as const) {
      const i18n = createI18n(locale, messages as Messages);
      for (const k of ['allow_site', 'review_policy', 'exempt_tls', 'allow_media', 'raise_bandwidth', 'allow_realtime', 'allow_calls', 'lift_restriction']) expect(i18n.has(`letter_ask_${k}`)).toBe(true);
      expect(i18n.has('letter_team_room')).toBe(true);
    }
  });
});
