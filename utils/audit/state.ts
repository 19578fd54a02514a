import type { AuditRecord } from './types';
import type { AuditStore } from '../store/audits';
import type { ServiceVerdict, Verdict } from '../verdict/types';
import { probedServices, requiredKeysByService } from './plan';
import { scrubServiceVerdict } from '../verdict/scrub-evidence';

/** The fields every view of an audit starts with (live state, history summary). */
export interface AuditHeader {
  id: string;
  status: AuditRecord['status'];
  trigger: AuditRecord['trigger'];
  startedAt: number;
  finishedAt?: number;
  catalogName: string;
  /** How many services the audit probes. */
  total: number;
}

/** What a page shows of an audit: enough for live progress and the results table. */
export interface AuditState extends AuditHeader {
  catalogVersion: string;
  catalogHash: string;
  /** Services classified so far (of `total`). */
  done: number;
  /**
   * How far the audit got, in services (0 … `total`): a classified service counts 1, one still
   * waiting the share of its checks already stored. A service's verdict waits for all its checks
   * (the policy-check frames come 20 at a time, throughput is measured last), so `done` moves in
   * steps; this moves with every check (docs/scale.md).
   */
  progress: number;
  control?: AuditRecord['control'];
  /** Every verdict so far (by service id); read with `summary`, the last SUMMARY_VERDICTS that landed, in landing order. */
  verdicts: ServiceVerdict[];
  /** Services per verdict so far (every one, also in a summary). */
  counts: Partial<Record<Verdict, number>>;
  error?: string;
}

/**
 * Verdicts a summary carries (the popup shows the last four landed). Pages poll a running audit
 * every 100–300 ms, and the whole state of a 300-service audit is 187 kB: serialised, passed
 * and parsed at every poll, that is work the audit's own browser pays for, growing with the
 * catalog (docs/scale.md).
 */
export const SUMMARY_VERDICTS = 8;

/** The `AuditHeader` of a stored audit. */
export function auditHeader(audit: AuditRecord): AuditHeader {
  return {
    id: audit.id,
    status: audit.status,
    trigger: audit.trigger,
    startedAt: audit.startedAt,
    ...(audit.finishedAt !== undefined ? { finishedAt: audit.finishedAt } : {}),
    catalogName: audit.catalog.name,
    total: probedServices(audit.catalog).length,
  };
}

/**
 * Which audits a reader may see (IT's policy may keep scheduled audits from the employee), given
 * the audit asked for when there is one: a filter that may need the policy only for some audits
 * (see employeeAuditFilter).
 */
export type AuditFilterFor = (audit?: Pick<AuditRecord, 'trigger'>) => Promise<(audit: Pick<AuditRecord, 'trigger'>) => boolean>;
const everyAudit: AuditFilterFor = async () => () => true;

/**
 * The audit asked for (the latest when no id is given) if the reader may see it: any other is
 * read as absent, and "latest" is the latest the filter accepts. The audit is read once (its
 * record holds the whole catalog), and the filter is asked with it.
 */
export async function visibleAudit(store: AuditStore, auditId: string | undefined, filterFor: AuditFilterFor): Promise<AuditRecord | undefined> {
  if (!auditId) return store.latestAudit(await filterFor());
  const audit = await store.getAudit(auditId);
  return audit && (await filterFor(audit))(audit) ? audit : undefined;
}

/** Read an audit's state from the store (latest audit when no id is given), if `filterFor` lets the reader see it. */
export async function readAuditState(
  store: AuditStore,
  auditId?: string,
  filterFor: AuditFilterFor = everyAudit,
  { summary = false }: { summary?: boolean } = {},
): Promise<AuditState | null> {
  const audit = await visibleAudit(store, auditId, filterFor);
  if (!audit) return null;
  const stored = await store.verdicts(audit.id);
  // The summary's verdicts are the last that landed (the store lists them by service id).
  const last = () => [...stored].sort((a, b) => (a.landed ?? 0) - (b.landed ?? 0)).slice(-SUMMARY_VERDICTS);
  // Scrubbed for audits stored before evidence URLs were reduced at the probe (docs/privacy.md).
  const verdicts = (summary ? last() : stored).map(({ auditId: _, landed: __, ...v }) => scrubServiceVerdict(v));
  const counts: AuditState['counts'] = {};
  for (const v of stored) counts[v.verdict] = (counts[v.verdict] ?? 0) + 1;
  const done = countPlanned(audit.catalog, stored);
  return {
    ...auditHeader(audit),
    catalogVersion: audit.catalog.version,
    catalogHash: audit.catalogHash,
    // Progress counts the services the audit planned, so it can never read "47 of 46".
    done,
    progress: audit.status === 'running' ? await checkedShare(store, audit, stored) : done,
    ...(audit.control ? { control: audit.control } : {}),
    verdicts,
    counts,
    ...(audit.error ? { error: audit.error } : {}),
  };
}

function countPlanned(catalog: Parameters<typeof probedServices>[0], verdicts: readonly { serviceId: string }[]): number {
  const planned = new Set(probedServices(catalog).map((s) => s.id));
  return new Set(verdicts.filter((v) => planned.has(v.serviceId)).map((v) => v.serviceId)).size;
}

/**
 * The required checks of the audit being followed. A running audit's catalog and capabilities
 * never change, and pages ask for its state every 100–300 ms: plan it once, not at every poll.
 */
let planned: { key: string; keys: Map<string, string[]> } | undefined;
function requiredKeysOf(audit: AuditRecord): Map<string, string[]> {
  // Capabilities are stored with the control, so a first poll may come before them.
  const key = `${audit.id} ${audit.capabilities?.throughput ?? '-'} ${audit.capabilities?.calls ?? '-'}`;
  if (planned?.key !== key) planned = { key, keys: requiredKeysByService(audit.catalog, audit.capabilities) };
  return planned.keys;
}

/** Σ over planned services: 1 when classified, else the share of its required checks stored. */
async function checkedShare(store: AuditStore, audit: AuditRecord, verdicts: readonly { serviceId: string }[]): Promise<number> {
  const classified = new Set(verdicts.map((v) => v.serviceId));
  const stored = new Set(await store.observationKeys(audit.id));
  let progress = 0;
  for (const [serviceId, keys] of requiredKeysOf(audit)) {
    if (classified.has(serviceId)) progress += 1;
    else if (keys.length > 0) progress += keys.filter((k) => stored.has(k)).length / keys.length;
  }
  return progress;
}
