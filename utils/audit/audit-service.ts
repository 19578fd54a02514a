import type { Catalog } from '../catalog/types';
import type { AuditOptions, AuditRecord } from '../store/db';
import type { AuditStore } from '../store/audits';
import { runAudit, type ProbeFns } from './run-audit';
import { resolveAuditOptions } from './settings';

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

  const drive = (auditId: string): Promise<AuditRecord> => {
    let run = inFlight.get(auditId);
    if (!run) {
      run = runAudit(auditId, deps)
        .catch(async (error: unknown) => {
          const audit = await store.getAudit(auditId);
          if (!audit) throw error;
          audit.status = 'failed';
          audit.error = String(error);
          audit.finishedAt = now();
          await store.putAudit(audit);
          return audit;
        })
        .finally(() => inFlight.delete(auditId));
      inFlight.set(auditId, run);
    }
    return run;
  };

  return {
    /** Start an audit, or join the one already running. */
    async start(input: StartAuditInput): Promise<{ auditId: string; joined: boolean }> {
      const [running] = await store.runningAudits();
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
      const running = await store.runningAudits();
      for (const audit of running) void drive(audit.id);
      return running.length;
    },
    isDriving: (auditId: string) => inFlight.has(auditId),
    wait: (auditId: string) => inFlight.get(auditId),
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
