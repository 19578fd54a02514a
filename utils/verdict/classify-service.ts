import type { ChannelVerdict, ServiceVerdict } from './types';

/**
 * Combine a service's channel verdicts. The page decides first: a blocked page blocks
 * the service; a reachable page with a blocked media or realtime channel is `partial`
 * (filters often allow a landing page and block its media — Citizen Lab lists probe
 * CDN sub-resources for that reason). Inconclusive secondaries never downgrade a
 * reachable service: absence of evidence is not evidence of blocking.
 */
export function classifyService(serviceId: string, channelVerdicts: readonly ChannelVerdict[]): ServiceVerdict {
  const channels = [...channelVerdicts];
  const page = channels.find((c) => c.channel === 'page');
  const others = channels.filter((c) => c.channel !== 'page');
  const firstBlocked = others.find((c) => c.verdict === 'blocked');
  const result = (verdict: ServiceVerdict['verdict'], from?: ChannelVerdict): ServiceVerdict => ({
    serviceId,
    verdict,
    ...(from?.mechanism ? { mechanism: from.mechanism } : {}),
    channels,
  });

  if (page) {
    if (page.verdict === 'blocked') return result('blocked', page);
    if (page.verdict === 'inconclusive') return result('inconclusive');
    // A usable-but-slow page with a blocked channel: the blocked channel is the stronger finding.
    if (firstBlocked) return result('partial', firstBlocked);
    // A page the network forces into a restricted mode (docs/restricted-modes.md).
    if (page.verdict === 'partial') return result('partial', page);
    if (page.verdict === 'throttled') return result('throttled', page);
    // Throttling is measured on media downloads, so a throttled secondary throttles the service.
    const throttled = others.find((c) => c.verdict === 'throttled');
    if (throttled) return result('throttled', throttled);
    return result('reachable');
  }

  // No page channel: judge from the others alone.
  const decisive = others.filter((c) => c.verdict !== 'inconclusive');
  if (decisive.length === 0) return result('inconclusive');
  if (firstBlocked) return result(decisive.every((c) => c.verdict === 'blocked') ? 'blocked' : 'partial', firstBlocked);
  const throttled = decisive.find((c) => c.verdict === 'throttled');
  if (throttled) return result('throttled', throttled);
  return result('reachable');
}
