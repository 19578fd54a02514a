import type { Catalog } from '../catalog/types';
import type { AuditOptions, AuditRecord } from './types';
import type { AuditStore } from '../store/audits';
import type { ProbeFns } from '../probe/probe-fns';
import { runAudit } from './run-audit';
import { resolveAuditOptions } from './settings';
import type { RetentionPolicy } from '../store/retention';
import { toStorageError } from '../store/errors';

/** A worker stopped this many times during one audit gives up on it: something in it stops every worker. */
export const MAX_RESUMES = 3;
/**
 * No audit runs longer (the reference catalog takes about a minute, 2000 services with
 * every timeout well under 20): one still "running" after this is wedged, and must not
 * keep scheduled audits from running.
 */
export const MAX_AUDIT_MS = 30 * 60_000;

export interface StartAuditInput {
  catalog: Catalog;
  catalogHash: string;
  options?: Partial<AuditOptions>;
  trigger: AuditRecord['trigger'];
}

export interface AuditServiceDeps {
  store: AuditStore;
  probes: ProbeFns;
  now?: () => number;
  newId?: () => string;
  onProgress?: (auditId: string) => void;
  /** The user's retention settings: applied in the background after every audit, not only when a page opens. */
  retention?: () => Promise<RetentionPolicy>;
}

/**
 * Owns the one audit that may run at a time in this browser: a second start
 * while one runs returns the running one (a reopened popup shows live
 * progress, never a doubled audit), and an audit left running by a stopped
 * service worker is resumed.
 */
export function createAuditService(deps: AuditServiceDeps) {
  const { store, now = Date.now, newId = () => crypto.randomUUID() } = deps;
  const inFlight = new Map<string, Promise<AuditRecord>>();

  /**
   * Mark an audit failed with the smallest write possible (its own record only). When even
   * that hits the quota, this audit's observations go first: the verdicts and the failure
   * reason are what the employee needs to see.
   */
  const markFailed = async (auditId: string, reason: string): Promise<AuditRecord | undefined> => {
    const fail = async () => {
      const audit = await store.getAudit(auditId);
      if (!audit) return undefined;
      const failed: AuditRecord = { ...audit, status: 'failed', error: reason, finishedAt: now() };
      await store.putAudit(failed);
      return failed;
    };
    try {
      return await fail();
    } catch (error) {
      if (toStorageError(error).kind !== 'quota') throw error;
      await store.deleteObservations(auditId);
      return fail();
    }
  };

  const drive = (auditId: string): Promise<AuditRecord> => {
    let run = inFlight.get(auditId);
    if (!run) {
      run = runAudit(auditId, deps)
        .catch(async (error: unknown) => {
          // A full disk says `storage:quota:…`, which the pages explain (storage-alert).
          const reason = error instanceof DOMException ? toStorageError(error).message : String(error);
          const failed = await markFailed(auditId, reason);
          if (!failed) throw error;
          return failed;
        })
        .finally(() => inFlight.delete(auditId));
      // Retention after every audit, scheduled or not (storage stays bounded without a page open).
      const settled = run.then(
        async (audit) => {
          if (deps.retention) await store.applyRetention(await deps.retention()).catch((e: unknown) => console.warn('retention', e));
          return audit;
        },
      );
      inFlight.set(auditId, settled);
      run = settled;
    }
    return run;
  };

  /** The audit that really runs: one past MAX_AUDIT_MS or MAX_RESUMES is failed, so it never blocks the next. */
  const liveRunning = async (): Promise<AuditRecord | undefined> => {
    for (const audit of await store.runningAudits()) {
      if (now() - audit.startedAt > MAX_AUDIT_MS) await markFailed(audit.id, `did not finish within ${MAX_AUDIT_MS / 60_000} minutes`);
      else return audit;
    }
    return undefined;
  };

  return {
    /** Start an audit, or join the one already running. */
    async start(input: StartAuditInput): Promise<{ auditId: string; joined: boolean }> {
      const running = await liveRunning();
      if (running) {
        void drive(running.id);
        return { auditId: running.id, joined: true };
      }
      const audit: AuditRecord = {
        id: newId(),
        status: 'running',
        trigger: input.trigger,
        startedAt: now(),
        catalog: input.catalog,
        catalogHash: input.catalogHash,
        options: resolveAuditOptions(input.options),
      };
      await store.putAudit(audit);
      void drive(audit.id);
      return { auditId: audit.id, joined: false };
    },
    /** Resume audits a previous service worker left running. */
    async resumeRunning(): Promise<number> {
      let resumed = 0;
      for (const audit of await store.runningAudits()) {
        if (inFlight.has(audit.id)) {
          resumed++;
          continue;
        }
        // Each resume is counted: an audit that stops every worker is given up, not resumed forever.
        const resumes = (audit.resumes ?? 0) + 1;
        if (resumes > MAX_RESUMES) {
          await markFailed(audit.id, `stopped ${MAX_RESUMES} times before finishing; not resumed again`);
          continue;
        }
        if (now() - audit.startedAt > MAX_AUDIT_MS) {
          await markFailed(audit.id, `did not finish within ${MAX_AUDIT_MS / 60_000} minutes`);
          continue;
        }
        await store.putAudit({ ...audit, resumes });
        void drive(audit.id);
        resumed++;
      }
      return resumed;
    },
    isDriving: (auditId: string) => inFlight.has(auditId),
    wait: (auditId: string) => inFlight.get(auditId),
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
