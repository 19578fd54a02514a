import type { AuditStore } from '../store/audits';
import { summarizeAudit } from '../history/summary';
import { handle } from './handle';
import { LABEL_MAX } from '../catalog/label-rules';
import { employeeAuditFilter } from '../managed/audit-visibility';
import { visibleAudit } from '../audit/state';

/** History handlers for the dashboard and popup: list, delete, label audits and apply retention. */
export function registerHistoryHandlers(storeReady: Promise<AuditStore>): void {
  /** The audit, when the policy lets the employee see it (IT's scheduled audits may be IT's only). */
  const visible = async (auditId: string) => visibleAudit(await storeReady, auditId, employeeAuditFilter);
  handle('listAudits', async () => {
    const store = await storeReady;
    const audits = (await store.allAudits()).filter(await employeeAuditFilter());
    return Promise.all(audits.map(async (a) => summarizeAudit(a, await store.verdicts(a.id), await store.getNote(a.id))));
  });
  handle('deleteAudit', async ({ auditId }) => {
    if (!(await visible(auditId))) return false;
    await (await storeReady).deleteAudit(auditId);
    return true;
  });
  handle('applyRetention', async (policy) => ({ deleted: await (await storeReady).applyRetention(policy) }));
  handle('setAuditNote', async ({ auditId, networkLabel }) => {
    if (!(await visible(auditId))) return false;
    await (await storeReady).putNote({ auditId, networkLabel: networkLabel.trim().slice(0, LABEL_MAX.networkLabel) });
    return true;
  });
}
