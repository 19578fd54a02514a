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

/** The policy in force now, as a filter (applied at each message; a changed policy applies at once, see currentManagedConfig). */
export async function employeeAuditFilter(): Promise<(audit: Pick<AuditRecord, 'trigger'>) => boolean> {
  const config = await currentManagedConfig();
  return (audit) => employeeMaySee(audit, config);
}
