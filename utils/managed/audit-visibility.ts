import type { AuditRecord } from '../audit/types';
import type { ManagedConfig } from './schema';
import { currentManagedConfig } from './read';

/**
 * IT's policy `employeeCanSeeAudits: false`: the audits IT schedules are IT's; the employee
 * sees only the ones they (or the CLI on their machine) started. Unset, everything is shown.
 * The background applies this to every message a page reads audits through (list, live
 * state, report), so no page (popup, dashboard, presentation, letter) can forget it.
 */
export function employeeMaySee(audit: Pick<AuditRecord, 'trigger'>, config: Pick<ManagedConfig, 'employeeCanSeeAudits'>): boolean {
  return config.employeeCanSeeAudits !== false || audit.trigger !== 'schedule';
}

/**
 * The policy in force now, as a filter (applied at each message; a changed policy applies at once,
 * see currentManagedConfig). Given the one audit a message is about, the policy is read only when
 * that audit is a scheduled one: whatever IT set, the employee sees the audits they started, and
 * Chromium's first `storage.managed.get()` of a browser session takes seconds (2.4 s on an idle
 * machine, 6 s during an audit; measured, docs/scale.md) — the popup's first progress and the
 * CLI's audits must not wait for it.
 */
export async function employeeAuditFilter(audit?: Pick<AuditRecord, 'trigger'>): Promise<(audit: Pick<AuditRecord, 'trigger'>) => boolean> {
  // Without the policy, only what every policy shows passes: audits not started by the schedule.
  if (audit && audit.trigger !== 'schedule') return (other) => other.trigger !== 'schedule';
  const config = await currentManagedConfig();
  return (audit) => employeeMaySee(audit, config);
}
