import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../tests/fixtures/report';
import { inspectedServices, inspectionOwner, tlsCheckOf } from './tls';

describe('TLS inspection in the UI', () => {
  it('names the owner as "issuer (organisation)", without repeating an organisation the issuer names', () => {
    expect(inspectionOwner({ inspected: true, issuer: 'Corp Inspection Root CA', organization: 'ACME' })).toBe('Corp Inspection Root CA (ACME)');
    expect(inspectionOwner({ inspected: true, issuer: 'ACME Root CA', organization: 'ACME' })).toBe('ACME Root CA');
    expect(inspectionOwner({ inspected: true, organization: 'ACME' })).toBe('ACME');
    expect(inspectionOwner({ inspected: true })).toBeUndefined();
  });

  it('says unavailable on Chrome, also for older reports without the field; available on Firefox', () => {
    const report = sampleReport();
    expect(tlsCheckOf(report)).toBe('unavailable');
    expect(tlsCheckOf({ ...report, browser: { name: 'Firefox', version: '153' } })).toBe('available');
    expect(tlsCheckOf({ ...report, tlsInspection: 'available' })).toBe('available');
  });

  it('lists the services with an inspected channel', () => {
    const report = sampleReport();
    const [tube, ...rest] = report.services;
    const inspected = { ...tube!, channels: tube!.channels.map((c) => ({ ...c, evidence: { ...c.evidence, tls: { inspected: true, issuer: 'X' } } })) };
    expect(inspectedServices({ services: [inspected, ...rest] })).toEqual(['tube']);
    expect(inspectedServices(report)).toEqual([]);
  });
});
