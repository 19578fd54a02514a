/**
 * squidGuard, the URL filter many squid installations run as their redirector: a blocked
 * request is answered with a redirect to the block page named by the `redirect` rule, where
 * squidGuard substitutes `%a` (client IP address), `%n` (client domain name), `%i` (user id:
 * RFC 931, LDAP or SQL), `%s` (source group), `%t` (destination group) and `%u` (requested URL)
 * — squidGuard's documentation "The Redirect Rule" (squidguard.org/Doc/redirect.html); the usual
 * rule, as packaged for instance by SynoCommunity's squidguard.conf, is
 * `…/squidGuard.cgi?clientaddr=%a&clientname=%n&clientuser=%i&clientgroup=%s&targetgroup=%t&url=%u`.
 * So the employee's address, machine and Windows user name travel in the block page's query
 * string, and the sample CGI squidGuard ships prints them back in the page (docs/privacy.md).
 */
export const SQUIDGUARD_CLIENT = {
  /** `%a`: the employee's workstation address. */
  addr: '10.1.2.3',
  /** `%n`: the workstation's name. */
  name: 'PC-JDOE',
  /** `%i`: the Windows user (DOMAIN\user), as an NTLM-authenticating proxy knows it. */
  user: 'CORP\\jdoe',
  /** `%s`: the source group the user falls in. */
  group: 'finance-staff',
  /** `%t`: the destination group that matched. */
  target: 'socialnet',
} as const;

/** Every value above that identifies the employee, in the forms it may take once stored or shown. */
export const SQUIDGUARD_PERSONAL_VALUES: readonly string[] = [
  SQUIDGUARD_CLIENT.addr,
  SQUIDGUARD_CLIENT.name,
  'jdoe',
  SQUIDGUARD_CLIENT.group,
  encodeURIComponent(SQUIDGUARD_CLIENT.user),
];

/** The Location of squidGuard's redirect for `url`, with the documented substitutions filled in. */
export function squidGuardRedirect(blockPage: { host: string; path: string }, url: string): string {
  const c = SQUIDGUARD_CLIENT;
  // squidGuard substitutes values as they are; %5C is how the backslash of DOMAIN\user reaches the URL.
  const query = `clientaddr=${c.addr}&clientname=${c.name}&clientuser=${encodeURIComponent(c.user)}&clientgroup=${c.group}&targetgroup=${c.target}&url=${url}`;
  return `https://${blockPage.host}${blockPage.path}?${query}`;
}

const IMAGE = /\.(gif|jpg|jpeg|mpg|mpeg|avi|mov)$/i;
/** A 1×1 GIF: the sample CGI answers blocked images with an image, so pages do not show a broken one. */
const BLOCKED_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * The block page squidGuard's sample CGI renders from the redirect's query: title "302 Access
 * denied", and a table of what it was told — client address, client name, user, client group,
 * URL and target class. Written in our words after the CGI's layout; an image URL gets an image.
 */
// Typed by shape: pages.ts, which serves this page, owns `LabAnswer` (importing it would be a cycle).
export function squidGuardPage(pageUrl: string): { status: number; headers: Record<string, string>; body: string | Buffer } {
  const query = pageUrl.includes('?') ? pageUrl.slice(pageUrl.indexOf('?') + 1) : '';
  // The CGI takes `url=` and everything after it as the URL (it is not encoded by squidGuard).
  const urlAt = query.indexOf('url=');
  const target = urlAt >= 0 ? query.slice(urlAt + 4) : '';
  const params = new URLSearchParams(urlAt >= 0 ? query.slice(0, urlAt) : query);
  if (IMAGE.test(target)) return { status: 200, headers: { 'content-type': 'image/gif' }, body: BLOCKED_GIF };
  const rows = [
    ['Client address', params.get('clientaddr')],
    ['Client name', params.get('clientname')],
    ['User ident', params.get('clientuser')],
    ['Client group', params.get('clientgroup')],
    ['URL', target],
    ['Target class', params.get('targetgroup')],
  ]
    .filter((row): row is [string, string] => Boolean(row[1]))
    .map(([k, v]) => `<tr><th>${k}</th><td>=</td><td>${escapeHtml(v)}</td></tr>`)
    .join('');
  const body = `<!doctype html><html><head><title>302 Access denied</title></head><body><h1>Access denied</h1><table><tr><th>Supplementary info</th><td>:</td><td></td></tr>${rows}</table><p>If this is wrong, contact your network administrator.</p></body></html>\n`;
  return { status: 200, headers: { 'content-type': 'text/html' }, body };
}
