import { describe, expect, it } from 'vitest';
import { FIELD, matchDnsAnswer, matchFieldBlockPage, matchFieldGuard, matchFieldPattern, withoutQuery } from './field-fingerprints';
import { classifyObservation } from './classify-observation';
import { viewOf } from './response-view';
import { pageFromPattern } from '../../tests/fixtures/field-test-pages';
import { VENDOR_LABELS } from './vendors';
import { okObs } from '../../tests/fixtures/observations';
import { scrubObservationUrls } from '../probe/evidence-url';

const decisive = FIELD.blockPages.filter((b) => b.strength === 'decisive');
// Evidence URLs keep no query (docs/privacy.md): a Location pattern that is all query string cannot match.
const queryOnly = FIELD.blockPages.filter((b) => withoutQuery(b) === undefined);
const weak = FIELD.blockPages.filter((b) => b.strength === 'weak' && !queryOnly.includes(b));
const ids = <T extends { id: string }>(entries: T[]) => entries.map((e) => [e.id, e] as const);

describe('field fingerprints compiled from OONI', () => {
  it('records the dataset commit and its attribution', () => {
    expect(FIELD.source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(FIELD.source.attribution).toMatch(/OONI/);
    expect(FIELD.counts.httpRows).toBeGreaterThan(1000);
    expect(decisive.length).toBeGreaterThan(150);
    expect(FIELD.guard.length).toBeGreaterThan(400);
  });

  it.each(ids(decisive))('decisive %s: a page built from its own pattern is a block page', (id, entry) => {
    const obs = pageFromPattern(entry);
    expect(matchFieldPattern(entry, viewOf(obs))).toContain(`OONI ${id}`);
    const v = classifyObservation(obs);
    expect(v.verdict).toBe('blocked');
    expect(v.mechanism).toBe('block-page');
    // Several entries share a pattern and our own fingerprints come first: whichever decides,
    // a product we know is named with our label, never a name from the dataset.
    if (entry.vendor) expect(v.evidence.fingerprint?.vendor).toBe(VENDOR_LABELS[entry.vendor as keyof typeof VENDOR_LABELS]);
  });

  it.each(ids(weak))('weak %s: matches its own pattern, and is a block page behind a foreign redirect', (id, entry) => {
    const obs = pageFromPattern(entry, true);
    expect(matchFieldPattern(entry, viewOf(obs))).toContain(`OONI ${id}`);
    const v = classifyObservation(obs);
    expect(v.verdict).toBe('blocked');
    expect(v.reason).toMatch(/^block-page-/);
  });

  it.each(ids(decisive.filter((b) => b.where === 'header:location')))('decisive %s still matches once URLs keep no query', (id, entry) => {
    const obs = scrubObservationUrls(pageFromPattern(entry));
    expect(matchFieldPattern(entry, viewOf(obs))).toContain(`OONI ${id}`);
  });

  it('only query-string Location patterns are lost to evidence URLs without queries', () => {
    expect(queryOnly.map((b) => b.pattern)).toEqual(['?dpid=']);
    expect(queryOnly.every((b) => b.strength === 'weak')).toBe(true);
  });

  it.each(ids(FIELD.guard))('guard %s: a page built from it is never a block page', (id, entry) => {
    const obs = pageFromPattern(entry);
    expect(matchFieldPattern(entry, viewOf(obs))).toContain(`OONI ${id}`);
    const v = classifyObservation(obs);
    expect(v.verdict, v.evidence.detail).not.toBe('blocked');
  });

  it('a product’s own signals win over a guard phrase on the same page', () => {
    const page = okObs('https://www.youtube.com/', 200, { bodySnippet: '<p>Not found</p><footer>Internet Security by Zscaler</footer>' });
    expect(matchFieldGuard(viewOf(page))).toBeDefined();
    expect(classifyObservation(page).evidence.fingerprint?.id).toBe('zscaler');
  });

  it('matches OONI header patterns on the header, and Location patterns on redirect targets too', () => {
    const sonicwall = okObs('https://www.youtube.com/', 200, { headers: { server: 'SonicWALL' } });
    expect(matchFieldBlockPage(viewOf(sonicwall), 'decisive')?.vendor).toBe('SonicWall');
    const iboss = okObs('https://www.youtube.com/', 200, {
      finalUrl: 'http://10.0.0.9/ibreports/ibp/bp.html?u=youtube', redirects: [{ from: 'https://www.youtube.com/', to: 'http://10.0.0.9/ibreports/ibp/bp.html?u=youtube', status: 302 }],
    });
    expect(matchFieldBlockPage(viewOf(iboss), 'decisive')).toMatchObject({ id: 'iboss', vendor: 'iboss' });
  });

  it('is case-sensitive on the raw body, as OONI matches', () => {
    const upper = okObs('https://www.youtube.com/', 200, { bodySnippet: 'INTERNET SECURITY BY ZSCALER' });
    expect(matchFieldBlockPage(viewOf(upper), 'decisive')).toBeUndefined();
  });

  it('knows the DNS answers filters give instead of the real address', () => {
    expect(matchDnsAnswer('146.112.61.106')).toMatchObject({ id: 'cl.dns_prod_opendns_1', vendor: 'cisco-umbrella' });
    expect(matchDnsAnswer('208.91.112.55')?.vendor).toBe('fortinet');
    expect(matchDnsAnswer('0.0.0.0')?.scope).toBe('vbw');
    expect(matchDnsAnswer('142.250.74.46')).toBeUndefined();
    for (const d of FIELD.dnsAnswers) expect(matchDnsAnswer(d.answer)?.answer).toBe(d.answer);
  });

  it('accounts for every entry it leaves out', () => {
    expect(FIELD.excluded.map((e) => e.id)).toContain('ooni.us_7');
    for (const e of FIELD.excluded) expect(e.reason.length).toBeGreaterThan(10);
  });
});
