import type { ServiceEntry } from '../catalog/schema';
import type { Population } from '../catalog/types';
import { usageFor } from '../catalog/usage';
import { defaultPopulation } from '../gap/population';
import type { GapScore } from '../gap';
import type { Report, ReportService } from '../report/types';
import type { Settings } from '../settings';

/**
 * A report service's usage share for a population, chosen exactly as the gap
 * score chooses it (`usageFor`: most recent published figure). `null` = no figure.
 */
export function shareOf(service: Pick<ReportService, 'usage'>, population: Population): number | null {
  // usageFor reads only `usage`; a report service carries the catalog's figures unchanged.
  return usageFor(service as ServiceEntry, population)?.share ?? null;
}

/** The gap to show: the chosen population if the report has it, else the first it has. */
export function pickGap(report: Pick<Report, 'gap'>, setting: Settings['population'], locale: string): GapScore | undefined {
  const wanted = setting === 'auto' ? defaultPopulation(locale) : setting;
  return report.gap.find((g) => g.population === wanted) ?? report.gap[0];
}

/** Blocked services, most used first (no figure last, then by name): the popup's short list. */
export function topBlocked(services: ReportService[], population: Population, limit = 5): ReportService[] {
  return services
    .filter((s) => s.verdict === 'blocked')
    .sort((a, b) => (shareOf(b, population) ?? -1) - (shareOf(a, population) ?? -1) || a.name.localeCompare(b.name))
    .slice(0, limit);
}
