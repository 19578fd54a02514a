import type { Report, ReportService } from '../report/types';
import type { Verdict } from '../verdict/types';

/** One service whose verdict differs between two audits. */
export interface VerdictChange {
  id: string;
  name: string;
  from: Verdict | 'absent';
  to: Verdict | 'absent';
}

/** What changed from an older audit to a newer one. */
export interface AuditComparison {
  /** Not blocked before (or not audited), blocked now. */
  nowBlocked: VerdictChange[];
  /** Blocked before, not blocked now. */
  unblocked: VerdictChange[];
  /** Any other change (e.g. reachable → throttled, or a service only one audit has). */
  otherChanges: VerdictChange[];
  unchanged: number;
  /**
   * Set when the two audits used different catalogs (by hash): some differences may
   * come from the catalog, not the network, so the comparison must say so.
   */
  catalogChanged?: { from: Report['catalog']; to: Report['catalog'] };
}

/** Compare two reports service by service (by id, so catalog order does not matter). */
export function compareReports(older: Report, newer: Report): AuditComparison {
  const before = new Map(older.services.map((s) => [s.id, s]));
  const after = new Map(newer.services.map((s) => [s.id, s]));
  const result: AuditComparison = { nowBlocked: [], unblocked: [], otherChanges: [], unchanged: 0 };
  if (older.catalog.hash !== newer.catalog.hash) result.catalogChanged = { from: older.catalog, to: newer.catalog };
  // Every service of either audit, named as the newer audit names it.
  const either = new Map([...before, ...after]);
  for (const [id, service] of either) {
    const a: ReportService | undefined = before.get(id);
    const b: ReportService | undefined = after.get(id);
    const change: VerdictChange = { id, name: service.name, from: a?.verdict ?? 'absent', to: b?.verdict ?? 'absent' };
    if (change.from === change.to) result.unchanged++;
    else if (change.to === 'blocked') result.nowBlocked.push(change);
    else if (change.from === 'blocked') result.unblocked.push(change);
    else result.otherChanges.push(change);
  }
  return result;
}
