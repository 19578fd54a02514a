import { browser } from 'wxt/browser';
import type { DnsAnswer } from '../probe/types';

/** Firefox's `dns.resolve` result (MDN: browser.dns.resolve). */
interface FirefoxDnsRecord {
  addresses: string[];
}
/** Chromium's `dns.resolve` result: one address, `resultCode` 0 on success (a net error code otherwise). */
interface ChromiumDnsInfo {
  resultCode: number;
  address?: string;
}
/** The part of `browser.dns` we use, in either browser's shape. */
export interface BrowserDnsApi {
  resolve(host: string): Promise<FirefoxDnsRecord | ChromiumDnsInfo>;
}
/** Chromium's net error for a name that does not resolve (net_error_list.h, -105). */
const ERR_NAME_NOT_RESOLVED = -105;

/**
 * This machine's resolver, through the browser's DNS API: Firefox's `dns.resolve` (permission `dns`),
 * or Chromium's `dns.resolve`, which Google Chrome exposes on its Dev channel only (Debian's Chromium
 * build exposes it too). Undefined where neither exists: then a sinkhole is seen only when the request
 * got an answer (webRequest `ip`), never from a connection error alone (docs/verdicts-on-real-networks.md).
 */
export function localResolver(api: BrowserDnsApi | undefined = (browser as unknown as { dns?: BrowserDnsApi }).dns): ((host: string) => Promise<DnsAnswer>) | undefined {
  if (!api?.resolve) return undefined;
  return async (host) => {
    try {
      const result = await api.resolve(host);
      if ('addresses' in result) return { status: result.addresses.length ? 'ok' : 'nxdomain', addresses: result.addresses, source: 'local' };
      if (result.resultCode === 0 && result.address) return { status: 'ok', addresses: [result.address], source: 'local' };
      const status = result.resultCode === ERR_NAME_NOT_RESOLVED ? 'nxdomain' : 'unreachable';
      return { status, addresses: [], source: 'local', error: `resultCode ${result.resultCode}` };
    } catch (error) {
      // Firefox rejects with NS_ERROR_UNKNOWN_HOST for a name that does not exist.
      const text = error instanceof Error ? error.message : String(error);
      return { status: /UNKNOWN_HOST/i.test(text) ? 'nxdomain' : 'unreachable', addresses: [], source: 'local', error: text };
    }
  };
}
