/**
 * Browser product name and major version for reports: the product, never the
 * machine (no platform string, no full user agent).
 */
export function browserInfo(ua: string = navigator.userAgent): { name: string; version: string } {
  const firefox = /Firefox\/(\d+)/.exec(ua);
  if (firefox) return { name: 'Firefox', version: firefox[1] ?? '' };
  const edge = /Edg\/(\d+)/.exec(ua);
  if (edge) return { name: 'Edge', version: edge[1] ?? '' };
  const chrome = /(?:Chrome|Chromium)\/(\d+)/.exec(ua);
  if (chrome) return { name: /Chromium|HeadlessChrome/.test(ua) ? 'Chromium' : 'Chrome', version: chrome[1] ?? '' };
  return { name: 'unknown', version: '' };
}
