import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHANNELS, POPULATIONS } from '../catalog/types';
import { MECHANISMS, VERDICTS } from '../verdict/types';
import referenceCatalog from '../catalog/reference.json';
import { MAX_AUDIT_DOWNLOAD_BYTES } from '../probe/throughput-limits';
import {
  categoryLabel, createI18n, createTranslator, LOCALES, loadI18n, mechanismLabel, placeholdersOf, resolveLocale,
  verdictLabel, type Messages,
} from '.';

const read = (locale: string): Messages =>
  JSON.parse(readFileSync(new URL(`../../public/_locales/${locale}/messages.json`, import.meta.url), 'utf8'));
const en = read('en');
const fr = read('fr');

describe('locale files', () => {
  it('have the same keys and the same $n substitutions in every locale', () => {
    for (const locale of LOCALES) {
      const messages = read(locale);
      expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
      for (const [key, entry] of Object.entries(messages)) {
        expect([key, placeholdersOf(entry.message)]).toEqual([key, placeholdersOf(en[key]!.message)]);
      }
    }
  });

  it('use only the message names Chrome accepts', () => {
    for (const key of Object.keys(en)) expect(key).toMatch(/^[A-Za-z0-9_@]+$/);
  });

  it('name every verdict, mechanism, channel, population and reference category', () => {
    for (const locale of LOCALES) {
      const i18n = createI18n(locale, read(locale));
      const keys = [
        ...VERDICTS.map((v) => `verdict_${v}`), ...MECHANISMS.map((m) => `mechanism_${m.replace('-', '_')}`),
        ...CHANNELS.map((c) => `channel_${c}`), ...POPULATIONS.map((p) => `populationName_${p}`),
        ...new Set(referenceCatalog.services.map((s) => `category_${s.category}`)),
      ];
      for (const key of keys) expect(i18n.has(key), `${locale}: ${key}`).toBe(true);
    }
  });
});

describe('t()', () => {
  it('fills $n substitutions, keeps $$ as $ and falls back to English', () => {
    const t = createTranslator({ a: { message: '$1 of $2 — $$5' } }, { b: { message: 'English only' } });
    expect(t('a' as never, 3, 47)).toBe('3 of 47 — $5');
    expect(t('b' as never)).toBe('English only');
    expect(t('missing' as never)).toBe('missing');
  });

  it('labels verdicts and mechanisms in French, and shows an unknown category as written', () => {
    const i18n = createI18n('fr', fr, en);
    expect(verdictLabel(i18n.t, 'blocked')).toBe('Bloqué');
    expect(mechanismLabel(i18n.t, 'block-page')).toBe('Page de blocage d’entreprise');
    expect(categoryLabel(i18n, 'video')).toBe('Vidéo');
    expect(categoryLabel(i18n, 'intranet-tools')).toBe('intranet-tools');
  });
});

describe('locale choice and formatting', () => {
  it.each([
    ['auto', ['fr-CA', 'en'], 'fr'],
    ['auto', ['de-DE', 'en-GB'], 'en'],
    ['auto', ['es'], 'en'],
    ['fr', ['en-US'], 'fr'],
    ['en', ['fr-FR'], 'en'],
  ] as const)('%s with %j → %s', (setting, langs, expected) => expect(resolveLocale(setting, langs)).toBe(expected));

  it('formats numbers and dates with Intl', () => {
    expect(createI18n('en', en).fmt.percent(0.637)).toBe('63.7%');
    expect(createI18n('fr', fr).fmt.percent(0.637)).toMatch(/^63,7\s%$/);
    expect(createI18n('fr', fr).fmt.relative(Date.now() - 180_000)).toBe('il y a 3 minutes');
  });

  it('formats throughput figures: rates, sizes and tiny ratios', () => {
    const { fmt } = createI18n('en', en);
    expect(fmt.kBps(32.84)).toBe('32.8 kB/s');
    expect(fmt.bytes(MAX_AUDIT_DOWNLOAD_BYTES)).toBe('19.5 MB');
    expect(fmt.bytes(81_700)).toBe('81.7 kB');
    expect(fmt.smallPercent(0.000313)).toBe('0.031%');
    expect(fmt.smallPercent(0.637)).toBe('63.7%');
    const frFmt = createI18n('fr', fr).fmt;
    expect(frFmt.kBps(1234.5)).toMatch(/^1\s234,5\sko\/s$/);
    expect(frFmt.bytes(1_600_000)).toMatch(/^1,6\sMo$/);
  });

  it('loads the chosen locale over fetch, with English as fallback', async () => {
    const fetchFn = (async (url: string) =>
      new Response(JSON.stringify(url.includes('/fr/') ? { runAudit: fr.runAudit } : en))) as unknown as typeof fetch;
    const i18n = await loadI18n('fr', [], (p) => `chrome-extension://x${p}`, fetchFn);
    expect(i18n.t('runAudit')).toBe('Tester ce réseau');
    expect(i18n.t('openDashboard')).toBe('Open the dashboard');
  });
});
