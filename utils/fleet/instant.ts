/**
 * Report timestamps as UTC instants. Reports carry ISO 8601 times with an offset
 * (`2026-12-01T10:00:00+02:00` is 08:00 UTC) or `Z`; the fleet stores and groups by
 * the instant, never by the wall-clock text, so two browsers auditing at the same
 * moment in Paris and New York land on the same UTC day (docs/collector.md, "Times").
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:Z| ?([+-])(\d{2})(?::?(\d{2}))?)$/;

/**
 * `2026-12-01T10:00:00.5+02:00` → `2026-12-01T08:00:00.5Z`: the same instant in UTC, the
 * fraction of a second kept as written (an offset is whole minutes, so it never changes
 * the fraction). Accepts what the report schema accepts (valibot's isoTimestamp); a
 * day past the month's end (`02-31`) rolls over as `Date.UTC` does.
 */
export function utcInstant(iso: string): string {
  const m = ISO.exec(iso);
  if (!m) throw new Error(`not an ISO timestamp: ${iso.slice(0, 40)}`);
  const [, y, mo, d, h, mi, s, fraction = '', sign, oh = '0', om = '0'] = m;
  const offsetMinutes = sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) : 0;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi) - offsetMinutes, Number(s));
  return `${new Date(ms).toISOString().slice(0, 19)}${fraction}Z`;
}

/** The UTC day (`YYYY-MM-DD`) of a report timestamp: the fleet's days are UTC days. */
export const utcDay = (iso: string): string => utcInstant(iso).slice(0, 10);
