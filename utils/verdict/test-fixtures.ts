/**
 * Observation fixtures for the classifier tests, with the values the lab actually
 * recorded (lab-notes.md "What the extension sees, per mechanism": error strings,
 * squid headers, timings). Test-only: nothing in the extension imports this file.
 */
import type { Observation } from '../probe/types';

const FAILED = 'TypeError: Failed to fetch';

/** A fetch observation of `url` with sensible defaults; `over` wins. */
export function fetchObs(url: string, over: Partial<Observation> = {}): Observation {
  return {
    serviceId: 'youtube',
    channel: 'page',
    kind: 'fetch',
    url,
    startedAt: 1_790_000_000_000,
    redirects: [],
    timeoutMs: 15_000,
    timings: { totalMs: 20 },
    ...over,
  };
}

/** A successful fetch: status, final URL = request URL unless given. */
export function okObs(url: string, status = 200, over: Partial<Observation> = {}): Observation {
  return fetchObs(url, { status, finalUrl: url, timings: { headersMs: 12, totalMs: 20 }, ...over });
}

/** A fetch that failed with a browser network error (fetch threw TypeError). */
export function errorObs(url: string, netError: string, totalMs = 8, over: Partial<Observation> = {}): Observation {
  return fetchObs(url, { netError, jsError: FAILED, timings: { totalMs }, ...over });
}

/** A fetch redirected (one hop) to `to`, which answered `status` with the given page. */
export function redirectedObs(url: string, to: string, over: Partial<Observation> = {}): Observation {
  return okObs(url, 200, { finalUrl: to, redirects: [{ from: url, to, status: 302 }], ...over });
}

/** The browser-policy check: a background-tab navigation. */
export function navObs(url: string, netError?: string, over: Partial<Observation> = {}): Observation {
  return fetchObs(url, { kind: 'navigation', timings: { totalMs: 85 }, ...(netError ? { netError } : {}), ...over });
}

/** A WebSocket probe on the realtime channel. */
export function wsObs(url: string, opened: boolean, over: Partial<Observation> = {}): Observation {
  return fetchObs(url, {
    serviceId: 'whatsapp',
    channel: 'realtime',
    kind: 'websocket',
    ws: opened ? { opened: true } : { opened: false, closeCode: 1006 },
    timings: opened ? { headersMs: 40, totalMs: 40 } : { totalMs: 4 },
    ...over,
  });
}

/** Squid's stock ERR_ACCESS_DENIED page (squid 5.7, abridged). */
export const SQUID_DENY_PAGE = `<html><head><title>ERROR: The requested URL could not be retrieved</title></head>
<body><h1>ERROR</h1><h2>The requested URL could not be retrieved</h2>
<p>The following error was encountered while trying to retrieve the URL: <a href="http://www.facebook.com/">http://www.facebook.com/</a></p>
<blockquote id="error"><p><b>Access Denied.</b></p></blockquote>
<p>Access control configuration prevents your request from being allowed at this time.</p>
<div id="footer"><p>Generated Mon, 23 Nov 2026 11:00:00 GMT by lab-proxy (squid/5.7)</p></div></body></html>`;

/** Lab cases, one per row of the lab-notes table. */
export const LAB = {
  dnsNxdomain: () => errorObs('https://web.whatsapp.com/', 'net::ERR_NAME_NOT_RESOLVED', 42),
  tcpRefused: () => errorObs('https://www.youtube.com/', 'net::ERR_CONNECTION_REFUSED', 3),
  tcpReset: () => errorObs('https://www.youtube.com/', 'net::ERR_CONNECTION_RESET', 5),
  httpsSilent: () => errorObs('https://www.youtube.com/', 'net::ERR_TIMED_OUT', 30_000, { timeoutMs: 45_000 }),
  httpSilentOwnTimer: () =>
    errorObs('http://www.example-news.test/', 'net::ERR_ABORTED', 15_000, { timedOut: true, jsError: 'TimeoutError: signal timed out' }),
  certUntrusted: () => errorObs('https://www.youtube.com/', 'net::ERR_CERT_AUTHORITY_INVALID', 83),
  sslProtocol: () => errorObs('https://www.youtube.com/', 'net::ERR_SSL_PROTOCOL_ERROR', 8),
  proxyTunnelRefused: () => errorObs('https://www.facebook.com/', 'net::ERR_TUNNEL_CONNECTION_FAILED', 6),
  squidDenyHttp: () =>
    okObs('http://www.facebook.com/', 403, {
      headers: { server: 'squid/5.7', 'x-squid-error': 'ERR_ACCESS_DENIED 0', 'content-type': 'text/html;charset=utf-8' },
      title: 'ERROR: The requested URL could not be retrieved',
      bodySnippet: SQUID_DENY_PAGE,
      timings: { headersMs: 19, totalMs: 19 },
    }),
  squidReadError: () =>
    okObs('http://www.facebook.com/', 502, {
      headers: { server: 'squid/5.7', 'x-squid-error': 'ERR_READ_ERROR 0' },
      timings: { headersMs: 7, totalMs: 7 },
    }),
  squidRedirectBlock: () =>
    redirectedObs('http://redirect.example.test/', 'http://blockpage.example.test/?blocked=http://redirect.example.test/', {
      serviceId: 'example',
      title: 'Access denied',
      bodySnippet: '<h1>Access denied</h1><p>This site is blocked by company policy.</p>',
      timings: { headersMs: 17, totalMs: 17 },
    }),
  policyNav: () => navObs('https://web.whatsapp.com/', 'net::ERR_BLOCKED_BY_ADMINISTRATOR', { serviceId: 'whatsapp' }),
  ownRuleNav: () => navObs('https://web.whatsapp.com/', 'net::ERR_BLOCKED_BY_CLIENT', { serviceId: 'whatsapp' }),
  wsDenied: () => wsObs('wss://web.whatsapp.com/ws/chat', false),
  cloudflareChallenge: () =>
    okObs('https://www.example-shop.test/', 403, {
      headers: { server: 'cloudflare', 'cf-mitigated': 'challenge', 'content-type': 'text/html; charset=UTF-8' },
      title: 'Just a moment...',
      bodySnippet: '<html><head><title>Just a moment...</title></head><body><script>window._cf_chl_opt={}</script></body></html>',
    }),
};

/** A response as fingerprints see it, from the parts a test cares about. */
export interface PageParts {
  status?: number;
  headers?: Record<string, string>;
  title?: string;
  body?: string;
  /** Redirect target(s); the last one is the final URL. */
  redirectTo?: string | string[];
  url?: string;
}

/** Build an observation of a page for fingerprint tests. */
export function pageObs(parts: PageParts): Observation {
  const url = parts.url ?? 'https://www.youtube.com/';
  const hops = parts.redirectTo === undefined ? [] : [parts.redirectTo].flat();
  const redirects = hops.map((to, i) => ({ from: i === 0 ? url : (hops[i - 1] ?? url), to, status: 302 }));
  return okObs(url, parts.status ?? 200, {
    finalUrl: hops.at(-1) ?? url,
    redirects,
    ...(parts.headers ? { headers: parts.headers } : {}),
    ...(parts.title !== undefined ? { title: parts.title } : {}),
    ...(parts.body !== undefined ? { bodySnippet: parts.body } : {}),
  });
}
