import { readFileSync } from 'node:fs';
import type { Catalog } from '../utils/catalog/schema';
import { CHANNELS } from '../utils/catalog/types';
import { THROUGHPUT_CONTROL_URL } from '../utils/probe/throughput-control';
import { BLOCK_PAGE_VENDORS, CALL_TREATMENTS, type BlockPageVendor, type Scenario, type Treatment, type TreatmentName } from './types';

const SIMPLE = new Set([
  'ok', 'dns', 'tcp-refused', 'tcp-reset', 'silent', 'tls-wrong-cert', 'tls-plain', 'proxy-deny', 'proxy-ok',
  'proxy-redirect', 'policy', 'service-403', 'login-redirect', 'extension', 'youtube-restricted-dns', 'safesearch-dns',
  'proxy-auth', 'sinkhole-zero', 'sinkhole-blockpage', 'split-horizon', 'gone', 'redirect-loop', 'redirect-reset',
]);

/** Parses a scenario treatment string; throws with the offending text so scenario typos fail loudly. */
export function parseTreatment(text: string): Treatment {
  if (SIMPLE.has(text)) return { kind: text } as Treatment;
  const [kind, param = ''] = text.split(':', 2);
  if (kind === 'throttle') {
    const [rate = '', burst] = text.slice('throttle:'.length).split(':');
    const bytesPerSecond = Number(rate);
    const burstBytes = Number(burst);
    if (Number.isInteger(bytesPerSecond) && bytesPerSecond > 0) {
      if (burst === undefined) return { kind, bytesPerSecond };
      if (Number.isInteger(burstBytes) && burstBytes > 0) return { kind, bytesPerSecond, burstBytes };
    }
  }
  if (kind === 'youtube-restrict-header' && (param === 'strict' || param === 'moderate')) {
    return { kind, level: param === 'strict' ? 'Strict' : 'Moderate' }; // the header's documented spelling
  }
  if ((kind === 'blockpage' || kind === 'redirect-blockpage') && BLOCK_PAGE_VENDORS.includes(param as BlockPageVendor)) {
    return { kind, vendor: param as BlockPageVendor };
  }
  throw new Error(`lab: unknown treatment "${text}"`);
}

/** Reads a scenario file (or passes an object through) and checks every treatment parses. */
export function loadScenario(source: Scenario | string): Scenario {
  const scenario: Scenario = typeof source === 'string' ? JSON.parse(readFileSync(source, 'utf8')) : source;
  for (const [id, entry] of Object.entries(scenario.services ?? {})) {
    for (const [channel, name] of Object.entries(entry.treatments ?? {})) {
      if (channel === 'call') {
        if (!(CALL_TREATMENTS as readonly string[]).includes(name as string)) {
          throw new Error(`lab: scenario service "${id}" has call treatment "${name}" (call treatments: ${CALL_TREATMENTS.join(', ')})`);
        }
        if (!entry.expectWithoutCallLab) throw new Error(`lab: scenario service "${id}" has a call treatment but no expectWithoutCallLab`);
        continue;
      }
      if (channel !== 'all' && !(CHANNELS as readonly string[]).includes(channel)) {
        throw new Error(`lab: scenario service "${id}" has unknown channel "${channel}"`);
      }
      parseTreatment(name as string);
    }
  }
  return scenario;
}

/**
 * The scenario as it stands without the call lab: call treatments are not in force, so each
 * service with one is expected as its `expectWithoutCallLab` says.
 */
export function withoutCallTreatments(scenario: Scenario): Scenario {
  const services = Object.entries(scenario.services ?? {}).map(([id, entry]) => {
    if (!entry.treatments.call) return [id, entry] as const;
    const { call: _call, ...treatments } = entry.treatments;
    return [id, { ...entry, treatments, expect: entry.expectWithoutCallLab ?? entry.expect }] as const;
  });
  return { ...scenario, services: Object.fromEntries(services) };
}

/** One host the lab answers for, and why. */
export interface HostPlan {
  treatment: Treatment;
  /**
   * A service's discovery API (catalog `discover`): the lab answers JSON handing out a fresh
   * media URL on `cdnHost` each time; `cdn` marks that host, which serves only URLs it handed out.
   */
  discovery?: { cdnHost: string; path: string; field: string };
  cdn?: boolean;
  /**
   * What the public resolvers' stand-in answers for this name when the lab's DNS answer is also the
   * public one (default 127.0.0.1): the Firefox lab serves each treatment from its own loopback
   * address, and public resolvers agreeing with it make a TLS or TCP failure there a middlebox on the
   * path, not a DNS answer (docs/verdicts-on-real-networks.md, rule 6).
   */
  publicAddress?: string;
  /** Display name used in the lab's own pages (`<title>{name} (lab)</title>`). */
  name: string;
  /** Service id, `control`, or `lab` for block-page and other lab-owned hosts. */
  owner: string;
}

