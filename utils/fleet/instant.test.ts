import { describe, expect, it } from 'vitest';
import { utcDay, utcInstant } from './instant';

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

  it('refuses what is not a report timestamp', () => {
    expect(() => utcInstant('yesterday')).toThrow(/not an ISO timestamp/);
  });
});
