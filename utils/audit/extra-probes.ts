import type { Catalog } from '../catalog/types';
import type { CallProbeObservation, Observation, ThroughputProbeObservation } from '../probe/types';
import { THROUGHPUT_LIMITS } from '../probe/throughput-limits';
import type { ProbeFns } from '../probe/probe-fns';
import { isControl, probeKey } from '../probe/probe-id';
import { CALL_CONTROL_KEY, THROUGHPUT_CONTROL_KEY, callTargets, throughputControlTask, throughputServices } from './plan';

export interface ExtraProbeContext {
  catalog: Catalog;
  probes: ProbeFns;
  timeoutMs: number;
  seen: Map<string, Observation>;
  record(key: string, observation: Observation): Promise<void>;
  classify(serviceId: string): Promise<void>;
}

/** A throughput observation that downloads nothing, with the reason. */
function skipped(serviceId: string, url: string, reason: string): ThroughputProbeObservation {
  const { maxBytes, windowMs, sliceMs, burstBytes } = THROUGHPUT_LIMITS;
  return {
    serviceId, channel: 'media', kind: 'throughput', url, startedAt: Date.now(), redirects: [], timeoutMs: 0,
    throughput: { downloads: [], limits: { maxBytes, windowMs, sliceMs, burstBytes }, skipped: reason }, timings: { totalMs: 0 },
  };
}

/**
 * Throughput and call probes, stored as they land. Calls are gathered in one batch (one
 * offscreen document, the call control included) beside the request probes: they use UDP
 * and cost little. Throughput waits for the request probes (`measureThroughput`), so a media
 * host is never downloaded while its own fetch runs — they would share (and halve) a
 * throttled link — and its downloads never slow the other probes.
 */
export function startExtraProbes(ctx: ExtraProbeContext) {
  const { catalog, probes, seen, timeoutMs } = ctx;
  const jobs: Promise<void>[] = [];
  const throughput = probes.throughput?.bind(probes);
  const sampled = throughput ? throughputServices(catalog) : [];
  const run = (job: () => Promise<void>) => jobs.push(job());

  const measure = (task: (typeof sampled)[number], probe: NonNullable<typeof throughput>) =>
    run(async () => {
      const { serviceId, url } = task;
      const key = probeKey({ serviceId, channel: 'media', kind: 'throughput' });
      if (seen.has(key)) return;
      const media = seen.get(probeKey({ serviceId, channel: 'media', kind: 'fetch' }));
      // A failed media host has nothing to measure; its fetch already says why.
      const ok = media?.kind === 'fetch' && media.status !== undefined && media.status < 400;
      const observation = ok
        ? await probe(task, timeoutMs).catch((e: unknown) => skipped(serviceId, url, `probe error: ${String(e)}`))
        : skipped(serviceId, url, 'media-failed');
      await ctx.record(key, observation);
      await ctx.classify(serviceId);
    });

  const gather = probes.calls?.bind(probes);
  const calls = gather ? callTargets(catalog) : [];
  const callKey = (serviceId: string) => (isControl(serviceId) ? CALL_CONTROL_KEY : probeKey({ serviceId, channel: 'realtime', kind: 'webrtc' }));
  if (gather && calls.some((t) => !seen.has(callKey(t.serviceId)))) {
    run(async () => {
      const observations = await gather(calls, timeoutMs).catch((e: unknown) =>
        calls.map((t): CallProbeObservation => ({
          serviceId: t.serviceId, channel: 'realtime', kind: 'webrtc', url: t.url, startedAt: Date.now(), redirects: [], timeoutMs,
          call: { candidateTypes: [], errors: [], timedOut: false, unsupported: String(e).slice(0, 200) }, timings: { totalMs: 0 },
        })),
      );
      for (const o of observations) await ctx.record(callKey(o.serviceId), o);
      for (const o of observations) await ctx.classify(o.serviceId);
    });
  }

  return {
    /**
     * Call once the request probes are done: measures every sampled media host (whose fetch
     * answered) and the control together. Doing it after them keeps the downloads from
     * competing with — and slowing — the request probes, and measures service and control
     * under the same conditions.
     */
    measureThroughput() {
      if (!throughput) return;
      if (sampled.length && !seen.has(THROUGHPUT_CONTROL_KEY)) {
        run(async () => {
          const task = throughputControlTask();
          const observation = await throughput(task, timeoutMs).catch((e: unknown) => skipped(task.serviceId, task.url, `probe error: ${String(e)}`));
          await ctx.record(THROUGHPUT_CONTROL_KEY, observation);
          for (const t of sampled) await ctx.classify(t.serviceId);
        });
      }
      for (const t of sampled) measure(t, throughput);
    },
    /** Resolves when every job started so far (and any started by them) has finished. */
    async done() {
      for (let i = 0; i < jobs.length; i++) await jobs[i];
    },
  };
}
