import type { Locale } from './locale';

/** Locale-aware formatting through Intl; never concatenate numbers or dates by hand. */
export interface Formatters {
  /** 0.637 → "63.7%" / "63,7 %". `null` is the caller's to word ("no figure"). */
  percent(share: number): string;
  integer(n: number): string;
  /** A date and time, e.g. "12 Nov 2026, 14:03". */
  dateTime(epochMs: number): string;
  /** A date alone, for chart axes. */
  date(epochMs: number): string;
  /** "3 minutes ago" / "il y a 3 minutes". */
  relative(epochMs: number, now?: number): string;
  /** A duration in ms: "83 ms", "1.2 s". */
  duration(ms: number): string;
  /** A share that may be tiny (a throughput ratio): two significant digits under 10 %, "0.031%", else like `percent`. */
  smallPercent(share: number): string;
  /** A plain number with at most `digits` decimals: "1,234.5" / "1 234,5". */
  decimal(n: number, digits?: number): string;
  /** A transfer rate in kB/s (1 kB = 1000 bytes): "32.1 kB/s" / "32,1 ko/s". */
  kBps(kBps: number): string;
  /** A size in bytes, in B, kB or MB (decimal units): "512 kB" / "512 ko". */
  bytes(n: number): string;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** Build the formatters for a locale (created once per page: Intl objects are costly). */
export function createFormatters(locale: Locale): Formatters {
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const dt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const d = new Intl.DateTimeFormat(locale, { dateStyle: 'short' });
  const rel = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const ms = new Intl.NumberFormat(locale, { style: 'unit', unit: 'millisecond', maximumFractionDigits: 0 });
  const sec = new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', maximumFractionDigits: 1 });
  const pct2 = new Intl.NumberFormat(locale, { style: 'percent', maximumSignificantDigits: 2 });
  const rate = new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte-per-second', maximumFractionDigits: 1 });
  const size = (unit: string) => new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 });
  // "179 byte" reads oddly in English: bytes alone take the narrow form ("179B", "179o").
  const b = new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'narrow' });
  const [kb, mb] = [size('kilobyte'), size('megabyte')];
  return {
    percent: (share) => pct.format(share),
    integer: (n) => int.format(n),
    dateTime: (t) => dt.format(t),
    date: (t) => d.format(t),
    relative(t, now = Date.now()) {
      const diff = t - now;
      const [unit, size] = UNITS.find(([, s]) => Math.abs(diff) >= s) ?? ['second', 1000];
      return rel.format(Math.round(diff / size), unit);
    },
    duration: (value) => (value < 1000 ? ms.format(value) : sec.format(value / 1000)),
    smallPercent: (share) => (share > 0 && share < 0.1 ? pct2.format(share) : pct.format(share)),
    decimal: (n, digits = 1) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n),
    kBps: (value) => rate.format(value),
    bytes: (n) => (n < 1000 ? b.format(n) : n < 1_000_000 ? kb.format(n / 1000) : mb.format(n / 1_000_000)),
  };
}
