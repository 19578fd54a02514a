import { onMessage } from '../messaging';
import { assertOwnPage } from '../browser/own-pages';
import type { AuditStore } from '../store/audits';
import { toStorageError } from '../store/errors';
import { summarizeAudit } from '../history/summary';

/**
 * History handlers for the dashboard and popup: list, delete, label audits and
 * apply retention. Same sender allow-list as the audit handlers. Storage
 * failures are rethrown as `storage:<kind>:` errors so the page can explain them.
 */
export function registerHistoryHandlers(storeReady: Promise<AuditStore>): void {
  const guarded =
    <Req, Res>(handler: (data: Req, store: AuditStore) => Promise<Res>) =>
    async ({ data, sender }: { data: Req; sender: { id?: string; url?: string } }) => {
      assertOwnPage(sender);
      try {
        return await handler(data, await storeReady);
      } catch (error) {
        // IndexedDB fails with DOMExceptions: give them a kind the page can explain.
        throw error instanceof DOMException ? toStorageError(error) : error;
      }
    };

  onMessage(
    'listAudits',
    guarded(async (_data, store) => {
      const audits = await store.allAudits();
      return Promise.all(
        audits.map(async (a) => summarizeAudit(a, await store.verdicts(a.id), await store.getNote(a.id))),
      );
    }),
  );
  onMessage(
    'deleteAudit',
    guarded(async ({ auditId }, store) => {
      await store.deleteAudit(auditId);
      return true;
    }),
  );
  onMessage(
    'applyRetention',
    guarded(async (policy, store) => ({ deleted: await store.applyRetention(policy) })),
  );
  onMessage(
    'setAuditNote',
    guarded(async ({ auditId, networkLabel }, store) => {
      await store.putNote({ auditId, networkLabel: networkLabel.trim().slice(0, 80) });
      return true;
    }),
  );
}
