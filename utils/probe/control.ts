/**
 * One connectivity check and the answer its operator defines for an open network. Anything else —
 * a redirect to another host, a login form, a proxy's 407, another status or body — means the
 * network answers in its place (a sign-in portal, a proxy that wants credentials): the run is then
 * "sign-in required", not "offline" (docs/connectivity-checks.md lists each operator's source).
 */
export interface ControlCheck {
  url: string;
  /** Who runs it, for the evidence. */
  operator: string;
  status: number;
  /** The defined body: none at all, exactly this text (trimmed), or a page containing it. */
  body: { empty: true } | { exact: string } | { contains: string };
}

/**
 * The hosts operating systems and browsers use for their own connectivity checks, so corporate
 * filters almost never block them. Firefox's and Apple's are plain HTTP, as their operators use
 * them: over HTTPS a portal can only break the TLS handshake, over HTTP it shows itself (a redirect
 * or its login page), and that is how we name the portal host.
 */
export const CONTROL_CHECKS: readonly ControlCheck[] = [
  { url: 'https://connectivitycheck.gstatic.com/generate_204', operator: 'Google (Android, Chrome)', status: 204, body: { empty: true } },
  { url: 'http://detectportal.firefox.com/success.txt', operator: 'Mozilla (Firefox)', status: 200, body: { exact: 'success' } },
  { url: 'https://www.msftconnecttest.com/connecttest.txt', operator: 'Microsoft (Windows NCSI)', status: 200, body: { exact: 'Microsoft Connect Test' } },
  { url: 'http://captive.apple.com/hotspot-detect.html', operator: 'Apple (iOS, macOS)', status: 200, body: { contains: 'Success' } },
];

/** The control URLs, probed first in every audit. */
export const CONTROL_URLS: readonly string[] = CONTROL_CHECKS.map((c) => c.url);