/**
 * Decides the treatment of every catalog and control host. Treatments act on hosts (DNS, TCP,
 * TLS and proxies know nothing finer), so two channels sharing a host must share a treatment.
 */
export function planHosts(catalog: Catalog, controlUrls: readonly string[], scenario: Scenario): Map<string, HostPlan> {
  const plan = new Map<string, HostPlan>();
  const add = (host: string, entry: HostPlan, treatmentText: string) => {
    const previous = plan.get(host);
    if (previous && JSON.stringify(previous.treatment) !== JSON.stringify(entry.treatment)) {
      throw new Error(`lab: host ${host} gets two treatments (${previous.owner} vs ${entry.owner}: ${treatmentText})`);
    }
    if (!previous) plan.set(host, entry);
  };
  // The throughput control is part of every audit that measures a media host, so the lab always serves it.
  for (const url of [...controlUrls, THROUGHPUT_CONTROL_URL]) add(new URL(url).hostname, { treatment: { kind: 'ok' }, name: 'Control', owner: 'control' }, 'ok');
  const unknown = Object.keys(scenario.services ?? {}).filter((id) => !catalog.services.some((s) => s.id === id));
  if (unknown.length) throw new Error(`lab: scenario names services missing from the catalog: ${unknown.join(', ')}`);
  for (const service of catalog.services) {
    const treatments = scenario.services?.[service.id]?.treatments ?? {};
    const discover = service.endpoints?.media?.discover;
    for (const channel of CHANNELS) {
      const url = service.channels[channel];
      if (!url) continue;
      const text: TreatmentName = treatments[channel] ?? treatments.all ?? 'ok';
      if (channel === 'media' && discover) {
        // The media treatment acts on the video CDN the API hands out; the API itself is served as `all` says.
        const apiText: TreatmentName = treatments.all ?? 'ok';
        const cdnHost = `lab-c001.oca.${discover.hosts[0]}`;
        const path = discover.rangeAfter ?? '/media';
        add(new URL(url).hostname, { treatment: parseTreatment(apiText), name: service.name, owner: service.id, discovery: { cdnHost, path, field: discover.field } }, apiText);
        add(cdnHost, { treatment: parseTreatment(text), name: service.name, owner: service.id, cdn: true }, text);
        continue;
      }
      add(new URL(url).hostname, { treatment: parseTreatment(text), name: service.name, owner: service.id }, text);
    }
  }
  return plan;
}

/**
 * A benchmark network: `count` synthetic services, every one `ok` or every one `silent`,
 * with their own catalog (hosts `svc-N.bench.test`, one page and one media channel each).
 * `silentEvery: n` makes every n-th service silent among reachable ones (a firewall dropping a
 * few services in a large catalog: the scale test's honest mix).
 */
export function syntheticBenchmark(count: number, treatment: 'ok' | 'silent', options: { silentEvery?: number } = {}): { catalog: Catalog; scenario: Scenario } {
  const services = Array.from({ length: count }, (_, i) => ({
    id: `svc-${i}`,
    name: `Synthetic ${i}`,
    category: 'synthetic',
    channels: { page: `https://svc-${i}.bench.test/`, media: `https://cdn-${i}.bench.test/logo.png` },
    usage: [],
  }));
  const { silentEvery } = options;
  const treatmentOf = (i: number): 'ok' | 'silent' => (silentEvery && (i + 1) % silentEvery === 0 ? 'silent' : treatment);
  const described = silentEvery ? `${treatment}, every ${silentEvery}th silent` : treatment;
  const scenario: Scenario = {
    description: `${count} synthetic services, all ${described}`,
    services: Object.fromEntries(
      services.map((s, i) => {
        const t = treatmentOf(i);
        return [s.id, { treatments: { all: t }, expect: t === 'ok' ? { verdict: 'reachable' } : { verdict: 'blocked', mechanism: 'timeout' } }];
      }),
    ),
  };
  return { catalog: { schemaVersion: 1, name: 'Synthetic benchmark', version: `bench-${count}`, services }, scenario };
}
