/**
 * Report timestamps as UTC instants. Reports carry ISO 8601 times with an offset
 * (`2026-12-01T10:00:00+02:00` is 08:00 UTC) or `Z`; the fleet stores and groups by
 * the instant, never by the wall-clock text, so two browsers auditing at the same
 * moment in Paris and New York land on the same UTC day (docs/collector.md, "Times").
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:Z| ?([+-])(\d{2})(?::?(\d{2}))?)$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Days in a month of the Gregorian calendar ISO 8601 uses (`month` 1–12), leap years by the Gregorian rule. */
const daysIn = (year: number, month: number) =>
  month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : (DAYS[month - 1] ?? 0);

/**
 * Why `YYYY-MM-DD…` names no day of the calendar (`2026-02-31`, `2027-02-29`,
 * `2026-04-31`), or undefined when the day exists (or the text does not start with a
 * date: the format is checked elsewhere). ISO 8601's pattern, and valibot's
 * `isoTimestamp`, accept day 31 of every month; `Date.UTC` would roll 02-31 over to
 * 03-03, storing a report on a day it never ran.
 */
export function impossibleDay(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return `no month ${m[2]} in ${m[0]}`;
  const days = daysIn(year, month);
  if (day < 1 || day > days) return `no such day: ${m[0]} (${MONTHS[month - 1]} ${year} has ${days} days)`;
  return undefined;
}

/**
 * `2026-12-01T10:00:00.5+02:00` → `2026-12-01T08:00:00.5Z`: the same instant in UTC, the
 * fraction of a second kept as written (an offset is whole minutes, so it never changes
 * the fraction). Accepts what the report schema accepts (valibot's isoTimestamp on a day
 * that exists); an impossible day (`02-31`) throws rather than rolling over.
 */
export function utcInstant(iso: string): string {
  const m = ISO.exec(iso);
  if (!m) throw new Error(`not an ISO timestamp: ${iso.slice(0, 40)}`);
  const impossible = impossibleDay(iso);
  if (impossible) throw new Error(impossible);
  const [, y, mo, d, h, mi, s, fraction = '', sign, oh = '0', om = '0'] = m;
  const offsetMinutes = sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) : 0;
  // Not Date.UTC: it reads years 0–99 as 1900–1999 (0050 would be stored as 1950).
  const instant = new Date(0);
  instant.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  instant.setUTCHours(Number(h), Number(mi) - offsetMinutes, Number(s));
  // Only 0000-01-01 with an offset east of UTC falls before year 0, which ISO text without a sign cannot write.
  if (instant.getUTCFullYear() < 0) throw new Error(`before the year 0 in UTC: ${iso.slice(0, 40)}`);
  return `${instant.toISOString().slice(0, 19)}${fraction}Z`;
}

/**
 * The instants every fleet store can hold: ClickHouse's `DateTime` counts seconds since 1970 in
 * 32 unsigned bits (to 2106-02-07T06:28:15Z), and no audit ran before 1970. Outside them
 * ClickHouse 18.16 stores another time without a word (docs/collector.md, "Times").
 */
export const STORABLE_INSTANTS = { from: '1970-01-01T00:00:00', until: '2106-02-07T06:28:15' } as const;

/**
 * Why a timestamp the ISO pattern accepts has no UTC instant to store (a day the calendar lacks,
 * before the year 0, outside STORABLE_INSTANTS), or undefined.
 */
export function instantProblem(iso: string): string | undefined {
  let utc: string;
  try {
    utc = utcInstant(iso);
  } catch (error) {
    return (error as Error).message;
  }
  // Fixed-width ISO text (four-digit years) orders as the instants do.
  const seconds = utc.slice(0, 19);
  if (seconds < STORABLE_INSTANTS.from || seconds > STORABLE_INSTANTS.until) {
    return `outside the times a fleet store can hold (${STORABLE_INSTANTS.from}Z to ${STORABLE_INSTANTS.until}Z): ${iso.slice(0, 40)}`;
  }
  return undefined;
}

/** The UTC day (`YYYY-MM-DD`) of a report timestamp: the fleet's days are UTC days. */
export const utcDay = (iso: string): string => utcInstant(iso).slice(0, 10);
