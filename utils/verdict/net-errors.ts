import type { Mechanism } from './types';
import { FIREFOX_NET_ERROR_RULES, FIREFOX_NOT_BLOCKING } from './net-errors-firefox';
import { PROXY_SIGN_IN } from './proxy-auth';

/**
 * What a browser network error string says about a channel. `blocked` errors carry
 * the mechanism; errors that say nothing about filtering (user went offline, the
 * request was aborted by someone else, an error we have never seen) are
 * `inconclusive`: calling an unknown error "blocked" is how false positives start.
 */
export interface NetErrorClass {
  outcome: 'blocked' | 'inconclusive';
  mechanism?: Mechanism;
  /** Stable machine key, e.g. `dns-nxdomain`, `proxy-tunnel-refused`. */
  reason: string;
  /** Half a sentence for the evidence: what the error means. */
  detail: string;
}

type Rule = Omit<NetErrorClass, 'outcome'> & { mechanism: Mechanism };

const blocked = (mechanism: Mechanism, reason: string, detail: string): Rule => ({ mechanism, reason, detail });

/**
 * Chromium `net::ERR_*` codes (net/base/net_error_list.h) → mechanism, as listed in
 * docs/methodology.md "The browser's error codes" and observed in docs/what-the-browser-sees.md.
 */
const CHROMIUM_RULES: Readonly<Record<string, Rule>> = {
  // DNS
  ERR_NAME_NOT_RESOLVED: blocked('dns', 'dns-nxdomain', 'the host name did not resolve (NXDOMAIN or filtered DNS)'),
  ERR_NAME_RESOLUTION_FAILED: blocked('dns', 'dns-resolution-failed', 'the DNS lookup failed'),
  ERR_ICANN_NAME_COLLISION: blocked('dns', 'dns-name-collision', 'DNS answered the ICANN name-collision address 127.0.53.53'),
  // TCP: a refusal or reset is an active answer, unlike a timeout (silent drop).
  ERR_CONNECTION_REFUSED: blocked('tcp', 'tcp-refused', 'the TCP connection was actively refused'),
  ERR_ADDRESS_UNREACHABLE: blocked('tcp', 'tcp-unreachable', 'the address is unreachable from this network'),
  ERR_CONNECTION_FAILED: blocked('tcp', 'tcp-failed', 'the TCP connection failed'),
  ERR_NETWORK_ACCESS_DENIED: blocked('tcp', 'tcp-access-denied', 'network access was denied, most likely by a firewall'),
  ERR_CONNECTION_RESET: blocked('tcp', 'tcp-reset', 'the connection was reset (a filter often injects the reset)'),
  ERR_CONNECTION_CLOSED: blocked('tcp', 'tcp-closed', 'the connection was closed before any answer'),
  ERR_EMPTY_RESPONSE: blocked('tcp', 'tcp-empty-response', 'the server closed the connection without sending anything'),
  // Timeouts: packets silently dropped somewhere on the path.
  ERR_CONNECTION_TIMED_OUT: blocked('timeout', 'timeout-connect', 'the TCP handshake never completed (packets silently dropped)'),
  ERR_TIMED_OUT: blocked('timeout', 'timeout-no-answer', 'the connection opened but nothing answered (silent drop)'),
  // TLS / interception
  ERR_CERT_AUTHORITY_INVALID: blocked('tls', 'tls-cert-untrusted', 'the certificate is signed by an untrusted authority, typical of TLS interception'),
  ERR_CERT_COMMON_NAME_INVALID: blocked('tls', 'tls-cert-name-mismatch', 'the certificate does not name this host, typical of a filter answering in its place'),
  ERR_CERT_KNOWN_INTERCEPTION_BLOCKED: blocked('tls', 'tls-interception-blocked', 'Chrome refused a known TLS-interception certificate'),
  ERR_TLS13_DOWNGRADE_DETECTED: blocked('tls', 'tls-downgrade-detected', 'a middlebox downgraded the TLS version'),
  ERR_SSL_PROTOCOL_ERROR: blocked('tls', 'tls-protocol-error', 'the TLS handshake was broken, typical of SNI filtering'),
  ERR_SSL_PINNED_KEY_NOT_IN_CHAIN: blocked('tls', 'tls-pinning-failed', 'the certificate chain does not contain the pinned key, typical of TLS interception'),
  // Proxy. Over HTTPS a proxy deny and a proxy DNS failure both end as a refused
  // CONNECT (docs/what-the-browser-sees.md): name the mechanism `proxy` and say it refused the tunnel.
  ERR_TUNNEL_CONNECTION_FAILED: blocked('proxy', 'proxy-tunnel-refused', 'the proxy refused the tunnel (it denies the host, or could not resolve it)'),
  ERR_PROXY_CONNECTION_FAILED: blocked('proxy', 'proxy-connection-failed', 'the configured proxy could not be reached'),
  ERR_MANDATORY_PROXY_CONFIGURATION_FAILED: blocked('proxy', 'proxy-config-failed', 'the mandatory proxy configuration (PAC) failed'),
  ERR_HTTPS_PROXY_TUNNEL_RESPONSE_REDIRECT: blocked('proxy', 'proxy-tunnel-redirect', 'the proxy answered the tunnel with a redirect, typically to a block page'),
  // Local decisions, not the network.
  ERR_BLOCKED_BY_ADMINISTRATOR: blocked('policy', 'policy-blocked', 'a browser policy set by the administrator blocks this URL'),
  ERR_BLOCKED_BY_CLIENT: blocked('extension', 'extension-blocked', 'another browser extension (e.g. an ad blocker) blocked the request'),
};

