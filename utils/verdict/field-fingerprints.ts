import type { FingerprintMatch } from './types';
import type { ResponseView } from './response-view';
import type { FieldBlockPage, FieldDnsAnswer, FieldFingerprints, FieldPattern } from './field-data';
import { isVendorId, VENDOR_LABELS } from './vendors';
import raw from './field-fingerprints.json';

/**
 * Block pages and DNS answers seen in the field, compiled from OONI's blocking-fingerprints
 * dataset by `npm run fingerprints` (docs/field-fingerprints.md). Patterns are matched the
 * way OONI does: on the raw body (case-sensitive) or on one response header; for
 * `Location` we also try every redirect target the browser reported, since a fetch that
 * follows redirects shows us the targets rather than the header.
 */
export const FIELD: FieldFingerprints = raw as FieldFingerprints;

const regexps = new Map<string, RegExp>();
const regexpOf = (p: FieldPattern) => {
  let re = regexps.get(p.id);
  if (!re) regexps.set(p.id, (re = new RegExp(p.pattern)));
  return re;
};

function valuesAt(p: FieldPattern, view: ResponseView): string[] {
  if (p.where === 'body') return view.html ? [view.html] : [];
  const name = p.where.slice('header:'.length);
  const value = view.headers[name];
  const values = value === undefined ? [] : [value];
  return name === 'location' ? [...values, ...view.urls] : values;
}

const clip = (s: string, max = 80): string => (s.length > max ? `${s.slice(0, max)}…` : s);

/**
 * Evidence URLs keep no query string (docs/privacy.md: filters put the user's address and
 * name there), so a Location pattern is matched up to its own `?`: `squidGuard.cgi?clientaddr=`
 * as `squidGuard.cgi`. A pattern that is all query (`?dpid=`) cannot match any more.
 */
export function withoutQuery(p: FieldPattern): FieldPattern | undefined {
  const cut = p.pattern.indexOf('?');
  if (p.where !== 'header:location' || p.type === 'regexp' || cut < 0) return p;
  const head = p.pattern.slice(0, cut);
  return head.length >= 4 ? { ...p, pattern: head, type: p.type === 'full' ? 'prefix' : p.type } : undefined;
}

/** `OONI cl.prod_zscaler_block: body contains "Internet Security by Zscaler"`, or undefined. */
export function matchFieldPattern(original: FieldPattern, view: ResponseView): string | undefined {
  const p = withoutQuery(original);
  if (!p) return undefined;
  for (const value of valuesAt(p, view)) {
    const hit =
      p.type === 'contains' ? value.includes(p.pattern)
      : p.type === 'prefix' ? value.startsWith(p.pattern)
      : p.type === 'full' ? value === p.pattern
      : regexpOf(p).test(value);
    if (hit) return `OONI ${p.id}: ${p.where.replace(':', ' ')} ${p.type} "${clip(p.pattern.trim())}"`;
  }
  return undefined;
}

const DECISIVE = FIELD.blockPages.filter((b) => b.strength === 'decisive');
const WEAK = FIELD.blockPages.filter((b) => b.strength === 'weak');

function asMatch(entry: FieldBlockPage, matched: string): FingerprintMatch {
  const vendor = entry.vendor && isVendorId(entry.vendor) ? VENDOR_LABELS[entry.vendor] : 'unknown';
  return { id: entry.vendor ?? `ooni:${entry.id}`, vendor, matched };
}

/** The first field fingerprint of the given strength matching a response. */
export function matchFieldBlockPage(view: ResponseView, strength: FieldBlockPage['strength']): FingerprintMatch | undefined {
  for (const entry of strength === 'decisive' ? DECISIVE : WEAK) {
    const matched = matchFieldPattern(entry, view);
    if (matched) return asMatch(entry, matched);
  }
  return undefined;
}

/** The first known false positive (OONI `fp` scope, or a service-side page) matching a response. */
export function matchFieldGuard(view: ResponseView): { id: string; matched: string } | undefined {
  for (const entry of FIELD.guard) {
    const matched = matchFieldPattern(entry, view);
    if (matched) return { id: entry.id, matched };
  }
  return undefined;
}

/** The field fingerprint of a DNS answer (an address or a CNAME target), if filters are known to give it. */
export function matchDnsAnswer(answer: string): FieldDnsAnswer | undefined {
  const a = answer.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  return FIELD.dnsAnswers.find((d) => d.answer === a);
}
