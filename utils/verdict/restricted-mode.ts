import type { FetchObservation } from '../probe/types';
import type { ChannelVerdict, Restriction } from './types';
import { hostOf } from './domains';
import { evidenceOf } from './classify-observation';

/**
 * Network-enforced YouTube Restricted Mode and Google SafeSearch (docs/restricted-modes.md).
 * Google documents two ways for administrators to force them on a whole network: DNS
 * (answer YouTube's names with restrict.youtube.com / restrictmoderate.youtube.com, Google's
 * with forcesafesearch.google.com — support.google.com/a/answer/6214622 and
 * support.google.com/websearch/answer/186669) and, for YouTube, a proxy adding the request
 * header `YouTube-Restrict: Strict|Moderate`. The service stays reachable but restricted.
 */

/** The addresses Google gives those names (IPv4 and IPv6), and what each one enforces. */
const ENFORCING_ADDRESSES: Readonly<Record<string, { name: string; youtube: 'strict' | 'moderate' }>> = {
  // restrict.youtube.com and forcesafesearch.google.com share these.
  '216.239.38.120': { name: 'restrict.youtube.com / forcesafesearch.google.com', youtube: 'strict' },
  '2001:4860:4802:32::78': { name: 'restrict.youtube.com / forcesafesearch.google.com', youtube: 'strict' },
  '216.239.38.119': { name: 'restrictmoderate.youtube.com', youtube: 'moderate' },
  '2001:4860:4802:32::77': { name: 'restrictmoderate.youtube.com', youtube: 'moderate' },
};

/** The names Google's administrator page lists for YouTube's restriction. */
const YOUTUBE_HOSTS = new Set(['www.youtube.com', 'm.youtube.com', 'youtubei.googleapis.com', 'youtube.googleapis.com', 'www.youtube-nocookie.com']);
/** Google Search front ends (every country domain, with or without www). */
const GOOGLE_SEARCH_HOST = /^(www\.)?google\.(com|[a-z]{2}|com?\.[a-z]{2})$/;

/**
 * YouTube's own statements, in English (the catalog asks for `?hl=en`): the content-restrictions
 * check page (youtube.com/check_content_restrictions: "DNS restrictions are on", "HTTP header
 * restrictions are on", "Strict restricted for www.youtube.com…"), the notice under searches
 * ("…because Restricted Mode is enabled by your network administrator") and the player's
 * refusal ("…the network administrator restrictions"). Wording quoted in docs/restricted-modes.md.
 */
const VIA_DNS = /\bDNS restrictions are on\b/i;
const VIA_HEADER = /\bHTTP header restrictions are on\b/i;
const LEVEL = /\b(Strict|Moderate) restricted\b/i;
const BY_NETWORK = /Restricted Mode is enabled by your network administrator|check the Google Workspace administrator and\/or the network administrator restrictions/i;

const normalIp = (ip: string) => ip.toLowerCase().replace(/^\[|\]$/g, '');

function fromAddress(obs: FetchObservation): Restriction | undefined {
  const host = hostOf(obs.url);
  if (!host) return undefined;
  const addresses = [obs.ip, ...obs.redirects.map((r) => r.ip)].filter((a): a is string => !!a);
  for (const ip of addresses) {
    const vip = ENFORCING_ADDRESSES[normalIp(ip)];
    if (!vip) continue;
    const seen = `${host} resolved to ${ip} (${vip.name})`;
    if (YOUTUBE_HOSTS.has(host)) return { service: 'youtube', level: vip.youtube, via: 'dns', seen };
    if (GOOGLE_SEARCH_HOST.test(host) && vip.youtube === 'strict') return { service: 'google-search', via: 'dns', seen };
  }
  return undefined;
}

function fromYouTubePage(obs: FetchObservation): Restriction | undefined {
  const finalHost = hostOf(obs.finalUrl ?? obs.url);
  if (!finalHost || !YOUTUBE_HOSTS.has(finalHost) || !obs.bodySnippet) return undefined;
  const text = obs.bodySnippet.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
  const levelSeen = LEVEL.exec(text);
  const level = levelSeen?.[1]?.toLowerCase() as Restriction['level'];
  const dns = VIA_DNS.exec(text);
  const header = VIA_HEADER.exec(text);
  const network = BY_NETWORK.exec(text);
  const hit = dns ?? header ?? network;
  if (!hit) return undefined;
  const via = dns ? 'dns' : header ? 'header' : 'page';
  return { service: 'youtube', ...(level ? { level } : {}), via, seen: `YouTube's page says "${hit[0]}"${level && levelSeen ? ` ("${levelSeen[0]}")` : ''}` };
}

/**
 * The restriction a network enforces on this request, if any. The address rule needs the
 * address the request went to (`ip`): with an explicit proxy that is the proxy's, and only
 * YouTube's own page can tell (the check page names DNS or header enforcement).
 */
export function detectRestriction(obs: FetchObservation): Restriction | undefined {
  if (obs.status === undefined || obs.status >= 400) return undefined;
  return fromAddress(obs) ?? fromYouTubePage(obs);
}

const SERVICE_NAME = { youtube: 'YouTube', 'google-search': 'Google Search' } as const;
const MODE_NAME = { youtube: 'Restricted Mode', 'google-search': 'SafeSearch' } as const;
const VIA_WORDS = { dns: 'by DNS', header: 'by a proxy adding the YouTube-Restrict header', page: 'as YouTube itself reports' } as const;

/**
 * A reachable (or merely slow) channel whose answers show an enforced restriction becomes
 * `partial`, mechanism `restricted`: usable, but not as the customers use it. A blocked or
 * inconclusive verdict stays what it is.
 */
export function withRestriction(verdict: ChannelVerdict, fetches: readonly FetchObservation[]): ChannelVerdict {
  if (verdict.verdict !== 'reachable' && verdict.verdict !== 'throttled') return verdict;
  for (const obs of fetches) {
    const r = detectRestriction(obs);
    if (!r) continue;
    const reason: 'restricted-youtube-dns' | 'restricted-youtube-header' | 'restricted-youtube-page' | 'restricted-safesearch-dns' =
      r.service === 'google-search' ? 'restricted-safesearch-dns' : r.via === 'dns' ? 'restricted-youtube-dns' : r.via === 'header' ? 'restricted-youtube-header' : 'restricted-youtube-page';
    const level = r.level ? ` (${r.level})` : '';
    const detail = `${SERVICE_NAME[r.service]} answered, but the network forces its ${MODE_NAME[r.service]}${level} ${VIA_WORDS[r.via]}: ${r.seen}.`;
    return { ...verdict, verdict: 'partial', mechanism: 'restricted', reason, evidence: { ...evidenceOf(obs, detail), restriction: r } };
  }
  return verdict;
}
