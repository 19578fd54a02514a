import type { AuditNote, AuditRecord } from '../audit/types';
import type { ServiceVerdict, Verdict } from '../verdict/types';
import { computeGap, populationsWithFigures, type GapScore } from '../gap';
import { auditHeader, type AuditHeader } from '../audit/state';

/** One line of history: enough for the audit list and the gap-over-time chart, without any evidence. */
export interface AuditSummary extends AuditHeader {
  /** Services classified (of `total`). */
  done: number;
  /** How many services got each verdict. */
  counts: Partial<Record<Verdict, number>>;
  controlOk?: boolean;
  /** Gap for each population the audited catalog has figures for (computed by `utils/gap`). */
  gap: Pick<GapScore, 'population' | 'overall'>[];
  networkLabel?: string;
}

/** Summarise a stored audit (the background calls this for `listAudits`). */
export function summarizeAudit(audit: AuditRecord, verdicts: ServiceVerdict[], note?: AuditNote): AuditSummary {
  const counts: AuditSummary['counts'] = {};
  for (const v of verdicts) counts[v.verdict] = (counts[v.verdict] ?? 0) + 1;
  return {
    ...auditHeader(audit),
    done: verdicts.length,
    counts,
    ...(audit.control ? { controlOk: audit.control.ok } : {}),
    // Only the overall tally travels: the per-category detail is in each audit's report.
    // A sign-in-required run measured nothing: it has no gap score (and no point in the history chart).
    gap: (audit.control?.signIn ? [] : populationsWithFigures(audit.catalog)).map((p) => {
      const { population, overall } = computeGap(audit.catalog, verdicts, p);
      return { population, overall };
    }),
    ...(note?.networkLabel ? { networkLabel: note.networkLabel } : {}),
  };
}
