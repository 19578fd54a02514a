/**
 * Our judgement on top of OONI's blocking-fingerprints dataset, applied by the compile
 * script (docs/field-fingerprints.md). Everything here is ours: which product each entry
 * belongs to (so reports show our vendor names), which entries are too vague to decide on
 * their own, and which ones do not describe a workplace filter at all.
 */
import type { VendorId } from '../../utils/verdict/vendors';

/** OONI scopes we compile into block-page / DNS fingerprints (nat/isp are country or ISP censorship). */
export const BLOCK_SCOPES = ['prod', 'inst', 'vbw'] as const;
/** OONI's false-positive scope: pages that look odd but are not block pages. */
export const GUARD_SCOPE = 'fp';

/**
 * OONI fingerprint name → our vendor id, first match wins. The names carry the product
 * (`cl.prod_zscaler_block`, `cp.a_prod_fortinet_3`); a few institution entries are a
 * known product's stock page or header (e.g. `ooni.br_1` is `Server: SonicWALL`).
 */
export const VENDOR_OF_NAME: readonly [RegExp, VendorId][] = [
  [/squidguard|^ooni\.ch_0$/, 'squidguard'],
  [/_squid/, 'squid'],
  [/zscaler/, 'zscaler'],
  [/paloalto|^ooni\.us_6$/, 'paloalto'],
  [/forti/, 'fortinet'],
  [/forcepoint|websense/, 'forcepoint'],
  [/bluecoat|cacheflow|^ooni\.sa_0$/, 'bluecoat'],
  [/^ooni\.(br_0|in_1|in_2)$/, 'cisco-wsa'],
  [/opendns/, 'cisco-umbrella'],
  [/meraki/, 'cisco-meraki'],
  [/^ooni\.us_5$/, 'cisco-scansafe'],
  [/checkpoint/, 'checkpoint'],
  [/sonicwall|^ooni\.br_1$/, 'sonicwall'],
  [/barracuda|^ooni\.(zz_2|zz_3|pa_0)$/, 'barracuda'],
  [/cyber_?roam/, 'sophos'],
  [/watchguard|^ooni\.zz_1[01]$/, 'watchguard'],
  [/mcafee/, 'mcafee'],
  [/^ooni\.fr_2$/, 'olfeo'],
  [/kerio|^ooni\.cl_0$/, 'kerio'],
  [/iboss|^ooni\.us_4$/, 'iboss'],
  [/lightspeed/, 'lightspeed'],
  [/netsweeper|^ooni\.us_10$/, 'netsweeper'],
  [/untangle/, 'untangle'],
  [/contentkeeper|^ooni\.au_2$/, 'contentkeeper'],
  [/juniper/, 'juniper'],
  [/comodo/, 'comodo'],
  [/iserv|^ooni\.de_2$/, 'iserv'],
  [/rmedufilter/, 'rm-education'],
  [/vasexperts/, 'vas-experts'],
  [/wirefilter/, 'wirefilter'],
  [/akamai_etp/, 'akamai-etp'],
  [/^ooni\.zz_[4-6]$/, 'cleanbrowsing'],
  [/safedns|^ooni\.zz_12$/, 'safedns'],
  [/adguard|^ooni\.(mm_7|us_dns_1|ca_dns_1)$/, 'adguard'],
  [/pihole/, 'pihole'],
  [/^ooni\.sd_2$/, 'gateprotect'],
  [/securely/, 'securly'],
  [/eset/, 'eset'],
  [/kaspersky/, 'kaspersky'],
  [/drweb|spirdergate/, 'drweb'],
  [/trend_micro/, 'trend-micro'],
  [/zyxel/, 'zyxel'],
  [/huawei|^ooni\.es_1$/, 'huawei'],
  [/allot/, 'allot'],
];

