import type { Population } from '../catalog/types';
import type { ReportService } from '../report/types';
import type { Verdict } from '../verdict/types';
import { shareOf } from './gap-view';

export type SortKey = 'share' | 'name' | 'verdict';
export interface TableFilter {
  /** Only blocked, partial and throttled services. */
  problemsOnly: boolean;
  /** One category, or `all`. */
  category: string;
}
export interface CategoryGroup {
  category: string;
  services: ReportService[];
}

/** Worst first, so "sort by verdict" puts what needs attention on top. */
const VERDICT_RANK: Record<Verdict, number> = { blocked: 0, partial: 1, throttled: 2, inconclusive: 3, reachable: 4 };
const PROBLEMS: readonly Verdict[] = ['blocked', 'partial', 'throttled'];

/**
 * The dashboard table's rows: filtered, grouped by category (in report order),
 * sorted inside each group. Share sorts most used first, no figure last.
 */
export function groupServices(
  services: ReportService[],
  population: Population,
  filter: TableFilter,
  sort: SortKey,
  collator: Intl.Collator = new Intl.Collator(),
): CategoryGroup[] {
  const byName = (a: ReportService, b: ReportService) => collator.compare(a.name, b.name);
  const compare: Record<SortKey, (a: ReportService, b: ReportService) => number> = {
    name: byName,
    share: (a, b) => (shareOf(b, population) ?? -1) - (shareOf(a, population) ?? -1) || byName(a, b),
    verdict: (a, b) => VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] || byName(a, b),
  };
  const kept = services.filter(
    (s) => (!filter.problemsOnly || PROBLEMS.includes(s.verdict)) && (filter.category === 'all' || s.category === filter.category),
  );
  const groups = new Map<string, ReportService[]>();
  for (const s of kept) groups.set(s.category, [...(groups.get(s.category) ?? []), s]);
  return [...groups].map(([category, list]) => ({ category, services: list.sort(compare[sort]) }));
}

/** Categories of a report, in report order, for the filter. */
export const categoriesOf = (services: ReportService[]) => [...new Set(services.map((s) => s.category))];
