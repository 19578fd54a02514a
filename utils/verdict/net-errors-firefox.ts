import type { Mechanism } from './types';
import { PROXY_SIGN_IN } from './proxy-auth';

/** One Firefox error string → mechanism (same shape as the Chromium rules in net-errors.ts). */
export interface FirefoxRule {
  mechanism: Mechanism;
  reason: string;
  detail: string;
}

const rule = (mechanism: Mechanism, reason: string, detail: string): FirefoxRule => ({ mechanism, reason, detail });

/**
 * Firefox's error vocabulary, keyed upper-case as `classifyNetError` looks codes up. Every entry was
 * observed in the Firefox lab (Firefox 153 ESR, Debian; lab/firefox-lab.ts), never guessed; where
 * each code comes from is in docs/firefox-errors.md. Firefox reports some failures with codes shared
 * by several causes (a reset that beats the TLS layer's first write comes back as the generic
 * `NS_ERROR_FAILURE`), and those stay `inconclusive`.
 *
 * Firefox's `webRequest.onErrorOccurred` gives `NS_ERROR_*` names for network errors, but for
 * certificate and TLS errors it gives NSS's human message (English UI), and
 * `webNavigation.onErrorOccurred` gives `Error code <nsresult as unsigned decimal>`.
 */
export const FIREFOX_NET_ERROR_RULES: Readonly<Record<string, FirefoxRule>> = {
  // DNS NXDOMAIN from the resolver (fetch and WebSocket alike).
  NS_ERROR_UNKNOWN_HOST: rule('dns', 'dns-nxdomain', 'the host name did not resolve (NXDOMAIN or filtered DNS)'),
  // Nothing listening: the kernel answered RST to the SYN.
  NS_ERROR_CONNECTION_REFUSED: rule('tcp', 'tcp-refused', 'the TCP connection was actively refused'),
  // A filter answering the ClientHello with RST; seen for fetch and WebSocket. Firefox retries a
  // fresh connection up to 10 times first (docs/firefox-errors.md).
  NS_ERROR_NET_RESET: rule('tcp', 'tcp-reset', 'the connection was reset (a filter often injects the reset)'),
  // squid `http_access deny`: the CONNECT answered 403. As in Chromium, a proxy that cannot resolve
  // the host refuses the tunnel the same way, hence the wording.
  NS_ERROR_PROXY_FORBIDDEN: rule('proxy', 'proxy-tunnel-refused', 'the proxy refused the tunnel (it denies the host, or could not resolve it)'),
  // SEC_ERROR_UNKNOWN_ISSUER as Firefox words it: a chain from a CA nobody installed (interception).
  'PEER’S CERTIFICATE ISSUER IS NOT RECOGNIZED.': rule('tls', 'tls-cert-untrusted', 'the certificate is signed by an untrusted authority, typical of TLS interception'),
  "PEER'S CERTIFICATE ISSUER IS NOT RECOGNIZED.": rule('tls', 'tls-cert-untrusted', 'the certificate is signed by an untrusted authority, typical of TLS interception'),
  // SSL_ERROR_RX_RECORD_TOO_LONG: plain HTTP where a TLS ServerHello was expected (SNI filters).
  'SSL RECEIVED A RECORD THAT EXCEEDED THE MAXIMUM PERMISSIBLE LENGTH.': rule('tls', 'tls-protocol-error', 'the TLS handshake was broken, typical of SNI filtering'),
  // Enterprise policy `WebsiteFilter` on a navigation (0x80780003, before any request is made).
  'ERROR CODE 2155347971': rule('policy', 'policy-blocked', 'a browser policy set by the administrator (WebsiteFilter) blocks this URL'),
  // A declarativeNetRequest/webRequest block (NS_ERROR_ABORT, 0x80004004): seen for our own
  // policy-check rule, so on a fetch it means another extension cancelled the request.
  NS_ERROR_ABORT: rule('extension', 'extension-blocked', 'a browser extension blocked the request'),
  'ERROR CODE 2147500036': rule('extension', 'extension-blocked', 'a browser extension blocked the request'),
};

/** Firefox errors that say nothing about filtering. */
export const FIREFOX_NOT_BLOCKING: Readonly<Record<string, { reason: string; detail: string }>> = {
  // What our own timer's AbortController produces (lab: silent server).
  NS_BINDING_ABORTED: { reason: 'aborted', detail: 'the request was aborted (by our own timer or the browser)' },
  // Not observed in the lab: Firefox's HTTP channel maps a proxy's 407 to this code (its source).
  // A proxy that wants credentials has not judged the service yet.
  NS_ERROR_PROXY_AUTHENTICATION_FAILED: PROXY_SIGN_IN,
  // Observed (Firefox 153 ESR, tests/e2e/firefox-real-networks.test.ts): squid answered the CONNECT of
  // our fetch with 407, and Firefox reported this, with no onAuthRequired for the extension's request
  // (the 407 shows in onHeadersReceived first, which makes it a proxy sign-in: proxy-auth.ts). A proxy
  // that is really down is reported the same way. Either way it forwarded nothing: never blocked.
  NS_ERROR_PROXY_CONNECTION_REFUSED: {
    reason: 'proxy-refused-or-sign-in',
    detail: 'the proxy forwarded nothing: it refused the connection or wants a sign-in (Firefox reports both this way), so nothing is known of the service',
  },
  // Not observed in the lab: Firefox's name for a redirect loop (its error list, 0x804B001F).
  NS_ERROR_REDIRECT_LOOP: { reason: 'redirect-loop', detail: 'the service redirects in a loop (too many redirects), its own fault rather than a block' },
};
