import { describe, expect, it } from 'vitest';
import { generateReports } from './generate-reports';
import { emptyLoad, fileSizeRejection, ingestText, isNdjson } from './ingest';

const [a, b, c] = generateReports(3);
const j = (v: unknown) => JSON.stringify(v);

describe('ingestText', () => {
  it('loads JSON, JSON arrays and NDJSON, and rejects duplicates by id', () => {
    const load = emptyLoad();
    expect(ingestText(load, 'a.json', j(a))).toEqual({ added: 1, rejected: 0 });
    expect(ingestText(load, 'all.ndjson', `${j(a)}\n${j(b)}\n\n`)).toEqual({ added: 1, rejected: 1 });
    expect(ingestText(load, 'arr.json', j([c, { nope: 1 }]))).toEqual({ added: 1, rejected: 1 });
    expect(load.rejected).toEqual([
      { source: 'all.ndjson:1', reason: `duplicate report id ${a!.id} (first loaded from a.json)` },
      { source: 'arr.json[1]', reason: 'schema version null is not 1, the one this Access Gap reads' },
    ]);
  });

  it('names the bad line of an NDJSON file and loads the others', () => {
    const load = emptyLoad();
    ingestText(load, 'day.ndjson', `${j(a)}\n{broken\n${j({ ...b, site: '<script>x</script>' })}\n${j(c)}`);
    expect(load.reports.size).toBe(2);
    expect(load.rejected.map((r) => r.source)).toEqual(['day.ndjson:2', 'day.ndjson:3']);
  });

  it('names the field of a report dated on a day the calendar does not have, and loads the others', () => {
    const load = emptyLoad();
    ingestText(load, 'march.ndjson', `${j(a)}\n${j({ ...b, startedAt: '2026-02-30T09:00:00Z' })}\n${j(c)}`);
    expect(load.reports.size).toBe(2);
    expect(load.rejected).toEqual([{ source: 'march.ndjson:2', reason: 'startedAt: no such day: 2026-02-30 (February 2026 has 28 days)' }]);
  });

  it('sniffs NDJSON from content, not only from the name', () => {
    expect(isNdjson('export.txt', `${j(a)}\n${j(b)}\n`)).toBe(true);
    expect(isNdjson('one.json', JSON.stringify(a, null, 2))).toBe(false);
    expect(isNdjson('one.json', `${j(a)}\n`)).toBe(false);
  });

  it('rejects a big single-report file by size before reading it', () => {
    expect(fileSizeRejection('huge.json', 20 * 1024 * 1024)).toEqual({ source: 'huge.json', reason: 'file is 20 MB, over the 5 MB limit for one report' });
    expect(fileSizeRejection('big.ndjson', 20 * 1024 * 1024)).toBeUndefined();
  });
});
