import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { compiledText, INPUT_DIR, OUTPUT_FILE } from './compile-fingerprints';
import { compileFingerprints, parseRows } from './fingerprints/compile';

const HEADER = 'name,scope,other_names,location_found,pattern_type,pattern,confidence_no_fp,expected_countries,source,exp_url,notes';
const source = { repository: 'r', commit: 'c', commitDate: 'd', files: [], licence: 'l', attribution: 'a' };
const dnsCsv = `${HEADER}\nx.dns_1,prod,,dns,full,10.9.9.9,5,,ooni,,\n`;

describe('compile-fingerprints', () => {
  it('the committed data file is exactly what the vendored CSVs compile to (npm run fingerprints)', () => {
    expect(readFileSync(OUTPUT_FILE, 'utf8')).toBe(compiledText());
  });

  it('accounts for every row: compiled, guard, excluded with a reason, or out of scope (nat/isp/…)', () => {
    const http = parseRows(readFileSync(join(INPUT_DIR, 'fingerprints_http.csv'), 'utf8'), 'http');
    const { counts: c } = JSON.parse(compiledText()) as { counts: Record<string, number> };
    expect(c.httpRows).toBe(http.length);
    expect(c.httpOutOfScope).toBe(http.filter((r) => !['prod', 'inst', 'vbw', 'fp'].includes(r.scope)).length);
    expect(c.dnsOutOfScope).toBeGreaterThan(150); // national and ISP answers
  });

  it('splits scopes: products and institutions decide, vague words are weak, fp guards', () => {
    const httpCsv = [
      HEADER,
      'cl.prod_zscaler_block,prod,,body,contains,Internet Security by Zscaler,10,,cl,,',
      'cl.vbw_web_page_blocked,vbw,,body,contains,Web Page Blocked,8,,cl,,',
      'cp.fp_x_index_of,fp,,body,contains,Index of /,5,,cp,,',
      'ooni.ru_1,nat,,body,contains,national block,5,RU,ooni,,',
      'ooni.fr_2,inst,,header.server,prefix,Olfeo,5,FR,ooni,,',
    ].join('\n');
    const data = compileFingerprints({ httpCsv, dnsCsv, source, curation: false });
    expect(data.blockPages).toEqual([
      { id: 'cl.prod_zscaler_block', scope: 'prod', where: 'body', type: 'contains', pattern: 'Internet Security by Zscaler', strength: 'decisive', vendor: 'zscaler' },
      { id: 'cl.vbw_web_page_blocked', scope: 'vbw', where: 'body', type: 'contains', pattern: 'Web Page Blocked', strength: 'weak' },
      { id: 'ooni.fr_2', scope: 'inst', where: 'header:server', type: 'prefix', pattern: 'Olfeo', strength: 'decisive', vendor: 'olfeo' },
    ]);
    expect(data.guard.map((g) => g.id)).toEqual(['cp.fp_x_index_of']);
    expect(data.dnsAnswers).toEqual([{ id: 'x.dns_1', scope: 'prod', answer: '10.9.9.9' }]);
  });

  it.each([
    ['a missing column', 'name,scope,pattern\nx,prod,y', 'fingerprints_http.csv: missing column(s) location_found, pattern_type, confidence_no_fp'],
    ['an unknown pattern type', `${HEADER}\nx,prod,,body,glob,*,5,,,,`, 'fingerprints_http.csv: x: unknown pattern_type "glob"'],
    ['an unknown location', `${HEADER}\nx,prod,,cookie,contains,a,5,,,,`, 'fingerprints_http.csv: x: unknown location "cookie"'],
    ['a bad regular expression', `${HEADER}\nx,prod,,body,regexp,(unclosed,5,,,,`, 'fingerprints_http.csv: x: pattern is not a valid regular expression'],
  ])('refuses %s with a message naming it', (_name, httpCsv, message) => {
    expect(() => compileFingerprints({ httpCsv, dnsCsv, source, curation: false })).toThrow(message);
  });

  it('refuses a curation that names an entry the dataset lacks', () => {
    expect(() => compileFingerprints({ httpCsv: `${HEADER}\n`, dnsCsv, source })).toThrow(/curation names .* which the dataset does not have/);
  });
});
