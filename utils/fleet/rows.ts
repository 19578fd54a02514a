import { POPULATIONS, type Population } from '../catalog/types';
import { usageFor } from '../catalog/usage';
import { NO_SITE } from './facts';
import { createGapMemo } from './gap-views';
import { utcInstant } from './instant';
import type { FleetReport } from './report-schema';

/**
 * A validated report as table rows, the same for every engine the collector
 * writes to (DuckDB, ClickHouse, Parquet): one row per report, one per service
 * verdict, and one per report × population × category holding the report's gap
 * as `computeGap` defines it (so SQL averages the one definition of the score
 * instead of re-implementing it). Only fields of the report schema are kept.
 * Dimensions the page filters on (day, site, catalog version, complete) are
 * repeated on every row: one table scan answers a query, no join.
 */
export interface ReportRow {
  id: string;
  received_at: string;
  started_at: string;
  finished_at: string | null;
  day: string;
  status: string;
  trigger: string;
  site: string;
  organisation: string;
  install_id: string;
  tool_version: string;
  browser_name: string;
  browser_version: string;
  catalog_name: string;
  catalog_version: string;
  catalog_hash: string;
  complete: number;
  control_ok: number;
  services: number;
}

export interface VerdictRow {
  report_id: string;
  day: string;
  site: string;
  catalog_version: string;
  complete: number;
  service_id: string;
  service_name: string;
  category: string;
  verdict: string;
  /** `''` when the verdict has no mechanism. */
  mechanism: string;
  /** The usage share `usageFor` picks for each population, or null without a published figure. */
  share_fr: number | null;
  share_us: number | null;
  share_world: number | null;
}

export interface GapRow {
  report_id: string;
  day: string;
  site: string;
  catalog_version: string;
  complete: number;
  population: Population;
  /** `''` for the report's overall gap. */
  category: string;
  blocked_share: number;
  degraded_share: number;
}

export interface ReportRows {
  report: ReportRow;
  verdicts: VerdictRow[];
  gaps: GapRow[];
}

/** Column order of each table: DDL, appenders, JSONEachRow and Parquet all follow it. */
export const REPORT_COLUMNS = [
  'id', 'received_at', 'started_at', 'finished_at', 'day', 'status', 'trigger', 'site', 'organisation', 'install_id',
  'tool_version', 'browser_name', 'browser_version', 'catalog_name', 'catalog_version', 'catalog_hash', 'complete', 'control_ok', 'services',
] as const satisfies readonly (keyof ReportRow)[];
export const VERDICT_COLUMNS = [
  'report_id', 'day', 'site', 'catalog_version', 'complete', 'service_id', 'service_name', 'category', 'verdict', 'mechanism',
  'share_fr', 'share_us', 'share_world',
] as const satisfies readonly (keyof VerdictRow)[];
export const GAP_COLUMNS = [
  'report_id', 'day', 'site', 'catalog_version', 'complete', 'population', 'category', 'blocked_share', 'degraded_share',
] as const satisfies readonly (keyof GapRow)[];

export const SHARE_COLUMN = { FR: 'share_fr', US: 'share_us', WORLD: 'share_world' } as const satisfies Record<Population, keyof VerdictRow>;

/** Turns reports into rows; holds the gap memo, so one instance serves a whole ingest. */
/** The usage share `usageFor` picks for the population, or null without a published figure. */
const shareOf = (s: FleetReport['services'][number], p: Population): number | null => (s.usage.length ? (usageFor(s, p)?.share ?? null) : null);

export function createRowMaker(): (report: FleetReport, receivedAt: Date) => ReportRows {
  const gapOf = createGapMemo();
  return (r, receivedAt) => {
    // Times as UTC instants, the day as the UTC day of the start (instant.ts).
    const startedAt = utcInstant(r.startedAt);
    const day = startedAt.slice(0, 10);
    const site = r.site ?? NO_SITE;
    const complete = r.status === 'complete' ? 1 : 0;
    const report: ReportRow = {
      id: r.id, received_at: receivedAt.toISOString(), started_at: startedAt, finished_at: r.finishedAt === undefined ? null : utcInstant(r.finishedAt), day, status: r.status,
      trigger: r.trigger, site, organisation: r.organisation ?? '', install_id: r.installId ?? '', tool_version: r.tool.version,
      browser_name: r.browser.name, browser_version: r.browser.version, catalog_name: r.catalog.name, catalog_version: r.catalog.version,
      catalog_hash: r.catalog.hash, complete, control_ok: r.control.ok ? 1 : 0, services: r.services.length,
    };
    // One pass, no closure or spread per service: a collector makes some fifty of these rows per report.
    const withFigures = new Set<Population>();
    const catalog_version = r.catalog.version;
    const verdicts: VerdictRow[] = new Array<VerdictRow>(r.services.length);
    let i = 0;
    for (const s of r.services) {
      const fr = shareOf(s, 'FR');
      const us = shareOf(s, 'US');
      const world = shareOf(s, 'WORLD');
      if (fr !== null) withFigures.add('FR');
      if (us !== null) withFigures.add('US');
      if (world !== null) withFigures.add('WORLD');
      verdicts[i++] = {
        report_id: r.id, day, site, catalog_version, complete, service_id: s.id, service_name: s.name, category: s.category,
        verdict: s.verdict, mechanism: s.mechanism ?? '', share_fr: fr, share_us: us, share_world: world,
      };
    }
    const gaps: GapRow[] = [];
    // Without a single figure for a population every share is null: no rows, and no gap to compute.
    for (const population of POPULATIONS.filter((p) => withFigures.has(p))) {
      const gap = gapOf(r, population);
      // A tally without weight has no share (null, never 0): it has no row, as in the page's means.
      for (const t of [{ category: '', ...gap.overall }, ...gap.byCategory]) {
        if (t.blockedShare === null) continue;
        gaps.push({ report_id: r.id, day, site, catalog_version, complete, population, category: t.category, blocked_share: t.blockedShare, degraded_share: t.degradedShare ?? 0 });
      }
    }
    return { report, verdicts, gaps };
  };
}
