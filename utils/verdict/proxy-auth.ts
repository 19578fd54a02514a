import type { RequestObservation } from '../probe/types';

/**
 * Browser errors that mean "a proxy wants credentials" (Chromium net/base/net_error_list.h;
 * Firefox maps a proxy's 407 to NS_ERROR_PROXY_AUTHENTICATION_FAILED in its HTTP channel). In
 * headless Chromium with no credentials, a 407 to a CONNECT ends as ERR_TUNNEL_CONNECTION_FAILED
 * instead, and only webRequest's `onAuthRequired` (isProxy) tells the two apart — hence
 * `Observation.proxyAuth` (docs/verdicts-on-real-networks.md, "Proxy sign-in").
 */
export const PROXY_AUTH_ERRORS: readonly string[] = [
  'ERR_PROXY_AUTH_REQUESTED',
  'ERR_PROXY_AUTH_UNSUPPORTED',
  'ERR_PROXY_AUTH_REQUESTED_WITH_NO_CONNECTION',
  'NS_ERROR_PROXY_AUTHENTICATION_FAILED',
];

/** The net-error class of every proxy sign-in error: inconclusive, never blocked. */
export const PROXY_SIGN_IN = {
  reason: 'proxy-auth-required',
  detail: 'the proxy asks for credentials before it forwards anything (proxy sign-in needed)',
} as const;

/**
 * How an observation shows that a proxy asked for credentials (`HTTP 407`, the browser's error,
 * or the browser's credentials request), or undefined. Such a request never reached the service:
 * it says nothing about the service until someone signs in to the proxy, so it is never `blocked`.
 */
export function proxySignInOf(obs: RequestObservation): string | undefined {
  if (obs.status === 407) return 'HTTP 407 Proxy Authentication Required';
  const code = obs.netError?.trim().replace(/^net::/, '').toUpperCase();
  if (code && PROXY_AUTH_ERRORS.includes(code)) return obs.netError;
  if (obs.proxyAuth) return `the proxy asked for credentials${obs.netError ? `, then ${obs.netError}` : ''}`;
  return undefined;
}
