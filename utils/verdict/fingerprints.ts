import type { FingerprintMatch } from './types';
import type { ResponseView } from './response-view';
import { allOf, anyOf, header, host, html, path, text, title, type Matcher } from './matchers';
import { VENDOR_LABELS, type VendorId } from './vendors';
import { matchFieldBlockPage } from './field-fingerprints';

/** A corporate filter product's block page, recognised by its own signals. */
export interface Fingerprint {
  /** Our vendor id, e.g. `zscaler`; the name reports show is `VENDOR_LABELS[id]`. */
  id: VendorId;
  match: Matcher;
}

/** Words that, next to a product name, make a page a block page rather than a product mention. */
const DENIAL = /\b(blocked|denied|restricted|not allowed|prohibited)\b/i;

/**
 * Vendor fingerprints, most specific first (squidGuard before squid). Facts come from
 * docs/methodology.md "Corporate block pages" (ooni/blocking-fingerprints and Citizen Lab
 * annotations, restated); the patterns are our own. Netskope and Sophos use
 * well-known public product facts. Every entry needs a positive and a near-miss test.
 */
export const FINGERPRINTS: readonly Fingerprint[] = [
  {
    // squidGuard redirects denied requests to its CGI or a PHP error page.
    id: 'squidguard',
    match: anyOf(path(/squidGuard\.cgi|\/sgerror\.php/i), html(/squidGuard\.cgi|\/sgerror\.php/i)),
  },
  {
    // Squid marks its own error pages with X-Squid-Error (lab: `ERR_ACCESS_DENIED 0`);
    // the page title is "ERROR: The requested URL could not be retrieved", signed "(squid/x.y)".
    id: 'squid',
    match: anyOf(
      header('x-squid-error', /./),
      allOf(title(/The requested URL could not be retrieved/i), text(/\(squid(\/[\d.]+)?\)/i)),
    ),
  },
  {
    // Zscaler: "Internet Security by Zscaler" on the page; redirects to gateway.zscaler*.net.
    id: 'zscaler',
    match: anyOf(host(/^gateway\.(zscaler[a-z]*|zscloud)\.net$/i), text(/Internet Security by Zscaler/i)),
  },
  {
    // Palo Alto PAN-OS URL filtering: `/php/urlblock.php?args=` and its stock sentence.
    id: 'paloalto',
    match: anyOf(path(/\/php\/urlblock\.php/i), text(/has been blocked in accordance with company policy/i)),
  },
  {
    // Fortinet FortiGate web filter / IPS pages.
    id: 'fortinet',
    match: anyOf(text(/Powered by FortiGuard/i), text(/FortiGuard Intrusion Prevention\s*[-–]\s*Access Blocked/i)),
  },
  {
    // Forcepoint (Websense) Content Gateway: block page on port 15871; `Via` names forcepoint-wcg.
    id: 'forcepoint',
    match: anyOf(path(/^:15871\/cgi-bin\/blockpage\.cgi/i), header('via', /forcepoint-wcg/i)),
  },
  {
    // Blue Coat / Symantec ProxySG: redirect to notify.bluecoat.com/notify-….
    id: 'bluecoat',
    match: allOf(host(/^notify\.bluecoat\.com$/i), path(/^\/notify-/i)),
  },
  {
    // Cisco Web Security Appliance adds `Via: … (Cisco-WSA/version)`.
    id: 'cisco-wsa',
    match: header('via', /\(Cisco-WSA\//i),
  },
  {
    // Cisco Umbrella (OpenDNS) answers blocked names with block.opendns.com.
    id: 'cisco-umbrella',
    match: anyOf(host(/(^|\.)block\.opendns\.com$/i), text(/This site is blocked due to content filtering/i)),
  },
  {
    // Check Point UserCheck portal.
    id: 'checkpoint',
    match: anyOf(text(/Check Point UserCheck/i), path(/\/UserCheck\/PortalMain\b/i)),
  },
  {
    // SonicWall firewalls sign their block pages with `Server: SonicWALL`.
    id: 'sonicwall',
    match: header('server', /SonicWALL/i),
  },
  {
    // Barracuda CloudGen/NG Firewall: `Server: Barracuda/NGFirewall`.
    id: 'barracuda',
    match: header('server', /Barracuda\/NGFirewall/i),
  },
  {
    // Sophos Web Appliance / Sophos Firewall (and former Cyberoam) name the product on the
    // block page; a product name alone (e.g. the vendor's own site) is not enough.
    id: 'sophos',
    match: allOf(text(/Sophos (Web Appliance|XG Firewall|Firewall|UTM)|Cyberoam/i), text(DENIAL)),
  },
  {
    // Netskope serves its notifications from *.goskope.com and names itself on them.
    id: 'netskope',
    match: anyOf(host(/(^|\.)goskope\.com$/i), allOf(text(/\bNetskope\b/i), text(DENIAL))),
  },
  {
    // WatchGuard Firebox HTTP proxy deny page.
    id: 'watchguard',
    match: text(/Request denied by WatchGuard HTTP Proxy/i),
  },
  {
    // McAfee (Skyhigh) Web Gateway default URL-filter template.
    id: 'mcafee',
    match: text(/Notification\s*[-–:]?\s*Blocked by URL filtering/i),
  },
];

/**
 * The first block-page fingerprint matching a response: ours first (they combine signals,
 * e.g. squidGuard before squid), then the decisive field fingerprints compiled from OONI's
 * dataset (docs/field-fingerprints.md).
 */
export function matchVendorFingerprint(view: ResponseView): FingerprintMatch | undefined {
  for (const fp of FINGERPRINTS) {
    const matched = fp.match(view);
    if (matched) return { id: fp.id, vendor: VENDOR_LABELS[fp.id], matched };
  }
  return matchFieldBlockPage(view, 'decisive');
}
