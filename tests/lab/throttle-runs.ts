import { resolve } from 'node:path';
import referenceCatalog from '../../utils/catalog/reference.json';
import type { Catalog } from '../../utils/catalog/types';
import { CONTROL_URLS } from '../../utils/probe/control';
import type { Report, ReportService } from '../../utils/report/types';
import { runHeadlessAudit } from '../../scripts/lib/run-headless-audit';
import { loadScenario, parseTreatment, startLab } from './index';

/** The throttling scenario (squid delay_pools on Wikipedia's media host). */
export const THROTTLED_SCENARIO = resolve(import.meta.dirname, 'scenarios/throttled.json');
/**
 * Unthrottled media hosts answer this many bytes, so throughput is really measured on them
 * (a 1×1 image would only ever be "too small to measure", and prove nothing about false positives).
 */
export const LAB_MEDIA_BYTES = 512 * 1024;

/** Services of the reference catalog that have a media channel (every one is measured). */
export const mediaCatalog = (): Catalog => {
  const catalog = referenceCatalog as Catalog;
  return { ...catalog, services: catalog.services.filter((s) => s.channels.media) };
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
export async function auditThrottled(catalog = mediaCatalog()): Promise<Report> {
  const lab = await startLab({ catalog, controlUrls: CONTROL_URLS, scenario: THROTTLED_SCENARIO, mediaBodyBytes: LAB_MEDIA_BYTES });
  try {
    const { report } = await runHeadlessAudit({ catalog, browserArgs: lab.chromiumArgs, executablePath: lab.executablePath, options: { timeoutMs: 4000 } });
    return report;
  } finally {
    await lab.stop();
  }
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
