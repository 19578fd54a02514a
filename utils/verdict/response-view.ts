import type { RequestObservation } from '../probe/types';

/**
 * The parts of a response that fingerprints look at, normalised once: block pages
 * write "Acc&egrave;s refus&eacute;" or split a product name across tags, and a
 * pattern should not have to care.
 */
export interface ResponseView {
  status?: number;
  /** Lower-cased header names. */
  headers: Readonly<Record<string, string>>;
  /** `<title>`, entity-decoded, whitespace collapsed. */
  title: string;
  /** Title + body with tags stripped and entities decoded, whitespace collapsed. */
  text: string;
  /** Raw body snippet (for markers inside scripts, e.g. Cloudflare's challenge). */
  html: string;
  /** Every URL the request was sent to after the first: redirect targets, then the final URL. */
  urls: string[];
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', rsquo: '’', lsquo: '‘', hellip: '…',
  eacute: 'é', egrave: 'è', ecirc: 'ê', agrave: 'à', acirc: 'â', ccedil: 'ç', ocirc: 'ô', ucirc: 'û', icirc: 'î',
  Eacute: 'É', Egrave: 'È', Agrave: 'À', Ccedil: 'Ç',
};

/** Decode the HTML entities block pages actually use (named accents, numeric). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name] ?? whole;
  });
}

/** Visible-ish text of an HTML snippet: scripts/styles dropped, tags stripped, whitespace collapsed. */
export function htmlToText(html: string): string {
  const noCode = html.replace(/<(script|style)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ');
  return decodeEntities(noCode.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

/** Build the normalised view of an observation's response. */
export function viewOf(obs: RequestObservation): ResponseView {
  const title = decodeEntities(obs.title ?? '').replace(/\s+/g, ' ').trim();
  const body = htmlToText(obs.bodySnippet ?? '');
  const urls = obs.redirects.map((r) => r.to);
  if (obs.finalUrl && obs.finalUrl !== obs.url && !urls.includes(obs.finalUrl)) urls.push(obs.finalUrl);
  return { status: obs.status, headers: obs.headers ?? {}, title, text: `${title} ${body}`.trim(), html: obs.bodySnippet ?? '', urls };
}
