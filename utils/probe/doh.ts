import type { DnsAnswer } from './types';
import { PROBE_REQUEST } from './request-init';

/**
 * Public resolvers asked over DNS-over-HTTPS (their JSON APIs: Cloudflare `cloudflare-dns.com/dns-query`
 * with `accept: application/dns-json`, Google Public DNS `dns.google/resolve`), in this order. They
 * stand in for OONI's control vantage point, which a browser does not have: what the name resolves to
 * outside this network's DNS. Only catalog host names are ever sent, never anything of the user.
 */
export const DOH_RESOLVERS: readonly { host: string; url: (name: string) => string; headers?: Record<string, string> }[] = [
  { host: 'cloudflare-dns.com', url: (n) => `https://cloudflare-dns.com/dns-query?name=${encodeURIComponent(n)}&type=A`, headers: { accept: 'application/dns-json' } },
  { host: 'dns.google', url: (n) => `https://dns.google/resolve?name=${encodeURIComponent(n)}&type=A` },
];

/** RFC 1035 RCODE 3 (NXDOMAIN) in the JSON API's `Status`. */
const NXDOMAIN = 3;
/** RR type A. */
const TYPE_A = 1;

interface DohJson {
  Status?: number;
  Answer?: { type?: number; data?: string }[];
}

/**
 * Ask the public resolvers in turn; the first that answers decides. No address at all (NXDOMAIN, or a
 * name with no A record) is `nxdomain`: the name leads nowhere for anyone. If none answers (DoH
 * blocked too, or offline), `unreachable` with each resolver's error, so a DNS verdict says it is
 * unconfirmed.
 */
export async function resolvePublicly(name: string, fetchImpl: typeof fetch = fetch, timeoutMs = 3000): Promise<DnsAnswer> {
  const errors: string[] = [];
  for (const resolver of DOH_RESOLVERS) {
    try {
      const response = await fetchImpl(resolver.url(name), {
        ...PROBE_REQUEST,
        ...(resolver.headers ? { headers: resolver.headers } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const json = (await response.json()) as DohJson;
      if (json.Status === NXDOMAIN) return { status: 'nxdomain', addresses: [], source: resolver.host };
      if (json.Status !== 0) throw new Error(`DNS status ${json.Status}`);
      const addresses = (json.Answer ?? []).filter((a) => a.type === TYPE_A && typeof a.data === 'string').map((a) => a.data as string);
      return { status: addresses.length ? 'ok' : 'nxdomain', addresses, source: resolver.host };
    } catch (error) {
      errors.push(`${resolver.host}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { status: 'unreachable', addresses: [], source: 'public resolvers', error: errors.join('; ') };
}
