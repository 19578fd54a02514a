/**
 * Multi-label public suffixes common enough to matter for the services we probe.
 * Deliberately small (no Public Suffix List dependency): a miss only makes two hosts
 * of different owners under an unlisted suffix look "same site", which can hide a
 * foreign redirect but never invents a block.
 */
const MULTI_LABEL_SUFFIXES: ReadonlySet<string> = new Set([
  // United Kingdom, Australia, New Zealand, South Africa
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'me.uk', 'net.uk', 'ltd.uk', 'plc.uk',
  'com.au', 'net.au', 'org.au', 'edu.au', 'gov.au', 'co.nz', 'org.nz', 'co.za',
  // France
  'gouv.fr', 'asso.fr', 'nom.fr', 'presse.fr',
  // Americas
  'com.br', 'net.br', 'org.br', 'gov.br', 'com.mx', 'com.ar', 'com.co', 'com.pe',
  // Asia
  'co.jp', 'ne.jp', 'or.jp', 'ac.jp', 'go.jp', 'co.kr', 'or.kr', 'com.cn', 'net.cn', 'org.cn',
  'com.hk', 'com.tw', 'com.sg', 'com.my', 'co.id', 'co.in', 'net.in', 'org.in', 'co.th', 'com.vn', 'com.ph',
  // Europe, Middle East, Africa
  'com.tr', 'com.ua', 'com.pl', 'co.il', 'com.eg', 'com.sa', 'co.ke', 'com.ng',
  // Shared hosting where each subdomain is a different owner
  'github.io', 'blogspot.com', 'appspot.com',
]);

/** Lower-case, without a trailing dot or IPv6 brackets. */
function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '').replace(/^\[(.*)\]$/, '$1');
}

const isIpLiteral = (host: string): boolean => /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');

/**
 * The registrable domain (eTLD+1) of a host: `www.bbc.co.uk` → `bbc.co.uk`,
 * `consent.youtube.com` → `youtube.com`. IP literals and single labels are returned as is.
 */
export function registrableDomain(host: string): string {
  const h = normalizeHost(host);
  if (isIpLiteral(h)) return h;
  const labels = h.split('.');
  if (labels.length <= 2) return h;
  const lastTwo = labels.slice(-2).join('.');
  return labels.slice(MULTI_LABEL_SUFFIXES.has(lastTwo) ? -3 : -2).join('.');
}

/** True when `host` is `domain` or one of its subdomains. */
export function isWithinDomain(host: string, domain: string): boolean {
  const h = normalizeHost(host);
  const d = normalizeHost(domain);
  return h === d || h.endsWith(`.${d}`);
}

/**
 * Whether two hosts belong to the same site: same registrable domain, or both inside
 * the service's declared `domains` (e.g. `youtube.com` and `google.com` for YouTube),
 * so a redirect between them is the service's own business, not a filter's.
 */
export function isSameSite(hostA: string, hostB: string, serviceDomains: readonly string[] = []): boolean {
  if (registrableDomain(hostA) === registrableDomain(hostB)) return true;
  const inService = (host: string) => serviceDomains.some((d) => isWithinDomain(host, d));
  return inService(hostA) && inService(hostB);
}

/** Host of a URL, or undefined when it does not parse. */
export function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}
