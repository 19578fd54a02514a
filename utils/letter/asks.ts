import type { Population, UsageFigure } from '../catalog/types';
import { usageFor } from '../catalog/usage';
import type { ReportService } from '../report/types';
import type { ChannelVerdict, Mechanism, Verdict } from '../verdict/types';

/**
 * What to ask IT for one service, derived from how it was found blocked, so the request is one a
 * network team can act on without a meeting: which host, which rule, for whom.
 * - `allow-site`: the page is blocked (DNS, TCP, proxy, block page…): allow the site read-only.
 * - `review-policy`: a browser policy (URLBlocklist) blocks it: take it off the managed blocklist.
 * - `exempt-tls`: TLS inspection breaks it: exempt the site from decryption (vendors document
 *   "do not decrypt" lists for exactly such services).
 * - `allow-media`: the page works but its media host is blocked.
 * - `raise-bandwidth`: the media host is throttled: raise the video bandwidth limit.
 * - `allow-realtime`: chat (WebSocket) is blocked.
 * - `allow-calls`: call servers (STUN/TURN) do not answer: allow WebRTC to the service's relays.
 * - `lift-restriction`: the network forces a restricted mode (YouTube, SafeSearch).
 */
export type AskKind = 'allow-site' | 'review-policy' | 'exempt-tls' | 'allow-media' | 'raise-bandwidth' | 'allow-realtime' | 'allow-calls' | 'lift-restriction';

export interface ServiceAsk {
  serviceId: string;
  name: string;
  category: string;
  verdict: Verdict;
  kind: AskKind;
  /** The host the ask names (the page's site, or the media/chat host), without `www.`. */
  host: string;
  /** The channel the evidence line is about. */
  channel: ChannelVerdict['channel'];
  mechanism?: Mechanism;
  /** Vendor of the filter whose block page answered, when one was recognised. */
  vendor?: string;
  /** The sourced figure for the population, or undefined: never a figure without its source. */
  usage?: UsageFigure;
}

export interface LetterFindings {
  asks: ServiceAsk[];
  /** Probed but inconclusive: listed apart as "could not be checked", never asked for. */
  uncheckable: { serviceId: string; name: string }[];
}

const ASKED: readonly Verdict[] = ['blocked', 'throttled', 'partial'];

/** The host an ask names: a URL's host without `www.`, or a STUN/TURN server's (`turn:host:port`). */
export function hostOf(url: string): string {
  const ice = /^(?:stuns?|turns?):\[?([^\]?:/]+)/i.exec(url);
  if (ice?.[1]) return ice[1];
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** The channel that decided the service's verdict: the blocked page, else the degraded channel. */
function decidingChannel(s: ReportService): ChannelVerdict | undefined {
  const page = s.channels.find((c) => c.channel === 'page');
  if (s.verdict === 'blocked') return page?.verdict === 'blocked' ? page : s.channels.find((c) => c.verdict === 'blocked');
  if (s.verdict === 'throttled') return s.channels.find((c) => c.verdict === 'throttled');
  if (s.mechanism === 'restricted') return s.channels.find((c) => c.mechanism === 'restricted') ?? page;
  return s.channels.find((c) => c.channel !== 'page' && (c.verdict === 'blocked' || c.verdict === 'throttled')) ?? page;
}

function kindOf(s: ReportService, c: ChannelVerdict): AskKind {
  if (s.mechanism === 'restricted' || c.mechanism === 'restricted') return 'lift-restriction';
  if (c.verdict === 'throttled') return 'raise-bandwidth';
  if (c.channel === 'media') return 'allow-media';
  if (c.channel === 'realtime') return c.evidence.call ? 'allow-calls' : 'allow-realtime';
  if (c.mechanism === 'policy') return 'review-policy';
  if (c.mechanism === 'tls') return 'exempt-tls';
  return 'allow-site';
}

/**
 * The letter's findings from a report: one ask per blocked, throttled or restricted service, most
 * used first (a service without a figure after those with one), and the services that could not
 * be checked. Retired services are never in a report (they are never probed), so never asked for.
 */
export function letterFindings(services: readonly ReportService[], population: Population): LetterFindings {
  const asks: ServiceAsk[] = [];
  const uncheckable: LetterFindings['uncheckable'] = [];
  for (const s of services) {
    if (s.verdict === 'inconclusive') uncheckable.push({ serviceId: s.id, name: s.name });
    if (!ASKED.includes(s.verdict)) continue;
    const c = decidingChannel(s);
    if (!c) continue;
    const usage = usageFor(s, population);
    const mechanism = c.mechanism ?? s.mechanism;
    asks.push({
      serviceId: s.id,
      name: s.name,
      category: s.category,
      verdict: s.verdict,
      kind: kindOf(s, c),
      host: hostOf(c.evidence.url),
      channel: c.channel,
      ...(mechanism ? { mechanism } : {}),
      ...(c.evidence.fingerprint ? { vendor: c.evidence.fingerprint.vendor } : {}),
      ...(usage ? { usage } : {}),
    });
  }
  const share = (a: ServiceAsk) => a.usage?.share ?? -1;
  asks.sort((a, b) => share(b) - share(a) || a.name.localeCompare(b.name));
  uncheckable.sort((a, b) => a.name.localeCompare(b.name));
  return { asks, uncheckable };
}
