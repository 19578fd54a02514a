import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createI18n, type Locale, type Messages } from '../i18n';
import type { Report, ReportService } from '../report/types';
import { sampleReport } from '../../tests/fixtures/report';
import { letterFindings } from './asks';
import { buildLetter, letterMailto, letterText, MAILTO_MAX, REASONS } from './letter';

const i18n = (locale: Locale) =>
  createI18n(locale, JSON.parse(readFileSync(new URL(`../../public/_locales/${locale}/messages.json`, import.meta.url), 'utf8')) as Messages);
const ev = (url: string, extra: object = {}) => ({ url, timings: { totalMs: 10 }, detail: 'd', ...extra });
const figure = (share: number, source = 'Pew Research Center') => ({ population: 'US' as const, share, metric: 'US adults who ever use it', source, year: 2025, url: 'https://www.pewresearch.org/x' });

/** A lab-like report: a block page, a throttled video host, a restricted mode, a blocked call, an inconclusive and a reachable service. */
function report(): Report {
  const services: ReportService[] = [
    { id: 'youtube', name: 'YouTube', category: 'video', verdict: 'partial', mechanism: 'restricted', usage: [figure(0.84)],
      channels: [{ channel: 'page', verdict: 'partial', mechanism: 'restricted', reason: 'restricted-dns', evidence: ev('https://www.youtube.com/robots.txt') }] },
    { id: 'facebook', name: 'Facebook', category: 'social', verdict: 'blocked', mechanism: 'block-page', usage: [figure(0.71)],
      channels: [{ channel: 'page', verdict: 'blocked', mechanism: 'block-page', reason: 'block-page', evidence: ev('https://www.facebook.com/robots.txt', { fingerprint: { id: 'zscaler', vendor: 'Zscaler', matched: 'title' } }) }] },
    { id: 'wikipedia', name: 'Wikipedia', category: 'reference', verdict: 'throttled', mechanism: 'proxy', usage: [],
      channels: [
        { channel: 'page', verdict: 'reachable', reason: 'http-ok', evidence: ev('https://www.wikipedia.org/') },
        { channel: 'media', verdict: 'throttled', mechanism: 'proxy', reason: 'throttled', evidence: ev('https://upload.wikimedia.org/big.webm') },
      ] },
    { id: 'teams', name: 'Microsoft Teams', category: 'calls', verdict: 'partial', mechanism: 'timeout', usage: [figure(0.2)],
      channels: [
        { channel: 'page', verdict: 'reachable', reason: 'http-ok', evidence: ev('https://teams.microsoft.com/') },
        { channel: 'realtime', verdict: 'blocked', mechanism: 'timeout', reason: 'call-silent', evidence: ev('turn:worldaz.relay.teams.microsoft.com:3478', { call: { reason: 'call-silent' } }) },
      ] },
    { id: 'tiktok', name: 'TikTok', category: 'video', verdict: 'inconclusive', usage: [figure(0.37)],
      channels: [{ channel: 'page', verdict: 'inconclusive', reason: 'proxy-auth', evidence: ev('https://www.tiktok.com/') }] },
    { id: 'bing', name: 'Bing', category: 'search', verdict: 'reachable', usage: [],
      channels: [{ channel: 'page', verdict: 'reachable', reason: 'http-ok', evidence: ev('https://www.bing.com/') }] },
  ];
  const gap = { population: 'US' as const, overall: { blockedShare: 0.4, degradedShare: 0.59, weight: 1.75, weightedServices: 3, withoutFigure: 2, inconclusive: 1, notProbed: 0, ids: {} }, byCategory: [], retired: [], unknownVerdicts: [] };
  return { ...sampleReport(), services, gap: [gap] } as unknown as Report;
}

