import { describe, expect, it } from 'vitest';
import { generateReports } from './generate-reports';
import { MAX_REPORT_BYTES, validateReportText, validateReportValue } from './validate-report';

const good = () => generateReports(1)[0]!;
const json = (value: unknown) => JSON.stringify(value);

describe('validateReportText', () => {
  it('accepts a generated report and keeps only what the fleet uses', () => {
    const result = validateReportText(json({ ...good(), extra: 'ignored' }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.report.site).toBe('Paris HQ');
    expect('extra' in result.report).toBe(false);
    expect('channels' in result.report.services[0]!).toBe(false);
  });

  it.each([
    ['bad JSON', '{"schema": "access-gap-report",', /not valid JSON/],
    ['an array', '[1, 2]', /expected a JSON object/],
    ['a newer version', json({ ...good(), schemaVersion: 2 }), /schema version 2 is not 1/],
    ['no version', json({ ...good(), schemaVersion: undefined }), /schema version null/],
    ['another schema', json({ ...good(), schema: 'other' }), /schema: not an Access Gap report/],
    ['__proto__', '{"schemaVersion":1,"__proto__":{"polluted":true}}', /forbidden key "__proto__"/],
    ['nested constructor', json({ ...good(), services: [{ constructor: { prototype: 1 } }] }), /forbidden key "constructor"/],
    ['a script tag in the site', json({ ...good(), site: '<script>alert(1)</script>' }), /site: contains HTML/],
    ['a script tag in a service name', json({ ...good(), services: [{ ...good().services[0], name: '<img src=x onerror=alert(1)>' }] }), /services.0.name: contains HTML/],
    ['a control character', json({ ...good(), organisation: 'a\nb' }), /organisation: contains an invisible or control character \(U\+000A\)/],
    ['an unknown verdict', json({ ...good(), services: [{ ...good().services[0], verdict: 'maybe' }] }), /unknown verdict/],
    ['a bad id', json({ ...good(), id: 'a b' }), /id: not an id/],
    ['a bad date', json({ ...good(), startedAt: 'yesterday' }), /startedAt: not an ISO timestamp/],
    ['a start on a day that does not exist', json({ ...good(), startedAt: '2026-02-31T10:00:00Z' }), /^startedAt: no such day: 2026-02-31 \(February 2026 has 28 days\)$/],
    ['a start before the year 0 in UTC', json({ ...good(), startedAt: '0000-01-01T00:30:00+01:00' }), /^startedAt: before the year 0 in UTC: 0000-01-01T00:30:00\+01:00$/],
    ['a start before 1970', json({ ...good(), startedAt: '1969-07-20T20:17:40Z' }), /^startedAt: outside the times a fleet store can hold \(1970-01-01T00:00:00Z to 2106-02-07T06:28:15Z\): 1969-07-20T20:17:40Z$/],
    ['a finish on the 31st of a 30-day month', json({ ...good(), finishedAt: '2026-09-31T00:00:05+02:00' }), /^finishedAt: no such day: 2026-09-31 \(September 2026 has 30 days\)$/],
  ])('rejects %s with a reason', (_, text, reason) => {
    const result = validateReportText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('rejects an oversized report before parsing it', () => {
    const text = json({ ...good(), padding: 'x'.repeat(MAX_REPORT_BYTES) });
    const result = validateReportText(text);
    expect(result).toEqual({ ok: false, reason: 'larger than the 5 MB limit for one report' });
  });

  it('survives absurd nesting without a stack overflow', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { d: deep };
    expect(validateReportValue({ schemaVersion: 1, deep })).toMatchObject({ ok: false, reason: expect.stringMatching(/nested deeper/) });
  });

  it('refuses, as posted text, absurd nesting anywhere and forbidden keys however they are written', () => {
    const deep = (levels: number) => `${'{"d":'.repeat(levels)}1${'}'.repeat(levels)}`;
    const posted = (extra: string) => json(good()).replace(/}$/, `,"extra":${extra}}`);
    expect(validateReportText(posted(deep(100_000)))).toMatchObject({ ok: false, reason: expect.stringMatching(/^report\.extra(\.d)+: nested deeper than 10 levels$/) });
    expect(validateReportText(posted(deep(11)))).toMatchObject({ ok: false, reason: expect.stringMatching(/nested deeper/) });
    expect(validateReportText(posted(deep(10))).ok).toBe(true);
    // Brackets and quotes inside strings are text, not nesting.
    expect(validateReportText(posted(JSON.stringify({ s: '{[{[{[{[{[{[{[\\"' }))).ok).toBe(true);
    expect(validateReportText(posted('{"\\u005f_proto__": {"polluted": true}}'))).toMatchObject({ ok: false, reason: 'report.extra: forbidden key "__proto__"' });
    expect(validateReportText(posted('{"prototype": 1}'))).toMatchObject({ ok: false, reason: 'report.extra: forbidden key "prototype"' });
    // The word in a value is no key: the walk decides, and accepts.
    expect(validateReportText(posted('"a constructor of __proto__ chains"')).ok).toBe(true);
  });

  it('accepts a BOM', () => {
    expect(validateReportText('\uFEFF' + json(good())).ok).toBe(true);
  });
});
