import * as v from 'valibot';
import { UsageFigureSchema } from '../catalog/schema';
import { catalogId, label, LABEL_MAX } from '../catalog/label-rules';
import { MECHANISMS, VERDICTS } from '../verdict/types';
import { REPORT_SCHEMA, REPORT_SCHEMA_VERSION } from '../report/types';
import { instantProblem } from './instant';

// Labels are shown on the fleet page and written to CSV; reports arrive from every browser of a
// fleet, or from anyone who can reach the receiver: the rules are catalog import's (`catalog/label-rules.ts`).

/** Report ids and install ids: UUIDs in practice; anything id-like up to 100 characters is fine. */
const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9._:-]{1,100}$/, 'not an id (letters, digits, . _ : -)'));
/** Catalog ids, as the catalog defines them. */
const CatalogId = catalogId();
/**
 * An ISO 8601 timestamp with an instant to store: the pattern alone accepts 2026-02-31,
 * 0000-01-01T00:30+01:00 (before the year 0 in UTC), and times before 1970 or after
 * 2106-02-07, which ClickHouse's DateTime cannot hold (instant.ts).
 */
const Timestamp = v.pipe(
  v.string(),
  v.isoTimestamp('not an ISO timestamp'),
  v.check((s) => instantProblem(s) === undefined, (issue) => instantProblem(String(issue.input)) ?? 'no such instant'),
);

/** One service as the fleet needs it: verdict, mechanism and usage (channel evidence is dropped). */
export const FleetServiceSchema = v.object({
  id: CatalogId,
  name: label(LABEL_MAX.serviceName),
  category: CatalogId,
  usage: v.pipe(v.array(UsageFigureSchema), v.maxLength(20)),
  verdict: v.picklist(VERDICTS, 'unknown verdict'),
  mechanism: v.optional(v.picklist(MECHANISMS, 'unknown mechanism')),
});

/**
 * Report schema v1 (`utils/report/types.ts`) as the fleet reads it. `v.object`
 * drops keys it does not list, so the aggregate holds only what it uses, and a
 * later minor addition to reports never makes old receivers reject them.
 */
export const FleetReportSchema = v.object({
  schema: v.literal(REPORT_SCHEMA, 'not an Access Gap report'),
  schemaVersion: v.literal(REPORT_SCHEMA_VERSION),
  id: Id,
  status: v.picklist(['running', 'complete', 'failed'], 'unknown status'),
  trigger: v.picklist(['user', 'cli', 'schedule'], 'unknown trigger'),
  startedAt: Timestamp,
  finishedAt: v.optional(Timestamp),
  site: v.optional(label(LABEL_MAX.site)),
  organisation: v.optional(label(LABEL_MAX.organisation)),
  installId: v.optional(Id),
  tool: v.object({ name: label(50), version: label(50) }),
  browser: v.object({ name: label(50), version: label(50) }),
  catalog: v.object({ name: label(LABEL_MAX.catalogName), version: label(LABEL_MAX.catalogVersion), hash: label(200) }),
  control: v.object({ ok: v.boolean() }),
  services: v.pipe(v.array(FleetServiceSchema), v.maxLength(2000, 'more than 2000 services')),
});

/** A validated report, reduced to what the fleet aggregates. */
export type FleetReport = v.InferOutput<typeof FleetReportSchema>;
export type FleetService = v.InferOutput<typeof FleetServiceSchema>;
