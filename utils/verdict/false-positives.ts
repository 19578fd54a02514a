import type { ResponseView } from './response-view';
import { allOf, anyOf, header, html, status, text, title, type Matcher } from './matchers';

/** A page known to be mistaken for a block page; it must never be called one. */
export interface FalsePositive {
  /** Stable id, also used as the verdict reason (`cloudflare-challenge`…). */
  id: string;
  description: string;
  match: Matcher;
}

/**
 * Known false positives (docs/methodology.md: OONI users report Cloudflare bot challenges
 * taken for block pages — ooni/probe#1734, #2528 — and the fingerprint set keeps an
 * `fp` scope for default nginx pages and "502 Bad Gateway"). These are the service
 * or its CDN answering, so the service is reachable.
 */
export const FALSE_POSITIVES: readonly FalsePositive[] = [
  {
    id: 'cloudflare-challenge',
    description: 'a Cloudflare bot challenge served by the service’s CDN',
    match: anyOf(
      header('cf-mitigated', /challenge/i),
      title(/^(Just a moment|Un instant)/i),
      allOf(header('server', /^cloudflare$/i), status((s) => s === 403 || s === 503)),
      html(/challenges\.cloudflare\.com|_cf_chl_opt/),
    ),
  },
  {
    id: 'nginx-default-page',
    description: 'the default nginx welcome page',
    match: anyOf(title(/^Welcome to nginx!?$/i), text(/If you see this page, the nginx web server is successfully installed/i)),
  },
  {
    id: 'apache-default-page',
    description: 'a default Apache page',
    match: anyOf(
      title(/Apache2? (Debian|Ubuntu) Default Page|Test Page for the Apache HTTP Server/i),
      allOf(title(/^$/), text(/^It works!/i)),
    ),
  },
  {
    id: 'bad-gateway-page',
    description: 'a plain "502 Bad Gateway" error page',
    match: text(/\b502 Bad Gateway\b/i),
  },
];

/** The first known false positive matching a response, if any. */
export function matchFalsePositive(view: ResponseView): FalsePositive | undefined {
  return FALSE_POSITIVES.find((fp) => fp.match(view));
}