const REDIRECT_LOOP = { reason: 'redirect-loop', detail: 'the service redirects in a loop (too many redirects), its own fault rather than a block' };

/** Errors that say nothing about filtering: never call them blocked. */
const NOT_BLOCKING: Readonly<Record<string, { reason: string; detail: string }>> = {
  ERR_ABORTED: { reason: 'aborted', detail: 'the request was aborted before our own timer ran out' },
  ERR_INTERNET_DISCONNECTED: { reason: 'offline', detail: 'the computer was offline' },
  ERR_NETWORK_CHANGED: { reason: 'network-changed', detail: 'the network changed during the probe' },
  // A redirect loop is the service's own fault (OONI's "too many redirects" QA case): not a block.
  ERR_TOO_MANY_REDIRECTS: REDIRECT_LOOP,
  // A proxy that wants credentials has not judged the service yet (see proxy-auth.ts).
  ERR_PROXY_AUTH_REQUESTED: PROXY_SIGN_IN,
  ERR_PROXY_AUTH_UNSUPPORTED: PROXY_SIGN_IN,
  ERR_PROXY_AUTH_REQUESTED_WITH_NO_CONNECTION: PROXY_SIGN_IN,
};

/**
 * Firefox's vocabulary (`NS_ERROR_*`, NSS messages, `Error code <n>` from webNavigation), each
 * entry observed in the Firefox lab: see net-errors-firefox.ts. Unlisted Firefox errors stay
 * `inconclusive` with reason `unknown-error`.
 */
export const FIREFOX_RULES: Readonly<Record<string, Rule>> = FIREFOX_NET_ERROR_RULES;

/**
 * Classify a browser network error string (`net::ERR_…` from Chromium's webRequest,
 * with or without the `net::` prefix, or Firefox's `NS_ERROR_…`).
 */
export function classifyNetError(netError: string): NetErrorClass {
  const code = netError.trim().replace(/^net::/, '').toUpperCase();
  const rule = CHROMIUM_RULES[code] ?? FIREFOX_RULES[code] ?? familyRule(code);
  if (rule) return { outcome: 'blocked', ...rule };
  const benign = NOT_BLOCKING[code] ?? FIREFOX_NOT_BLOCKING[code];
  if (benign) return { outcome: 'inconclusive', ...benign };
  return { outcome: 'inconclusive', reason: 'unknown-error', detail: `the browser reported an error we do not interpret (${netError})` };
}

/** Whole families that share a mechanism, after the specific codes above. */
function familyRule(code: string): Rule | undefined {
  if (code.startsWith('ERR_CERT_')) return blocked('tls', 'tls-cert-invalid', `the certificate was rejected (${code})`);
  if (code.startsWith('ERR_SSL_')) return blocked('tls', 'tls-handshake-failed', `the TLS handshake failed (${code})`);
  return undefined;
}

/** True when `netError` says an extension (or our own rule) blocked the request (Chromium or Firefox). */
export const isBlockedByClient = (netError: string | undefined): boolean =>
  netError !== undefined && classifyNetError(netError).mechanism === 'extension';

/** True when `netError` is a browser-policy block: Chromium's URLBlocklist or Firefox's WebsiteFilter. */
export const isBlockedByAdministrator = (netError: string | undefined): boolean =>
  netError !== undefined && classifyNetError(netError).mechanism === 'policy';
