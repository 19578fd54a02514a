import type { Catalog, Channel } from '../catalog/types';
import type { AuditRecord } from './types';
import type { AuditStore } from '../store/audits';
import type { NavigationObservation, Observation } from '../probe/types';
import type { ProbeFns } from '../probe/probe-fns';
import { callReached } from '../probe/webrtc-probe';
import { classifiedObservation, hasBody, scrubObservationUrls } from '../probe/evidence-url';
import { startExtraProbes } from './extra-probes';
import { runRequestProbes } from './request-probes';
import { CONTROL_URLS } from '../probe/control';
import { CONTROLS, probeKey } from '../probe/probe-id';
import { classifyChannel } from '../verdict/classify-channel';
import { classifyControl, pathAddressesOf } from '../verdict/classify-control';
import { classifyService } from '../verdict/classify-service';
import { THROUGHPUT_CONTROL_KEY, planProbes, probedServices, requiredKeysByService } from './plan';

export interface AuditDeps {
  store: AuditStore;
  probes: ProbeFns;
  now?: () => number;
  onProgress?: (auditId: string) => void;
}

/**
 * Run (or resume) an audit. Every observation and every service verdict is
 * stored the moment it is known, so a service worker stopped mid-audit loses
 * nothing finished: running the same audit again probes only what is missing.
 */
