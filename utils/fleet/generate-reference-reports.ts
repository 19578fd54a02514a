import referenceJson from '../catalog/reference.json';
import type { Catalog, ServiceEntry } from '../catalog/schema';
import { parseIceServerUrl } from '../catalog/ice-url';
import { probedServices } from '../audit/plan';
import { evidenceUrl } from '../probe/evidence-url';
import { buildReport } from '../report/build-report';
import type { Report } from '../report/types';
import type { ChannelVerdict, Evidence, Mechanism, ServiceVerdict, Verdict } from '../verdict/types';
import { seededRandom } from './generate-reports';

const reference = referenceJson as unknown as Catalog;
const SITES = ['Paris HQ', 'Lyon', 'Lille', 'Remote'] as const;

/** A way a channel is blocked, with the evidence a real probe records for it (reason keys are utils/verdict's). */
const BLOCKS: { mechanism: Mechanism; reason: string; evidence(url: string, host: string): Partial<Evidence> }[] = [
  { mechanism: 'dns', reason: 'dns-sinkhole', evidence: (_, host) => ({ netError: 'net::ERR_CONNECTION_REFUSED', detail: `${host} resolved to 0.0.0.0 (sinkhole: an unroutable address) and the service did not answer from there; public resolvers (cloudflare-dns.com) resolve it to 104.16.132.229, 104.16.133.229.` }) },
  { mechanism: 'proxy', reason: 'proxy-denied', evidence: () => ({ status: 403, detail: 'A proxy answered HTTP 403 instead of the service (header x-squid-error: ERR_ACCESS_DENIED 0, squid error ERR_ACCESS_DENIED).' }) },
  {
    mechanism: 'block-page', reason: 'block-page-vendor',
    evidence: (_, host) => ({
      status: 200, finalHost: host, fingerprint: { id: 'fortinet', vendor: 'Fortinet FortiGuard', matched: 'text "Powered By FortiGuard"' },
      detail: `${host} answered with a block page of Fortinet FortiGuard (text "Powered By FortiGuard"), not the service's own content.`,
    }),
  },
  { mechanism: 'tcp', reason: 'tcp-reset', evidence: (_, host) => ({ netError: 'net::ERR_CONNECTION_RESET', detail: `The request to ${host} failed: the connection was reset (a filter often injects the reset) (net::ERR_CONNECTION_RESET).` }) },
];

const timings = (random: () => number, slow = 1) => {
  const headersMs = Math.round((40 + random() * 400) * slow);
  return { headersMs, totalMs: headersMs + Math.round(random() * 200), queuedMs: Math.round(random() * 30) };
};

/** One channel's verdict with the evidence its probe would have recorded. */
function channelVerdict(channel: ChannelVerdict['channel'], url: string, blocked: (typeof BLOCKS)[number] | undefined, random: () => number, call?: string): ChannelVerdict {
  const host = /^[a-z]+:\/\/([^/:]+)/.exec(url)?.[1] ?? url;
  const probed = evidenceUrl(url);
  if (blocked) {
    return { channel, verdict: 'blocked', mechanism: blocked.mechanism, reason: blocked.reason, evidence: { url: probed, timings: timings(random), detail: '', ...blocked.evidence(probed, host) } };
  }
  const evidence: Evidence = {
    url: probed, status: channel === 'realtime' && url.startsWith('wss:') ? 101 : 200, finalHost: host, timings: timings(random),
    redirects: channel === 'page' && random() < 0.3 ? [{ from: probed, to: `${probed.replace(/\/?$/, '/')}en/`, status: 301, ip: '142.250.179.78' }] : [],
    detail: `${host} answered HTTP ${channel === 'realtime' ? 'with an open WebSocket' : 200} with its own content.`,
  };
  if (channel === 'media') {
    const side = (u: string, kBps: number) => ({ url: u, kBps, samples: 12, downloads: 3, bytes: 3_145_728, judgedBytes: 2_621_440, burstBytes: 524_288, ttfbMs: Math.round(30 + random() * 90) });
    const service = 2000 + random() * 6000;
    const control = 2500 + random() * 6000;
    evidence.throughput = { outcome: 'not-throttled', reason: 'comparable', service: side(probed, Math.round(service)), control: side('https://control.accessgap.example/1mb.bin', Math.round(control)), ratio: +(service / control).toFixed(3), fraction: 0.5 };
  }
  const server = call ? parseIceServerUrl(call) : undefined;
  if (call) {
    evidence.call = {
      url: call, ...(server ? { server } : {}), verdict: 'reachable', reason: 'call-srflx', candidateTypes: ['host', 'srflx'], errors: [], answerMs: Math.round(20 + random() * 80),
      detail: `${server?.host ?? call} answered our STUN binding request and gave this network's public address: calls can reach it.`,
    };
  }
  return { channel, verdict: 'reachable', reason: channel === 'realtime' ? 'ws-open' : 'ok', evidence };
}

