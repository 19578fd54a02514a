import { validateReportText, validateReportValue, type FleetReport, type ValidationResult } from '../fleet/validate-report';

/** What an imported file gave: the reports it held and one reason per rejected entry. */
export interface FleetImport {
  reports: FleetReport[];
  rejected: { file: string; reason: string }[];
}

/**
 * Read one file of fleet reports: a single report (JSON object), an array of
 * reports, or NDJSON (the reference receiver's files: one report a line). Each
 * report goes through the fleet's validator; a bad one is rejected with its
 * reason while the rest load.
 */
export function readFleetFile(name: string, text: string): FleetImport {
  const results: ValidationResult[] = [];
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (e) {
      return { reports: [], rejected: [{ file: name, reason: `not valid JSON (${(e as Error).message.slice(0, 120)})` }] };
    }
    for (const item of value as unknown[]) results.push(validateReportValue(item));
  } else {
    const whole = validateReportText(trimmed);
    // One report over several lines (pretty-printed JSON) or NDJSON: try the whole first.
    const lines = trimmed.split(/\r?\n/).filter((l) => l.trim());
    if (whole.ok || lines.length < 2) results.push(whole);
    else for (const line of lines) results.push(validateReportText(line));
  }
  return {
    reports: results.flatMap((r) => (r.ok ? [r.report] : [])),
    rejected: results.flatMap((r, i) => (r.ok ? [] : [{ file: results.length > 1 ? `${name} #${i + 1}` : name, reason: r.reason }])),
  };
}

/** Merge the imports of several files. */
export function mergeImports(imports: readonly FleetImport[]): FleetImport {
  return { reports: imports.flatMap((i) => i.reports), rejected: imports.flatMap((i) => i.rejected) };
}