export async function runAudit(auditId: string, deps: AuditDeps): Promise<AuditRecord> {
  const { store, probes, now = Date.now } = deps;
  const audit = await store.getAudit(auditId);
  if (!audit) throw new Error(`no audit ${auditId}`);
  if (audit.status !== 'running') return audit;
  const { catalog, options } = audit;
  const seen = new Map<string, Observation>();
  // Each service's keys, and whether any call server answered: classifying a service reads its
  // own observations, not the whole audit's (a scan per service cost O(N²) at 2,000 services).
  const keysOf = new Map<string, Set<string>>();
  let callServerAnswered = false;
  const remember = (key: string, observation: Observation) => {
    seen.set(key, observation);
    const keys = keysOf.get(observation.serviceId) ?? new Set<string>();
    keysOf.set(observation.serviceId, keys.add(key));
    if (observation.kind === 'webrtc' && callReached(observation.call)) callServerAnswered = true;
  };
  for (const o of await store.observations(auditId)) remember(o.probeKey, o.observation);
  const classified = new Set((await store.verdicts(auditId)).map((v) => v.serviceId));

  const capabilities = { throughput: !!probes.throughput, calls: !!probes.calls };
  if (!audit.control) {
    // Stored so a page can count the checks still missing (utils/audit/state.ts).
    audit.capabilities = capabilities;
    const control = await Promise.all(
      CONTROL_URLS.map((url) => probes.fetch({ serviceId: CONTROLS.connectivity.serviceId, channel: CONTROLS.connectivity.channel, url }, options.timeoutMs)),
    );
    // The control is classified at once: store what is kept of a classified observation (docs/privacy.md).
    const result = classifyControl(control.map(scrubObservationUrls));
    audit.control = { ...result, observations: result.observations.map((o) => classifiedObservation(o)) };
    await store.putAudit(audit);
  }
  const controlOk = audit.control.ok;
  const signIn = audit.control.signIn !== undefined;
  const pathAddresses = pathAddressesOf(audit.control);

  // The one place observations enter the audit: URLs are reduced here, before the classifier,
  // the store or any page sees them (docs/privacy.md).
  const record = async (key: string, observation: Observation) => {
    const kept = scrubObservationUrls(observation);
    remember(key, kept);
    await store.putObservation(auditId, key, kept);
  };
  /** Once a service is classified, its body snippets have served their purpose: drop them from the store. */
  const forgetBodies = async (serviceId: string) => {
    for (const key of keysOf.get(serviceId) ?? []) {
      const observation = seen.get(key);
      if (!observation || !hasBody(observation)) continue;
      const kept = classifiedObservation(observation);
      seen.set(key, kept);
      await store.putObservation(auditId, key, kept);
    }
  };
  const required = requiredKeysByService(catalog, capabilities);
  const classifyIfComplete = async (serviceId: string) => {
    if (classified.has(serviceId)) return;
    if (!(required.get(serviceId) ?? []).every((k) => seen.has(k))) return;
    classified.add(serviceId);
    const own = [...(keysOf.get(serviceId) ?? [])].flatMap((key) => {
      const observation = seen.get(key);
      return observation ? [[key, observation] as const] : [];
    });
    const context = { controlOk, signIn, pathAddresses, callControlOk: callServerAnswered, throughputControl: seen.get(THROUGHPUT_CONTROL_KEY) };
    await store.putVerdict(auditId, classifyStoredService(catalog, serviceId, own, context));
    await forgetBodies(serviceId);
    deps.onProgress?.(auditId);
  };

  // A worker stopped between a service's last observation and its verdict left nothing to probe
  // for it, so no result would ever land to classify it: classify what is complete first.
  for (const s of probedServices(catalog)) await classifyIfComplete(s.id);

  const pageTargets = probedServices(catalog)
    .filter((s) => s.channels.page && !seen.has(probeKey({ serviceId: s.id, channel: 'page', kind: 'navigation' })))
    .map((s) => ({ serviceId: s.id, url: s.channels.page as string }));
  // Batches are stored as they are decided (a resumed audit does not check them again).
  const recordNavigations = async (observations: NavigationObservation[]) => {
    const navigationKey = (serviceId: string) => probeKey({ serviceId, channel: 'page', kind: 'navigation' });
    const fresh = observations.filter((o) => !seen.has(navigationKey(o.serviceId)));
    // Written together: one at a time, 40 services' writes took 0.25–0.35 s after the batch's
    // last frame had reported (IndexedDB commits queue anyway; each service's writes are its own).
    await Promise.all(fresh.map((o) => record(navigationKey(o.serviceId), o)));
    await Promise.all(fresh.map((o) => classifyIfComplete(o.serviceId)));
  };
  // The browser-policy check's frames cost the browser about three times the CPU of the fetch
  // probes, and beside probes still being sent or answered that CPU was counted as network time
  // in their timers (docs/scale.md). So it starts once the request probes have gone quiet (all
  // sent, and what is left only waiting on the network), or when they are done.
  let policyDone: Promise<void> | undefined;
  const checkPolicy = () =>
    (policyDone ??= probes.policy(pageTargets, Math.min(options.timeoutMs, 5000), recordNavigations).then(recordNavigations));
  const extra = startExtraProbes({ catalog, probes, timeoutMs: options.timeoutMs, seen, record, classify: classifyIfComplete });
  await runRequestProbes({
    tasks: planProbes(catalog).filter((t) => !seen.has(t.key)),
    probes,
    timeoutMs: options.timeoutMs,
    concurrency: options.concurrency,
    // The pulse asks a control host that answered at the start (see request-probes.ts).
    ...(controlOk ? { controlUrl: audit.control.observations.find((o) => o.status !== undefined)?.url } : {}),
    onResult: async (results, task) => {
      for (const [key, observation] of results) await record(key, observation);
      await classifyIfComplete(task.serviceId);
    },
    // Awaited below; if the probes fail first (a full disk), this one's failure must not go unhandled.
    onQuiet: () => void checkPolicy().catch(() => {}),
  });
  await checkPolicy();
  extra.measureThroughput();
  await extra.done();

  const fresh = (await store.getAudit(auditId)) ?? audit;
  fresh.status = 'complete';
  fresh.finishedAt = now();
  await store.putAudit(fresh);
  deps.onProgress?.(auditId);
  return fresh;
}

function classifyStoredService(
  catalog: Catalog,
  serviceId: string,
  own: readonly (readonly [string, Observation])[],
  context: { controlOk: boolean; signIn: boolean; pathAddresses: string[]; callControlOk: boolean; throughputControl: Observation | undefined },
) {
  const { throughputControl: stored, ...control } = context;
  const service = catalog.services.find((s) => s.id === serviceId);
  const serviceDomains = service?.domains;
  const throughputControl = stored?.kind === 'throughput' ? stored : undefined;
  const channels = (['page', 'media', 'realtime'] as Channel[])
    .filter((channel) => service?.channels[channel] || (channel === 'realtime' && service?.channels.call))
    .map((channel) => {
      const observations = own.filter(([key]) => key.startsWith(`${serviceId}:${channel}:`)).map(([, o]) => o);
      return classifyChannel(observations, {
        ...control,
        ...(serviceDomains ? { serviceDomains } : {}),
        ...(throughputControl ? { throughputControl } : {}),
      });
    });
  return classifyService(serviceId, channels);
}