/** The service's verdicts: each site blocks some services, mostly on their page channel. */
function serviceVerdict(service: ServiceEntry, site: number, index: number, random: () => number): ServiceVerdict {
  const r = random();
  const blockedOdds = ((site + index) % 4) * 0.2;
  const block = r < blockedOdds ? BLOCKS[(site + index) % BLOCKS.length] : undefined;
  const channels = (Object.entries(service.channels) as [string, string | undefined][])
    .flatMap(([channel, url]) => (url && channel !== 'call' ? [channelVerdict(channel as ChannelVerdict['channel'], url, channel === 'page' ? block : undefined, random, channel === 'realtime' ? service.channels.call : undefined)] : []));
  // Only a call server: the realtime channel carries the call's finding.
  if (!channels.length && service.channels.call) channels.push(channelVerdict('realtime', service.channels.call, block, random, service.channels.call));
  const verdict: Verdict = block ? 'blocked' : r > 0.97 ? 'inconclusive' : r > 0.93 ? 'throttled' : 'reachable';
  const [first] = channels;
  if (first && (verdict === 'inconclusive' || verdict === 'throttled')) channels[0] = { ...first, verdict, reason: verdict === 'throttled' ? 'throughput-below-control' : 'aborted' };
  return { serviceId: service.id, verdict, ...(block ? { mechanism: block.mechanism } : {}), channels };
}

/**
 * `count` reports shaped like the extension's own uploads (bench and tests of the
 * collector at real size): an audit of the reference catalog (its services and usage
 * figures, with sources), every channel with the evidence a probe records (timings,
 * redirects, block pages, throughput, call answers), assembled by the extension's
 * `buildReport`, so they carry what real reports carry (control checks, the gap per
 * population with its service ids). About 60 kB each. Generated, deterministic by seed.
 */
export function generateReferenceReports(count: number, seed = 1, start = Date.UTC(2026, 0, 1), days = 30): Report[] {
  const random = seededRandom(seed);
  const services = probedServices(reference);
  return Array.from({ length: count }, (_, i) => {
    const site = i % SITES.length;
    const startedAt = start + Math.floor(random() * days * 86_400_000);
    const verdicts = services.map((s, j) => serviceVerdict(s, site, j, random));
    const controlChecks = ['https://www.gstatic.com/generate_204', 'https://detectportal.firefox.com/success.txt', 'https://www.msftconnecttest.com/connecttest.txt', 'https://captive.apple.com/hotspot-detect.html'];
    return buildReport(
      {
        id: `ref-${seed}-${String(i).padStart(6, '0')}`, status: 'complete', trigger: 'schedule', startedAt, finishedAt: startedAt + 40_000 + Math.floor(random() * 20_000),
        catalog: reference, catalogHash: 'c3f1b0d5a8e94e2f7a6b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f', options: { timeoutMs: 8000, concurrency: 96 },
        control: { ok: true, observations: controlChecks.map((url) => ({ kind: 'fetch', url, redirects: [], timeoutMs: 8000, status: 200, timings: timings(random) })) } as never,
      },
      verdicts,
      { toolVersion: '0.1.0', browser: { name: 'Chromium', version: '156' }, fleet: { site: SITES[site], organisation: 'Example Corp', installId: `install-${String(i % 997).padStart(4, '0')}` } },
    );
  });
}
