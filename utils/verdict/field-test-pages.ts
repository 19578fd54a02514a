/**
 * Test-only: observations built from a field fingerprint's own pattern, and from the
 * ordinary-page corpus in tests/fixtures/ordinary-pages/. Nothing in the extension imports this.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Observation } from '../probe/types';
import type { FieldPattern } from './field-data';
import { okObs } from './test-fixtures';

/**
 * A string matching each regular-expression entry (OONI gives patterns, not examples).
 * A new regexp entry in the dataset fails the tests until it gets one here.
 */
export const REGEXP_EXAMPLES: Readonly<Record<string, string>> = {
  'cp.a_prod_drweb_3': 'URL is blocked by SpIDer Gate',
  'cp.f_gen_blocked_23': "<p>Sorry, but the URL you're requesting is prohibited!</p>",
  'cp.fp_x_weird_hutto': '<title>Dr. Marie Hooks-Hutto</title>',
  'cp.fp_r_fp_6': '<meta name="twitter:card" content="summary">',
  'cp.fp_r_fp_28': 'Set-Cookie: sid=1; domain=.example.test',
  'cp.fp_x_timestamp': '<br><br>Mon, 01 Dec 2026 10:00:00 +0300',
  'cp.fp_x_msg_id': '{"msg":"ok","id":7}',
  'cp.fp_x_quickcash': '<script>document.location = "https://qua.express-cash.pt/ExpressCashPL/Default.aspx";</script>',
  'cp.fp_x_\uFFFD\u001a': 'caf\uFFFD\u001a au lait \uFFFD',
  'cp.fp_x_on_this_server': "You don't have permission to access /index.html on this server.<P>",
  'cp.fp_x_us_command': 'U.S. Cyber Command',
  'cp.fp_x_moved_here': '<p>The document has moved <a href="https://example.test/">here</a>.</p>',
};

const SERVICE_URL = 'https://www.youtube.com/';
const titleOf = (html: string) => /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1]?.trim();

/** The value a pattern needs to see: itself, or a string it starts / is contained in. */
function valueFor(p: FieldPattern): string {
  if (p.type === 'regexp') {
    const example = REGEXP_EXAMPLES[p.id];
    if (example === undefined) throw new Error(`no example for regexp entry ${p.id}: add one to REGEXP_EXAMPLES`);
    return example;
  }
  if (p.type === 'full') return p.pattern;
  if (p.type === 'prefix') return `${p.pattern}x`;
  return p.where === 'body' ? `<html><body>\n${p.pattern}\n</body></html>` : `x ${p.pattern} x`;
}

/**
 * A response to a request for `https://www.youtube.com/` carrying `p`'s pattern where OONI
 * looks for it. `Location` patterns that are absolute URLs become a followed redirect
 * (what a fetch shows); others stay a header. `foreignRedirect` sends the page through a
 * host foreign to the service, as a filter's redirect does.
 */
export function pageFromPattern(p: FieldPattern, foreignRedirect = false): Observation {
  const value = valueFor(p);
  const filterUrl = 'http://filter.corp-network.test/block';
  if (p.where === 'body') {
    const title = titleOf(value);
    const over = { bodySnippet: value, ...(title !== undefined ? { title } : {}) };
    return foreignRedirect
      ? okObs(SERVICE_URL, 200, { ...over, finalUrl: filterUrl, redirects: [{ from: SERVICE_URL, to: filterUrl, status: 302 }] })
      : okObs(SERVICE_URL, 200, over);
  }
  const name = p.where.slice('header:'.length);
  if (name === 'location' && /^https?:\/\/[^/\s]/.test(value) && URL.canParse(value)) {
    return okObs(SERVICE_URL, 200, { finalUrl: value, redirects: [{ from: SERVICE_URL, to: value, status: 302 }] });
  }
  const headers = { [name]: value };
  return foreignRedirect
    ? okObs(SERVICE_URL, 200, { headers, finalUrl: filterUrl, redirects: [{ from: SERVICE_URL, to: filterUrl, status: 302 }] })
    : okObs(SERVICE_URL, 200, { headers });
}

/** One page of the ordinary-page corpus (see its README). */
export interface OrdinaryPage {
  file: string;
  kind: string;
  url: string;
  redirectTo?: string;
  status: number;
  headers?: Record<string, string>;
  serviceDomains?: string[];
  imitates: string;
  obs: Observation;
}

const CORPUS_DIR = join(import.meta.dirname, '../../tests/fixtures/ordinary-pages');

/** Every corpus page as the probe would have recorded it. */
export function ordinaryPages(): OrdinaryPage[] {
  const index = JSON.parse(readFileSync(join(CORPUS_DIR, 'index.json'), 'utf8')) as Omit<OrdinaryPage, 'obs'>[];
  return index.map((page) => {
    const html = readFileSync(join(CORPUS_DIR, page.file), 'utf8');
    const title = titleOf(html);
    const redirect = page.redirectTo ? { finalUrl: page.redirectTo, redirects: [{ from: page.url, to: page.redirectTo, status: 302 }] } : {};
    const obs = okObs(page.url, page.status, {
      bodySnippet: html.slice(0, 16 * 1024),
      ...(title !== undefined ? { title } : {}),
      ...(page.headers ? { headers: page.headers } : {}),
      ...redirect,
    });
    return { ...page, obs };
  });
}
