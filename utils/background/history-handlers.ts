import type { AuditStore } from '../store/audits';
import { summarizeAudit } from '../history/summary';
import { handle } from './handle';

/** History handlers for the dashboard and popup: list, delete, label audits and apply retention. */
export function registerHistoryHandlers(storeReady: Promise<AuditStore>): void {
  handle('listAudits', async () => {
    const store = await storeReady;
    const audits = await store.allAudits();
    return Promise.all(audits.map(async (a) => summarizeAudit(a, await store.verdicts(a.id), await store.getNote(a.id))));
  });
  handle('deleteAudit', async ({ auditId }) => {
    await (await storeReady).deleteAudit(auditId);
    return true;
  });
  handle('applyRetention', async (policy) => ({ deleted: await (await storeReady).applyRetention(policy) }));
  handle('setAuditNote', async ({ auditId, networkLabel }) => {
    await (await storeReady).putNote({ auditId, networkLabel: networkLabel.trim().slice(0, 80) });
    return true;
  });
}
