import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Catalog } from './catalog/types';
import type { AuditOptions } from './audit/types';
import type { AuditState } from './audit/state';
import type { Report } from './report/types';
import type { AuditSummary } from './history/summary';
import type { RetentionPolicy } from './store/retention';
import type { FleetStatus } from './schedule/status';
import type { CatalogImportResult, CatalogInfo } from './catalog/catalog-info';
import type { MergeMode } from './catalog/merge';

/** The one protocol between the extension's pages (and the CLI, through a page) and its background. */
export interface ProtocolMap {
  /** Start an audit, or join the running one. `catalog` overrides the reference catalog for this audit. */
  startAudit(req: { catalog?: Catalog; options?: Partial<AuditOptions>; trigger?: 'user' | 'cli' }): {
    auditId: string;
    joined: boolean;
  };
  /**
   * Live state of an audit (the latest when no id). `summary`: only the last few verdicts (with
   * the counts by verdict), for pages polling a running audit (see SUMMARY_VERDICTS).
   */
  getAuditState(req: { auditId?: string; summary?: boolean }): AuditState | null;
  /** The report of a finished audit, in the schema the CLI writes. */
  getReport(req: { auditId: string }): Report | null;
  /** Every stored audit, newest first, summarised for history (no evidence). */
  listAudits(req: Record<string, never>): AuditSummary[];
  /** Delete one audit and everything stored with it. */
  deleteAudit(req: { auditId: string }): boolean;
  /** Delete finished audits the retention settings no longer keep. */
  applyRetention(req: RetentionPolicy): { deleted: string[] };
  /** Attach the user's network label to an audit (opt-in setting). */
  setAuditNote(req: { auditId: string; networkLabel: string }): boolean;
  /** The catalog audits use now, and where it comes from (reference, custom import, managed policy). */
  getCatalog(req: Record<string, never>): CatalogInfo;
  /** Validate and store a custom catalog file (JSON or CSV); a rejected file stores nothing. */
  importCatalog(req: { text: string; fileName: string; mode: MergeMode }): CatalogImportResult;
  /** Forget the custom catalog: audits use the reference again. */
  resetCatalog(req: Record<string, never>): boolean;
  /** Managed deployment: policy in force (never the Authorization header), schedule, upload queue. */
  getFleetStatus(req: Record<string, never>): FleetStatus;
  /** A report the receiver refused, as JSON text for export; null when it is gone. */
  getDeadLetter(req: { id: string }): string | null;
  /** The employee removes a refused report from the dead letters. */
  removeDeadLetter(req: { id: string }): FleetStatus;
  /** The employee's own schedule (refused when IT's policy sets one the employee may not pause). */
  setUserSchedule(req: { enabled: boolean; hours?: number }): FleetStatus;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();

/** A message's request, as the protocol map declares it. */
export type MessageRequest<K extends keyof ProtocolMap> = Parameters<ProtocolMap[K]>[0];
/** A message's answer, as the protocol map declares it. */
export type MessageAnswer<K extends keyof ProtocolMap> = ReturnType<ProtocolMap[K]>;
/** The protocol as async functions, one per message: what the pages call (`utils/ui/page-api.ts`). */
export type ProtocolCalls = { [K in keyof ProtocolMap]: (req: MessageRequest<K>) => Promise<MessageAnswer<K>> };
