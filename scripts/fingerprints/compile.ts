/**
 * Compile OONI's blocking-fingerprints CSVs into `utils/verdict/field-fingerprints.json`
 * (docs/field-fingerprints.md). Pure: CSV text in, data out, so the test can check that the
 * committed JSON is exactly what the vendored CSVs give.
 */
import Papa from 'papaparse';
import type {
  FieldBlockPage, FieldDnsAnswer, FieldExclusion, FieldFingerprints, FieldLocation, FieldPattern, PatternType,
} from '../../utils/verdict/field-data';
import { isVendorId } from '../../utils/verdict/vendors';
import { BLOCK_SCOPES, EXCLUDED as EXCLUDED_IDS, GUARD_SCOPE, SERVICE_SIDE as SERVICE_SIDE_IDS, VENDOR_OF_NAME, WEAK as WEAK_IDS } from './curation';

/** One row of either CSV, as the dataset's Readme defines the columns. */
interface Row {
  name: string;
  scope: string;
  location_found: string;
  pattern_type: string;
  pattern: string;
  confidence_no_fp: string;
}

const COLUMNS = ['name', 'scope', 'location_found', 'pattern_type', 'pattern', 'confidence_no_fp'];
const PATTERN_TYPES: readonly PatternType[] = ['full', 'prefix', 'contains', 'regexp'];

/** Parse one CSV; a missing column or a malformed row is an error naming the file and row. */
export function parseRows(csv: string, file: string): Row[] {
  const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
  const bad = parsed.errors[0];
  if (bad) throw new Error(`${file}: row ${(bad.row ?? 0) + 2}: ${bad.message}`);
  const missing = COLUMNS.filter((c) => !parsed.meta.fields?.includes(c));
  if (missing.length) throw new Error(`${file}: missing column(s) ${missing.join(', ')}`);
  return parsed.data as unknown as Row[];
}

function vendorOf(name: string): string | undefined {
  return VENDOR_OF_NAME.find(([re]) => re.test(name))?.[1];
}

function patternOf(row: Row, file: string): FieldPattern {
  const type = row.pattern_type as PatternType;
  if (!PATTERN_TYPES.includes(type)) throw new Error(`${file}: ${row.name}: unknown pattern_type "${row.pattern_type}"`);
  const loc = row.location_found;
  if (loc !== 'body' && !loc.startsWith('header.')) throw new Error(`${file}: ${row.name}: unknown location "${loc}"`);
  if (type === 'regexp') {
    try {
      new RegExp(row.pattern);
    } catch (e) {
      throw new Error(`${file}: ${row.name}: pattern is not a valid regular expression (${(e as Error).message})`);
    }
  }
  const where: FieldLocation = loc === 'body' ? 'body' : `header:${loc.slice('header.'.length).toLowerCase()}`;
  return { id: row.name, scope: row.scope, where, type, pattern: row.pattern };
}

/** Citizen Lab's self-assessed confidence; 6 or less means "may match ordinary pages". */
const lowConfidence = (row: Row) => row.name.startsWith('cl.') && Number(row.confidence_no_fp) <= 6;

export interface CompileInput {
  httpCsv: string;
  dnsCsv: string;
  source: FieldFingerprints['source'];
  /** Apply curation.ts's weak/service-side/excluded lists (false only in tests of the bare rules). */
  curation?: boolean;
}

const NONE: Readonly<Record<string, string>> = {};

/** The compiled data file. Throws if the curation names an id the dataset lacks. */
export function compileFingerprints({ httpCsv, dnsCsv, source, curation = true }: CompileInput): FieldFingerprints {
  const http = parseRows(httpCsv, 'fingerprints_http.csv');
  const dns = parseRows(dnsCsv, 'fingerprints_dns.csv');
  const ids = new Set([...http, ...dns].map((r) => r.name));
  const [WEAK, SERVICE_SIDE, EXCLUDED] = curation ? [WEAK_IDS, SERVICE_SIDE_IDS, EXCLUDED_IDS] : [NONE, NONE, NONE];
  for (const id of [...Object.keys(WEAK), ...Object.keys(SERVICE_SIDE), ...Object.keys(EXCLUDED)]) {
    if (!ids.has(id)) throw new Error(`curation names ${id}, which the dataset does not have`);
  }
  for (const [, vendor] of VENDOR_OF_NAME) if (!isVendorId(vendor)) throw new Error(`unknown vendor id ${vendor}`);

  const blockPages: FieldBlockPage[] = [];
  const guard: FieldPattern[] = [];
  const excluded: FieldExclusion[] = [];
  const isBlockScope = (scope: string) => (BLOCK_SCOPES as readonly string[]).includes(scope);

  for (const row of http) {
    const pattern = patternOf(row, 'fingerprints_http.csv');
    if (EXCLUDED[row.name]) excluded.push({ id: row.name, reason: EXCLUDED[row.name]! });
    else if (row.scope === GUARD_SCOPE) guard.push(pattern);
    else if (SERVICE_SIDE[row.name]) guard.push(pattern);
    else if (isBlockScope(row.scope)) {
      const weak = row.scope === 'vbw' || WEAK[row.name] !== undefined || lowConfidence(row);
      const vendor = vendorOf(row.name);
      blockPages.push({ ...pattern, strength: weak ? 'weak' : 'decisive', ...(vendor ? { vendor } : {}) });
    }
  }

  const dnsAnswers: FieldDnsAnswer[] = [];
  for (const row of dns) {
    if (EXCLUDED[row.name]) excluded.push({ id: row.name, reason: EXCLUDED[row.name]! });
    else if (isBlockScope(row.scope)) {
      const vendor = vendorOf(row.name);
      dnsAnswers.push({ id: row.name, scope: row.scope, answer: row.pattern.toLowerCase(), ...(vendor ? { vendor } : {}) });
    }
  }

  const excludedHttp = excluded.filter((e) => http.some((r) => r.name === e.id)).length;
  return {
    source,
    counts: {
      httpRows: http.length,
      blockPages: blockPages.length,
      decisive: blockPages.filter((b) => b.strength === 'decisive').length,
      guard: guard.length,
      excludedHttp,
      httpOutOfScope: http.length - blockPages.length - guard.length - excludedHttp,
      dnsRows: dns.length,
      dnsAnswers: dnsAnswers.length,
      excludedDns: excluded.length - excludedHttp,
      dnsOutOfScope: dns.length - dnsAnswers.length - (excluded.length - excludedHttp),
    },
    blockPages,
    guard,
    dnsAnswers,
    excluded,
  };
}
