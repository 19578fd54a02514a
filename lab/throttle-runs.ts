import { resolve } from 'node:path';
import referenceCatalog from '../utils/catalog/reference.json';
import type { Catalog } from '../utils/catalog/types';
import { CONTROL_URLS } from '../utils/probe/control';
import type { Report, ReportService } from '../utils/report/types';
import { runHeadlessAudit } from '../scripts/lib/run-headless-audit';
import { loadScenario, parseTreatment, startLab } from './index';

/** The throttling scenario (squid delay_pools on Wikipedia's media host, and a burst shaper on Netflix's video CDN). */
export const THROTTLED_SCENARIO = resolve(import.meta.dirname, 'scenarios/throttled.json');
/** The burst shaper alone: 1 MB at full speed, then 64 kB/s, on the video CDN fast.com hands out. */
export const BURST_SCENARIO = resolve(import.meta.dirname, 'scenarios/burst.json');
/**
 * Unthrottled media hosts answer this many bytes, more than a download's byte cap, so
 * throughput is really measured on them past the burst allowance (a small image would only
 * ever be "too small to measure", and prove nothing about false positives).
 */
export const LAB_MEDIA_BYTES = 4 * 1024 * 1024;

/**
 * Services of the reference catalog that have a media channel (every one is measured), plus
 * three stand-in video hosts that no scenario touches: the unthrottled group beside them.
 */
export const mediaCatalog = (): Catalog => {
  const catalog = referenceCatalog as Catalog;
  const standIns = [1, 2, 3].map((i) => ({
    id: `video-${i}`,
    name: `Stand-in video ${i}`,
    category: 'video',
    channels: { media: `https://cdn-${i}.video.test/clip.mp4` },
    usage: [],
  }));
  return { ...catalog, services: [...catalog.services.filter((s) => s.channels.media), ...standIns] };
};

/** Only the services a scenario names: a smaller audit, for repeated runs. */
export const scenarioCatalog = (scenarioPath: string): Catalog => {
  const ids = Object.keys(loadScenario(scenarioPath).services);
  const catalog = mediaCatalog();
  return { ...catalog, services: catalog.services.filter((s) => ids.includes(s.id)) };
};

/** The rate squid is configured to give `serviceId`'s media host in a scenario, bytes/s. */
export function configuredRate(scenarioPath: string, serviceId: string): number {
  const text = loadScenario(scenarioPath).services[serviceId]?.treatments.media;
  const t = text ? parseTreatment(text) : undefined;
  if (t?.kind !== 'throttle') throw new Error(`${serviceId} is not throttled in ${scenarioPath}`);
  return t.bytesPerSecond;
}

/** The measured media throughput of a service in a report, bytes/s. */
export function measuredRate(service: ReportService | undefined): number | undefined {
  const kBps = service?.channels.find((c) => c.channel === 'media')?.evidence.throughput?.service.kBps;
  return kBps === undefined ? undefined : kBps * 1000;
}

/** One audit of the media services against the throttling scenario. */
export async function auditThrottled(catalog = mediaCatalog(), scenario = THROTTLED_SCENARIO): Promise<Report> {
  const lab = await startLab({ catalog, controlUrls: CONTROL_URLS, scenario, mediaBodyBytes: LAB_MEDIA_BYTES });
  try {
    const { report } = await runHeadlessAudit({ catalog, browserArgs: lab.chromiumArgs, executablePath: lab.executablePath, options: { timeoutMs: 4000 } });
    return report;
  } finally {
    await lab.stop();
  }
}

/**
 * Audit the burst shaper `runs` times (one lab, one fresh browser per audit) and count the
 * audits that called Netflix's media throttled, and how much the throttled host downloaded.
 * Each audit starts once the shaper's bucket is full again (read from squid's cache manager): a
 * bucket refills while its host is idle, and back-to-back audits would otherwise meet a half-empty
 * one — a shaper without a burst, which proves nothing about judging the rate after it.
 */
export async function countBurstDetections(runs: number): Promise<{ detected: number; audits: number; minBytes: number; maxBytes: number }> {
  const catalog = scenarioCatalog(BURST_SCENARIO);
  const lab = await startLab({ catalog, controlUrls: CONTROL_URLS, scenario: BURST_SCENARIO, mediaBodyBytes: LAB_MEDIA_BYTES });
  let detected = 0;
  let minBytes = Infinity;
  let maxBytes = 0;
  try {
    for (let i = 0; i < runs; i++) {
      // Throws when the bucket does not refill in time; one not created yet is created full.
      await lab.waitForFullShapers();
      const { report } = await runHeadlessAudit({ catalog, browserArgs: lab.chromiumArgs, executablePath: lab.executablePath, options: { timeoutMs: 4000 } });
      const media = report.services.find((s) => s.id === 'netflix')?.channels.find((c) => c.channel === 'media');
      if (media?.verdict === 'throttled') detected++;
      const bytes = media?.evidence.throughput?.service.bytes ?? 0;
      minBytes = Math.min(minBytes, bytes);
      maxBytes = Math.max(maxBytes, bytes);
    }
  } finally {
    await lab.stop();
  }
  return { detected, audits: runs, minBytes: runs ? minBytes : 0, maxBytes };
}

/**
 * Audit an unthrottled network `runs` times (one lab, one fresh browser per audit) and
 * count services wrongly called `throttled`. Every media host serves `LAB_MEDIA_BYTES`.
 */
export async function countThrottleFalsePositives(runs: number, catalog = mediaCatalog()): Promise<{ falsePositives: number; audits: number; measured: number }> {
  const lab = await startLab({ catalog, controlUrls: CONTROL_URLS, scenario: { services: {} }, mediaBodyBytes: LAB_MEDIA_BYTES });
  let falsePositives = 0;
  let measured = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const { report } = await runHeadlessAudit({ catalog, browserArgs: lab.chromiumArgs, executablePath: lab.executablePath, options: { timeoutMs: 4000 } });
      falsePositives += report.services.filter((s) => s.verdict === 'throttled').length;
      measured += report.services.filter((s) => s.channels.some((c) => c.evidence.throughput?.service.samples)).length;
    }
  } finally {
    await lab.stop();
  }
  return { falsePositives, audits: runs, measured };
}