describe('letter findings', () => {
  it('asks once per blocked, throttled or restricted service, most used first, with the host and rule that fit', () => {
    const { asks, uncheckable } = letterFindings(report().services, 'US');
    expect(asks.map((a) => [a.serviceId, a.kind, a.host])).toEqual([
      ['youtube', 'lift-restriction', 'youtube.com'],
      ['facebook', 'allow-site', 'facebook.com'],
      ['teams', 'allow-calls', 'worldaz.relay.teams.microsoft.com'],
      ['wikipedia', 'raise-bandwidth', 'upload.wikimedia.org'],
    ]);
    expect(asks.find((a) => a.serviceId === 'facebook')?.vendor).toBe('Zscaler');
    expect(uncheckable).toEqual([{ serviceId: 'tiktok', name: 'TikTok' }]);
  });

  it('a browser policy and TLS inspection get their own asks', () => {
    const s = report().services[1]!;
    const policy = { ...s, mechanism: 'policy' as const, channels: [{ ...s.channels[0]!, mechanism: 'policy' as const }] };
    const tls = { ...s, mechanism: 'tls' as const, channels: [{ ...s.channels[0]!, mechanism: 'tls' as const }] };
    expect(letterFindings([policy, tls], 'US').asks.map((a) => a.kind)).toEqual(['review-policy', 'exempt-tls']);
  });
});

describe('the letter', () => {
  for (const locale of ['en', 'fr'] as const) {
    it(`${locale}: every figure with its source, inconclusive services apart, a precise ask per service`, () => {
      const r = report();
      const letter = buildLetter(r, 'US', { audience: 'it', reason: 'customer-service', note: 'Our hotline team answers on Facebook.' }, i18n(locale));
      expect(letter.items.map((i) => i.serviceId)).toEqual(['youtube', 'facebook', 'teams', 'wikipedia']);
      const fb = letter.items.find((i) => i.serviceId === 'facebook')!;
      expect(fb.usage).toContain('Pew Research Center');
      expect(fb.usage).toContain('2025');
      expect(fb.finding).toContain('Zscaler');
      expect(fb.ask).toContain('facebook.com');
      expect(letter.items.find((i) => i.serviceId === 'wikipedia')!.usage).toBe(i18n(locale).t('letter_usageNone'));
      expect(letter.items.find((i) => i.serviceId === 'wikipedia')!.usageUrl).toBeUndefined();
      expect(letter.uncheckable).toContain('TikTok');
      expect(letter.items.some((i) => i.serviceId === 'tiktok' || i.serviceId === 'bing')).toBe(false);
      expect(letter.reason).toContain('Our hotline team answers on Facebook.');
      const text = letterText(letter, i18n(locale));
      expect(text).toContain(letter.score);
      expect(text.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(4);
    });
  }

  it('says there is no score when the control failed, instead of a number', () => {
    const r = { ...report(), control: { ok: false, checks: [] } };
    expect(buildLetter(r, 'US', { audience: 'management', reason: 'marketing', note: '' }, i18n('en')).score).toMatch(/^No gap score: the connectivity check failed/);
  });

  it('every reason and audience has its words in both languages', () => {
    for (const locale of ['en', 'fr'] as const) {
      for (const reason of REASONS) {
        for (const audience of ['it', 'management'] as const) {
          const l = buildLetter(report(), 'US', { audience, reason, note: '' }, i18n(locale));
          expect(`${l.greeting}${l.intro}${l.reason}${l.items.map((i) => i.ask).join('')}`).not.toMatch(/letter_|\$\d/);
        }
      }
    }
  });

  it('a mailto link stays within what mail clients accept, and says when it was shortened', () => {
    const r = report();
    const letter = buildLetter(r, 'US', { audience: 'it', reason: 'training', note: '' }, i18n('fr'));
    const short = letterMailto({ ...letter, items: letter.items.slice(0, 1) }, i18n('fr'));
    expect(short.shortened).toBe(false);
    expect(decodeURIComponent(short.href)).toContain(letter.subject);
    const many = { ...letter, items: Array.from({ length: 60 }, (_, n) => ({ ...letter.items[0]!, serviceId: `s${n}`, name: `Service ${n}` })) };
    const cut = letterMailto(many, i18n('fr'));
    expect(cut.shortened).toBe(true);
    expect(cut.href.length).toBeLessThanOrEqual(MAILTO_MAX);
    expect(decodeURIComponent(cut.href)).toContain('La lettre complète et le rapport d’audit sont joints'.replace('’', "'"));
    const huge = letterMailto({ ...letter, reason: 'x'.repeat(5000) }, i18n('en'));
    expect(huge.href.length).toBeLessThanOrEqual(MAILTO_MAX);
    expect(huge.shortened).toBe(true);
  });
});
