import { describe, expect, it } from 'vitest';
import { impossibleDay, instantProblem, utcDay, utcInstant } from './instant';

describe('utcInstant', () => {
  it.each([
    ['2026-12-01T10:00:00+02:00', '2026-12-01T08:00:00Z'],
    ['2026-12-01T01:30:00+02:00', '2026-11-30T23:30:00Z'],
    ['2026-12-31T22:00:00-05:00', '2027-01-01T03:00:00Z'],
    ['2026-12-01T10:00:00.123456789+0530', '2026-12-01T04:30:00.123456789Z'],
    ['2026-12-01 10:00:00 -03', '2026-12-01T13:00:00Z'],
    ['2026-12-01T10:00:00.5Z', '2026-12-01T10:00:00.5Z'],
    ['2026-03-01T00:30:00+01:00', '2026-02-28T23:30:00Z'],
  ])('%s is %s', (written, utc) => {
    expect(utcInstant(written)).toBe(utc);
    // The same instant as the platform's own parser, where it reads the form.
    if (!/ |\d{4}$|-03$/.test(written)) expect(Date.parse(utcInstant(written).replace(/(\.\d{3})\d+/, '$1'))).toBe(Date.parse(written.replace(/(\.\d{3})\d+/, '$1').replace('+0530', '+05:30')));
  });

  it('gives the UTC day, which is not the day written before an offset', () => {
    expect(utcDay('2026-12-01T01:00:00+02:00')).toBe('2026-11-30');
    expect(utcDay('2026-12-01T23:00:00-02:00')).toBe('2026-12-02');
  });

  it.each([
    ['0050-03-01T00:30:00+01:00', '0050-02-28T23:30:00Z'],
    ['0099-12-31T23:30:00-01:00', '0100-01-01T00:30:00Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00Z'],
  ])('keeps years before 100 as written: %s is %s (Date.UTC reads them as 1900–1999)', (written, utc) => {
    expect(utcInstant(written)).toBe(utc);
  });

  it('refuses a time that falls before the year 0 in UTC', () => {
    expect(() => utcInstant('0000-01-01T00:30:00+01:00')).toThrow(/before the year 0/);
  });

  it('refuses what is not a report timestamp', () => {
    expect(() => utcInstant('yesterday')).toThrow(/not an ISO timestamp/);
  });

  it('refuses a day the calendar does not have instead of rolling it over', () => {
    expect(() => utcInstant('2026-02-31T10:00:00Z')).toThrow('no such day: 2026-02-31 (February 2026 has 28 days)');
    expect(() => utcDay('2026-04-31T10:00:00+02:00')).toThrow(/April 2026 has 30 days/);
  });
});

describe('impossibleDay', () => {
  it.each([
    ['2026-02-29T00:00:00Z', 'no such day: 2026-02-29 (February 2026 has 28 days)'],
    ['2100-02-29T00:00:00Z', 'no such day: 2100-02-29 (February 2100 has 28 days)'],
    ['2026-06-31T12:00:00Z', 'no such day: 2026-06-31 (June 2026 has 30 days)'],
    ['2026-11-31 08:00:00 +01', 'no such day: 2026-11-31 (November 2026 has 30 days)'],
    ['2026-01-00T00:00:00Z', 'no such day: 2026-01-00 (January 2026 has 31 days)'],
    ['2026-13-01T00:00:00Z', 'no month 13 in 2026-13-01'],
  ])('%s: %s', (text, reason) => {
    expect(impossibleDay(text)).toBe(reason);
  });

  it.each(['2028-02-29T00:00:00Z', '2000-02-29T00:00:00Z', '2026-01-31T23:59:59Z', '2026-12-31T00:00:00-05:00', '2026-04-30T00:00:00Z'])('%s exists', (text) => {
    expect(impossibleDay(text)).toBeUndefined();
  });
});

describe('instantProblem: the times every fleet store can hold', () => {
  it.each(['1970-01-01T00:00:00Z', '1970-01-01T01:00:00+01:00', '2106-02-07T06:28:15Z', '2026-12-02T15:00:00.999+01:00'])('%s can be stored', (text) => {
    expect(instantProblem(text)).toBeUndefined();
  });

  it.each([
    ['1969-12-31T23:59:59Z'],
    ['1970-01-01T00:30:00+01:00'],
    ['2106-02-07T06:28:16Z'],
    ['0050-03-01T00:30:00+01:00'],
    ['9999-12-31T23:59:59Z'],
  ])('%s is refused with the range it misses (ClickHouse DateTime would store another time)', (text) => {
    expect(instantProblem(text)).toBe(`outside the times a fleet store can hold (1970-01-01T00:00:00Z to 2106-02-07T06:28:15Z): ${text}`);
  });

  it('still names a day the calendar lacks first', () => {
    expect(instantProblem('1960-02-30T00:00:00Z')).toBe('no such day: 1960-02-30 (February 1960 has 29 days)');
  });
});
