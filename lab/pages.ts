import { squidGuardPage } from './squidguard';
import type { BlockPageVendor } from './types';

/**
 * Bodies the lab serves. Block pages are written in our own words around the vendor facts listed in
 * docs/methodology.md (product names, redirect hosts and paths, headers); nothing is copied
 * from the fingerprint repositories, whose licences forbid it.
 */
export interface LabAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

const html = (title: string, inner: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${inner}</body></html>\n`;

/** The normal answer of a stand-in service: a small page whose title names the service. */
export function okPage(name: string, host: string, path: string): LabAnswer {
  const body = html(`${name} (lab)`, `<h1>${name}</h1><p>Lab stand-in for ${host}${path}</p>`);
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', server: 'lab-service' }, body };
}

/** A 1×1 transparent PNG: media channels get bytes that look like an image. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const MEDIA_TYPES: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', ico: 'image/x-icon', webp: 'image/webp',
  webm: 'video/webm', mp4: 'video/mp4',
};

/** Media-looking paths (by extension) get image bytes, padded to `size` when asked (throughput tests). */
export function mediaAnswer(path: string, size?: number): LabAnswer | undefined {
  const ext = /\.([a-z0-9]+)$/.exec(path.split('?')[0] ?? '')?.[1] ?? '';
  const type = MEDIA_TYPES[ext];
  if (!type) return undefined;
  const body = size && size > PNG.length ? Buffer.concat([PNG, Buffer.alloc(size - PNG.length)]) : PNG;
  return { status: 200, headers: { 'content-type': type, server: 'lab-service' }, body };
}

/** What the real connectivity-check endpoints answer, so the product's control logic sees the real thing. */
export function controlAnswer(path: string): LabAnswer {
  const text = (body: string) => ({ status: 200, headers: { 'content-type': 'text/plain' }, body });
  if (path.startsWith('/generate_204')) return { status: 204, headers: {}, body: '' };
  // Cloudflare's speed-test download (the throughput control): exactly `bytes` bytes.
  if (path.startsWith('/__down')) {
    const bytes = Math.min(Number(new URL(path, 'https://lab.test').searchParams.get('bytes')) || 0, 64 * 1024 * 1024);
    return { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(bytes) };
  }
  if (path.startsWith('/success.txt')) return text('success\n');
  if (path.startsWith('/connecttest.txt')) return text('Microsoft Connect Test');
  return { status: 200, headers: { 'content-type': 'text/html' }, body: '<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>' };
}

/** The service's own refusal (no proxy headers): must NOT be classified as a block. */
export function service403(name: string): LabAnswer {
  const body = html(`Forbidden · ${name}`, `<h1>Sorry, this page isn't available.</h1><p>${name} could not show this content.</p>`);
  return { status: 403, headers: { 'content-type': 'text/html; charset=utf-8', server: 'lab-service' }, body };
}

export function loginPage(name: string): LabAnswer {
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html(`Log in · ${name}`, '<form><input name="user"></form>') };
}

/** Where each vendor's redirect-style block lands (stand-ins for the vendors' real portals). */
export const BLOCK_PAGE_REDIRECTS: Record<BlockPageVendor, { host: string; path: string }> = {
  zscaler: { host: 'gateway.zscaler.net', path: '/block.html' },
  fortinet: { host: 'fortiguard.corp-gw.example', path: '/fgd/block' },
  paloalto: { host: 'panfw.corp-gw.example', path: '/php/urlblock.php' },
  squid: { host: 'proxy.corp-gw.example', path: '/cgi-bin/squidGuard.cgi' },
  'generic-fr': { host: 'filtrage.corp-gw.example', path: '/bloque.html' },
  'unknown-fr': { host: 'passerelle.reseau-interne.example', path: '/refus' },
  squidguard: { host: 'filter.corp-gw.example', path: '/cgi-bin/squidGuard.cgi' },
};

/** A realistic block page of `vendor` for `url`. */
export function blockPage(vendor: BlockPageVendor, url: string): LabAnswer {
  const type = { 'content-type': 'text/html; charset=utf-8' };
  switch (vendor) {
    case 'squidguard':
      return squidGuardPage(url);
    case 'zscaler':
      return { status: 200, headers: type, body: html('Website blocked', `<h1>Website blocked</h1><p>Your organization's policy does not allow access to <b>${url}</b>.</p><p>If you believe this is a mistake, contact your IT help desk.</p><footer>Internet Security by Zscaler</footer>`) };
    case 'fortinet':
      return { status: 200, headers: type, body: html('Web Filter Violation', `<h1>FortiGuard Intrusion Prevention - Access Blocked</h1><h2>Web Page Blocked</h2><p>The page you have requested, ${url}, has been blocked because the URL category is not permitted by your organization.</p><p>Powered By FortiGuard</p>`) };
    case 'paloalto':
      return { status: 200, headers: type, body: html('Web Page Blocked', `<h1>Web Page Blocked</h1><p>Access to the web page you were trying to visit has been blocked in accordance with company policy. Please contact your system administrator if you believe this is in error.</p><p><b>URL:</b> ${url}<br><b>Category:</b> social-networking</p>`) };
    case 'squid':
      // Squid's own denial: a 403 with its signature headers (docs/what-the-browser-sees.md, observed squid/5.7).
      return { status: 403, headers: { ...type, server: 'squid/5.7', 'x-squid-error': 'ERR_ACCESS_DENIED 0', via: '1.1 lab-proxy (squid/5.7)' }, body: html('ERROR: The requested URL could not be retrieved', `<h1>ERROR</h1><h2>The requested URL could not be retrieved</h2><p>The following error was encountered while trying to retrieve the URL: <a href="${url}">${url}</a></p><blockquote><b>Access Denied.</b></blockquote><p>Access control configuration prevents your request from being allowed at this time.</p><p>Generated by lab-proxy (squid/5.7)</p>`) };
    case 'unknown-fr':
      // Injected in place by a gateway none of our or OONI's fingerprints know: no product name,
      // no stock sentence; only "non autorisé" in the title and "votre service informatique".
      return { status: 200, headers: type, body: html('Site non autorisé', `<div class="bandeau"><h1>Site non autorisé</h1><p>La consultation de <b>${url}</b> n'est pas permise depuis ce poste (catégorie : vidéo en ligne).</p><p>Pour demander une exception, contactez votre service informatique en précisant l'adresse ci-dessus.</p><p class="ref">Réf. 7F3A-21</p></div>`) };
    case 'generic-fr':
      return { status: 200, headers: type, body: html('Accès refusé', `<h1>Accès refusé</h1><p>L'accès au site <b>${url}</b> est bloqué par la politique de sécurité de votre entreprise.</p><p>Catégorie : réseaux sociaux. Si vous pensez qu'il s'agit d'une erreur, contactez le support informatique.</p>`) };
  }
}