/**
 * Entries we keep but only as supporting words (see `FieldBlockPage.strength`): the text
 * is printed by ordinary pages too — a CDN's own "Access Denied", a product's name in an
 * article, a bare word. Every OONI `vbw` entry is weak as well, and so is every Citizen Lab
 * entry whose own confidence (`confidence_no_fp`) is 6 or less.
 */
export const WEAK: Readonly<Record<string, string>> = {
  'cl.prod_cisco_opendns_forward': 'any ".opendns.com/" URL matches, the vendor’s own www.opendns.com too',
  'cl.prod_lightspeed_filter_forward': 'a redirect containing "/access?" is also an ordinary login or consent URL',
  'cp.a_prod_fortinet_2': 'the domain fortinet.net appears in ordinary pages (links, scripts)',
  'cp.a_prod_fortinet_7': '"Application Blocked" alone is a vague phrase',
  'cp.a_prod_paloalto_6': '"contact your system administrator" is printed by many ordinary error pages',
  'cp.a_prod_watchguard_2': 'a product name, also printed by its vendor’s and resellers’ pages',
  'cp.a_prod_trend_micro_interscan': '"Blocking rule" is a vague phrase',
  'cp.a_prod_guardiandns_satellite': 'a product name, also printed by its own site',
  'cp.a_prod_kaspersky_1': 'a product name, printed by reviews and shops',
  'cp.a_prod_kaspersky_2': 'a product name, printed by reviews and shops',
  'ooni.in_11': 'CDNs and web servers answer with an "Access Denied" title themselves',
  'ooni.kh_http_1': 'web servers answer "ERROR: Forbidden" themselves',
  'cp.d_corp_dk_statens_it': 'one Danish word ("blokeret"), also in ordinary Danish pages',
  'cp.d_corp_at_university_vienna': '"(Malware, Botnet, Phishing etc.)" also appears in security articles',
};

/**
 * Entries that are the *service's own* protection answering (a CDN challenge, a hosting
 * provider's or web application firewall's refusal): for our question — does the workplace
 * network stop this service? — that means the service answered. They join the guard.
 */
export const SERVICE_SIDE: Readonly<Record<string, string>> = {
  'ooni.in_6': 'Cloudflare’s "Please Wait…" browser check, served by the site’s CDN',
  'ooni.id_39': 'Cloudflare’s "Please Wait…" browser check, served by the site’s CDN',
  'ooni.mm_http_2': 'Cloudflare’s "Please Wait…" browser check, served by the site’s CDN',
  'ooni.hk_http_1': 'a CDN browser check ("One moment, please…") served for the site',
  'cp.a_prod_ddos_guard': 'DDoS-Guard protects the site itself',
  'cp.a_prod_sucurifw_1': 'Sucuri’s web application firewall protects the site itself',
  'cp.a_prod_sucurifw_2': 'Sucuri’s web application firewall protects the site itself',
  'cp.a_prod_webknight_firewall': 'WebKnight is a firewall inside the site’s own IIS server',
  'cp.a_prod_pantheon': 'Pantheon hosting shows "This site is locked" for its own customers’ sites',
  'cp.f_gen_request_rejected': 'the stock page of a web application firewall in front of the site',
  'cp.f_gen_blocked_19': 'the stock refusal of a web application firewall in front of the site ("Request unsuccessful.")',
};

/** Entries that are not block pages at all: sign-in portals (the control's sign-in rule handles those). */
export const EXCLUDED: Readonly<Record<string, string>> = {
  'ooni.my_1': 'a Wi-Fi sign-in portal, not a block page',
  'cl.inst_edu_my_uitm_captiveportal_login': 'a Wi-Fi sign-in portal, not a block page',
  'ooni.us_7': 'a Wi-Fi sign-in portal (WiFiDog login), not a block page',
  'ooni.vn_0': 'a Wi-Fi sign-in portal (Antlabs login), not a block page',
  'ooni.us_8': 'a Palo Alto user-identification sign-in portal (uid.php), not a block page',
  'ooni.zz_8': 'a DNS "unblocking" service that answers with its own proxy: it opens sites, it does not block them',
};
