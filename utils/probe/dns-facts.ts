import type { DnsAnswer, FetchObservation } from './types';

/** Browser errors that mean the name did not resolve (Chromium, Firefox). */
const DNS_ERRORS = new Set(['ERR_NAME_NOT_RESOLVED', 'ERR_NAME_RESOLUTION_FAILED', 'NS_ERROR_UNKNOWN_HOST']);
/**
 * Errors that happen before or beside any address of the service: a proxy in between (it resolves
 * names itself), a local decision, our own abort, the machine going offline, a redirect loop. The
 * local DNS answer says nothing about those.
 */
const NOT_ABOUT_THE_ADDRESS = /PROXY|TUNNEL|BLOCKED_BY|ABORTED|ABORT$|INTERNET_DISCONNECTED|NETWORK_CHANGED|TOO_MANY_REDIRECTS|REDIRECT_LOOP/;

export interface DnsLookups {
  /** This machine's resolver (browser DNS API); undefined where the browser has none. */
  local?: (host: string) => Promise<DnsAnswer>;
  /** Public resolvers over DNS-over-HTTPS (`resolvePublicly`). */
  public: (host: string) => Promise<DnsAnswer>;
}

/**
 * Add the DNS facts a failed probe needs to be judged on a real network (docs/verdicts-on-real-networks.md):
 * after a DNS failure, what public resolvers say (confirmed block, or a name gone for everyone);
 * after a connection-level failure, what this machine's resolver said (a sinkhole shows there, since
 * browsers give no address with a connection error) and, if it answered, the public answer to compare.
 * The host asked is the one that failed: the last redirect hop's, not necessarily the catalog URL's.
 */
export async function addDnsFacts(obs: FetchObservation, lookups: DnsLookups): Promise<FetchObservation> {
  if (obs.status !== undefined || !obs.netError || obs.timedOut) return obs;
  const code = obs.netError.trim().replace(/^net::/, '').toUpperCase();
  const host = hostOf(obs.redirects.at(-1)?.to ?? obs.url);
  if (!host || isIpLiteral(host)) return obs;
  if (DNS_ERRORS.has(code)) return { ...obs, publicDns: await lookups.public(host) };
  if (NOT_ABOUT_THE_ADDRESS.test(code) || !lookups.local) return obs;
  const localDns = await lookups.local(host);
  if (localDns.status !== 'ok') return { ...obs, localDns };
  return { ...obs, localDns, publicDns: await lookups.public(host) };
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return undefined;
  }
}

const isIpLiteral = (host: string) => /^[\d.]+$/.test(host) || host.includes(':');
