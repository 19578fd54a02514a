import type { FingerprintMatch } from './types';
import type { ResponseView } from './response-view';
import { allOf, anyOf, header, host, html, path, text, title, type Matcher } from './matchers';

/** A corporate filter product's block page, recognised by its own signals. */
export interface Fingerprint {
  /** Stable id, e.g. `zscaler`. */
  id: string;
  /** Human vendor/product name for reports. */
  vendor: string;
  match: Matcher;
}

/** Words that, next to a product name, make a page a block page rather than a product mention. */
const DENIAL = /\b(blocked|denied|restricted|not allowed|prohibited)\b/i;

/**
 * Vendor fingerprints, most specific first (squidGuard before squid). Facts come from
 * methodology.md "Corporate block pages" (ooni/blocking-fingerprints and Citizen Lab
 * annotations, restated); the patterns are our own. Netskope and Sophos use
 * well-known public product facts. Every entry needs a positive and a near-miss test.
 */
export const FINGERPRINTS: readonly Fingerprint[] = [
  {
    // squidGuard redirects denied requests to its CGI or a PHP error page.
    id: 'squidguard',
    vendor: 'squidGuard',
    match: anyOf(path(/squidGuard\.cgi|\/sgerror\.php/i), html(/squidGuard\.cgi|\/sgerror\.php/i)),
  },
  {
    // Squid marks its own error pages with X-Squid-Error (lab: `ERR_ACCESS_DENIED 0`);
    // the page title is "ERROR: The requested URL could not be retrieved", signed "(squid/x.y)".
    id: 'squid',
    vendor: 'Squid',
    match: anyOf(
      header('x-squid-error', /./),
      allOf(title(/The requested URL could not be retrieved/i), text(/\(squid(\/[\d.]+)?\)/i)),
    ),
  },
  {
    // Zscaler: "Internet Security by Zscaler" on the page; redirects to gateway.zscaler*.net.
    id: 'zscaler',
    vendor: 'Zscaler',
    match: anyOf(host(/^gateway\.(zscaler[a-z]*|zscloud)\.net$/i), text(/Internet Security by Zscaler/i)),
  },
  {
    // Palo Alto PAN-OS URL filtering: `/php/urlblock.php?args=` and its stock sentence.
    id: 'paloalto',
    vendor: 'Palo Alto Networks',
    match: anyOf(path(/\/php\/urlblock\.php/i), text(/has been blocked in accordance with company policy/i)),
  },
  {
    // Fortinet FortiGate web filter / IPS pages.
    id: 'fortinet',
    vendor: 'Fortinet FortiGuard',
    match: anyOf(text(/Powered by FortiGuard/i), text(/FortiGuard Intrusion Prevention\s*[-–]\s*Access Blocked/i)),
  },
  {
    // Forcepoint (Websense) Content Gateway: block page on port 15871; `Via` names forcepoint-wcg.
    id: 'forcepoint',
    vendor: 'Forcepoint (Websense)',
    match: anyOf(path(/^:15871\/cgi-bin\/blockpage\.cgi/i), header('via', /forcepoint-wcg/i)),
  },
  {
    // Blue Coat / Symantec ProxySG: redirect to notify.bluecoat.com/notify-….
    id: 'bluecoat',
    vendor: 'Blue Coat (Symantec)',
    match: allOf(host(/^notify\.bluecoat\.com$/i), path(/^\/notify-/i)),
  },
  {
    // Cisco Web Security Appliance adds `Via: … (Cisco-WSA/version)`.
    id: 'cisco-wsa',
    vendor: 'Cisco WSA',
    match: header('via', /\(Cisco-WSA\//i),
  },
  {
    // Cisco Umbrella (OpenDNS) answers blocked names with block.opendns.com.
    id: 'cisco-umbrella',
    vendor: 'Cisco Umbrella (OpenDNS)',
    match: anyOf(host(/(^|\.)block\.opendns\.com$/i), text(/This site is blocked due to content filtering/i)),
  },
  {
    // Check Point UserCheck portal.
    id: 'checkpoint',
    vendor: 'Check Point',
    match: anyOf(text(/Check Point UserCheck/i), path(/\/UserCheck\/PortalMain\?IID=/i)),
  },
  {
    // SonicWall firewalls sign their block pages with `Server: SonicWALL`.
    id: 'sonicwall',
    vendor: 'SonicWall',
    match: header('server', /SonicWALL/i),
  },
  {
    // Barracuda CloudGen/NG Firewall: `Server: Barracuda/NGFirewall`.
    id: 'barracuda',
    vendor: 'Barracuda',
    match: header('server', /Barracuda\/NGFirewall/i),
  },
  {
    // Sophos Web Appliance / Sophos Firewall (and former Cyberoam) name the product on the
    // block page; a product name alone (e.g. the vendor's own site) is not enough.
    id: 'sophos',
    vendor: 'Sophos',
    match: allOf(text(/Sophos (Web Appliance|XG Firewall|Firewall|UTM)|Cyberoam/i), text(DENIAL)),
  },
  {
    // Netskope serves its notifications from *.goskope.com and names itself on them.
    id: 'netskope',
    vendor: 'Netskope',
    match: anyOf(host(/(^|\.)goskope\.com$/i), allOf(text(/\bNetskope\b/i), text(DENIAL))),
  },
  {
    // WatchGuard Firebox HTTP proxy deny page.
    id: 'watchguard',
    vendor: 'WatchGuard',
    match: text(/Request denied by WatchGuard HTTP Proxy/i),
  },
  {
    // McAfee (Skyhigh) Web Gateway default URL-filter template.
    id: 'mcafee',
    vendor: 'McAfee Web Gateway',
    match: text(/Notification\s*[-–:]?\s*Blocked by URL filtering/i),
  },
];

/** The first vendor fingerprint matching a response, if any. */
export function matchVendorFingerprint(view: ResponseView): FingerprintMatch | undefined {
  for (const fp of FINGERPRINTS) {
    const matched = fp.match(view);
    if (matched) return { id: fp.id, vendor: fp.vendor, matched };
  }
  return undefined;
}
