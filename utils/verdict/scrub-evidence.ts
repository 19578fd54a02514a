import { evidenceUrl, scrubText } from '../probe/evidence-url';
import type { ChannelVerdict, Evidence, ServiceVerdict, ThroughputEvidence } from './types';

/**
 * The guard for records made before evidence URLs were reduced at the probe
 * (docs/privacy.md): every URL and every sentence of a verdict's evidence loses its
 * query strings and fragments. Idempotent, so it runs wherever a verdict is stored,
 * shown, exported or uploaded.
 */
export function scrubEvidence(evidence: Evidence): Evidence {
  return {
    ...evidence,
    url: evidenceUrl(evidence.url),
    ...(evidence.redirects ? { redirects: evidence.redirects.map((r) => ({ ...r, from: evidenceUrl(r.from), to: evidenceUrl(r.to) })) } : {}),
    ...(evidence.fingerprint ? { fingerprint: { ...evidence.fingerprint, matched: scrubText(evidence.fingerprint.matched) } } : {}),
    ...(evidence.throughput ? { throughput: scrubThroughput(evidence.throughput) } : {}),
    ...(evidence.call ? { call: { ...evidence.call, url: evidenceUrl(evidence.call.url), detail: scrubText(evidence.call.detail) } } : {}),
    detail: scrubText(evidence.detail),
  };
}

export function scrubChannelVerdict(channel: ChannelVerdict): ChannelVerdict {
  return { ...channel, evidence: scrubEvidence(channel.evidence) };
}

export function scrubServiceVerdict<T extends ServiceVerdict>(verdict: T): T {
  return { ...verdict, channels: verdict.channels.map(scrubChannelVerdict) };
}

function scrubThroughput(t: ThroughputEvidence): ThroughputEvidence {
  return {
    ...t,
    service: { ...t.service, url: evidenceUrl(t.service.url) },
    ...(t.control ? { control: { ...t.control, url: evidenceUrl(t.control.url) } } : {}),
  };
}
