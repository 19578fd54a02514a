import { formatMb, MAX_REPORT_BYTES, validateReportText, validateReportValue, type FleetReport } from './validate-report';

/** An NDJSON export of a year of a large fleet fits; anything bigger should be split by day (the receiver does). */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

/** Where a rejected report came from and why, shown to the user as plain text. */
export interface Rejection {
  /** File name (with `:line` for NDJSON), or the receiver URL. */
  source: string;
  reason: string;
}

/** Reports loaded so far, by id, and every rejection: one load adds to it. */
export interface FleetLoad {
  reports: Map<string, { report: FleetReport; source: string }>;
  rejected: Rejection[];
}

export const emptyLoad = (): FleetLoad => ({ reports: new Map(), rejected: [] });

/** NDJSON by name, or JSON lines sniffed from content (the receiver serves `.ndjson`; people rename files). */
export function isNdjson(name: string, text: string): boolean {
  if (/\.(ndjson|jsonl)$/i.test(name)) return true;
  const firstBreak = text.indexOf('\n');
  return firstBreak > 0 && firstBreak < text.trimEnd().length && text.trimStart().startsWith('{') && text.slice(0, firstBreak).trimEnd().endsWith('}');
}

/** Reject a file from its size alone, before reading it into memory. */
export function fileSizeRejection(name: string, bytes: number): Rejection | undefined {
  const ndjson = /\.(ndjson|jsonl)$/i.test(name);
  const limit = ndjson ? MAX_FILE_BYTES : MAX_REPORT_BYTES;
  if (bytes <= limit) return undefined;
  return { source: name, reason: `file is ${formatMb(bytes)}, over the ${formatMb(limit)} limit${ndjson ? '' : ' for one report'}` };
}

/**
 * Add one file's (or one receiver answer's) reports to `load`: a JSON report, a
 * JSON array of reports, or NDJSON. Each report is validated on its own; a bad
 * one is rejected with its reason and the rest still load. A report id already
 * loaded is rejected as a duplicate (the first copy stays).
 */
export function ingestText(load: FleetLoad, source: string, text: string): { added: number; rejected: number } {
  const before = { added: load.reports.size, rejected: load.rejected.length };
  const accept = (where: string, result: ReturnType<typeof validateReportText>) => {
    if (!result.ok) return void load.rejected.push({ source: where, reason: result.reason });
    const first = load.reports.get(result.report.id);
    if (first) return void load.rejected.push({ source: where, reason: `duplicate report id ${result.report.id} (first loaded from ${first.source})` });
    load.reports.set(result.report.id, { report: result.report, source: where });
  };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (isNdjson(source, body)) {
    body.split('\n').forEach((line, i) => {
      if (line.trim()) accept(`${source}:${i + 1}`, validateReportText(line));
    });
  } else if (body.trimStart().startsWith('[') && body.length <= MAX_FILE_BYTES) {
    let items: unknown;
    try {
      items = JSON.parse(body);
    } catch (error) {
      accept(source, { ok: false, reason: `not valid JSON (${(error as Error).message.slice(0, 120)})` });
    }
    if (Array.isArray(items)) items.forEach((item, i) => accept(`${source}[${i}]`, validateReportValue(item)));
  } else {
    accept(source, validateReportText(body));
  }
  return { added: load.reports.size - before.added, rejected: load.rejected.length - before.rejected };
}
