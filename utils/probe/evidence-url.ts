import type { FetchObservation, Observation, RequestFacts } from './types';

/**
 * Evidence URLs keep scheme, host (with port) and path, nothing else: filters put the
 * employee's address, machine and user name in the query string of their block-page
 * redirects (squidGuard's `?clientaddr=…&clientname=…&clientuser=CORP%5Cjdoe`), and
 * sign-in portals put session tokens there or in the fragment. See docs/privacy.md.
 */
export function evidenceUrl(url: string): string {
  // String surgery rather than `new URL`: the URL stays as the browser reported it
  // (`https://host:443/…` is not normalised away), which field fingerprints compare against.
  return url.replace(/[?#][\s\S]*$/, '').replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}

/** A scheme://… URL inside free text (evidence sentences), up to its query or fragment. */
const URL_IN_TEXT = /\b([a-z][a-z0-9+.-]*:\/\/[^\s?#"'<>()]*)[?#][^\s"'<>()]*/gi;

/** Free text (an evidence sentence, a fingerprint's matched signal) with every URL's query and fragment removed. */
export function scrubText(text: string): string {
  const urls = text.replace(URL_IN_TEXT, '$1');
  // Fingerprint signals name a redirect's `:port/path?query` or a Location header without a scheme.
  return /^(redirect path |header location: )/.test(urls) ? urls.replace(/[?#][\s\S]*$/, '') : urls;
}

/** The observation with every URL reduced to `evidenceUrl` (probed, redirects, final, Location header). */
export function scrubObservationUrls<T extends Observation>(obs: T): T {
  const seen: Observation = obs;
  return {
    ...obs,
    url: evidenceUrl(obs.url),
    redirects: obs.redirects.map((r) => ({ ...r, from: evidenceUrl(r.from), to: evidenceUrl(r.to) })),
    // Only a fetch or a WebSocket got a response with a final URL and headers.
    ...(seen.kind === 'fetch' || seen.kind === 'websocket' ? responseUrls(seen) : {}),
    // A policy check's chain names the next URL it checked (docs/scale.md).
    ...(seen.kind === 'navigation' && seen.passedOnTo !== undefined ? { passedOnTo: evidenceUrl(seen.passedOnTo) } : {}),
  };
}

function responseUrls(facts: RequestFacts): Pick<RequestFacts, 'finalUrl' | 'headers'> {
  const { location, ...otherHeaders } = facts.headers ?? {};
  return {
    ...(facts.finalUrl !== undefined ? { finalUrl: evidenceUrl(facts.finalUrl) } : {}),
    ...(facts.headers ? { headers: location === undefined ? otherHeaders : { ...otherHeaders, location: evidenceUrl(location) } } : {}),
  };
}

/**
 * What is kept of an observation once its channel is classified: URLs reduced, and no
 * body snippet (block pages echo the user's address and name in their text). The
 * title stays: it names the page, and the verdict's fingerprint says what matched.
 */
export function classifiedObservation(obs: FetchObservation): FetchObservation;
export function classifiedObservation(obs: Observation): Observation;
export function classifiedObservation(obs: Observation): Observation {
  const kept = scrubObservationUrls(obs);
  // Only a fetch or a WebSocket read a body.
  if (kept.kind === 'fetch') return withoutBody(kept);
  if (kept.kind === 'websocket') return withoutBody(kept);
  return kept;
}

/** Whether the observation still holds a body snippet (only a fetch or a WebSocket reads one). */
export const hasBody = (obs: Observation): boolean => (obs.kind === 'fetch' || obs.kind === 'websocket') && obs.bodySnippet !== undefined;

const withoutBody = <T extends RequestFacts>({ bodySnippet: _, ...rest }: T): Omit<T, 'bodySnippet'> => rest;
