import { describe, expect, it } from 'vitest';
import { decideTlsInspection, parseDistinguishedName } from '../probe/tls-observation';
import { describeInspection, tlsInspectionCheck } from './tls-inspection';
import { DERIVED_BUILT_IN_ROOT, DERIVED_USER_EXCEPTION, RECORDED_CORPORATE_ROOT, RECORDED_LAB_ROOT } from '../../tests/fixtures/tls-security-info';

describe('decideTlsInspection (security info recorded in the Firefox lab)', () => {
  it('flags a trusted chain ending in a policy-installed root as inspected, naming its owner', () => {
    expect(decideTlsInspection(RECORDED_CORPORATE_ROOT)).toEqual({
      inspected: true,
      issuer: 'ACME Corp Inspection Root CA',
      organization: 'ACME Corp',
      rootBuiltIn: false,
    });
    expect(decideTlsInspection(RECORDED_LAB_ROOT)).toMatchObject({ inspected: true, issuer: 'Access Gap Lab Root' });
  });

  it('never flags a chain ending in a built-in public web root', () => {
    expect(decideTlsInspection(DERIVED_BUILT_IN_ROOT)).toEqual({
      inspected: false,
      issuer: 'ISRG Root X1',
      organization: 'Internet Security Research Group',
      rootBuiltIn: true,
    });
  });

  it('does not call a user certificate exception inspection', () => {
    expect(decideTlsInspection(DERIVED_USER_EXCEPTION)?.inspected).toBe(false);
  });

  it.each([
    ['insecure (plain HTTP)', { state: 'insecure' }],
    ['broken (handshake failed)', { state: 'broken', certificates: RECORDED_CORPORATE_ROOT.certificates }],
    ['secure without certificates', { state: 'secure', certificates: [] }],
  ])('has nothing to judge when %s', (_, info) => {
    expect(decideTlsInspection(info)).toBeUndefined();
  });

  it('falls back to the organisation, then the raw subject, when the root has no CN', () => {
    expect(decideTlsInspection({ state: 'secure', certificates: [{ subject: 'O=Fortinet,C=US' }] })?.issuer).toBe('Fortinet');
    expect(decideTlsInspection({ state: 'secure', certificates: [{ subject: 'weird' }] })?.issuer).toBe('weird');
  });
});

describe('parseDistinguishedName', () => {
  it.each([
    ['O=ACME Corp,CN=ACME Corp Inspection Root CA', { O: 'ACME Corp', CN: 'ACME Corp Inspection Root CA' }],
    ['CN=Zscaler Root CA,OU=Zscaler Inc.,O=Zscaler Inc.,L=San Jose,ST=California,C=US', { CN: 'Zscaler Root CA', O: 'Zscaler Inc.' }],
    ['CN=Corp\\, Inc. Root,O="Corp, Inc."', { CN: 'Corp, Inc. Root', O: 'Corp, Inc.' }],
    ['cn=lower case', { CN: 'lower case' }],
  ])('%s', (dn, expected) => {
    expect(parseDistinguishedName(dn)).toMatchObject(expected);
  });
});

describe('tlsInspectionCheck', () => {
  it('is available only where certificates are exposed: Chrome says unavailable, never "not inspected"', () => {
    expect(tlsInspectionCheck('Firefox')).toBe('available');
    expect(tlsInspectionCheck('Chrome')).toBe('unavailable');
    expect(tlsInspectionCheck('Chromium')).toBe('unavailable');
    expect(tlsInspectionCheck('Edge')).toBe('unavailable');
  });
});

describe('describeInspection', () => {
  it('names the root and its organisation once', () => {
    expect(describeInspection({ inspected: true, issuer: 'ACME Corp Inspection Root CA', organization: 'ACME Corp' })).toContain('"ACME Corp Inspection Root CA"');
    expect(describeInspection({ inspected: true, issuer: 'Zscaler Root CA', organization: 'Zscaler Inc.' })).toContain('"Zscaler Root CA (Zscaler Inc.)"');
  });
});

describe('noteInspection', () => {
  const tls = { inspected: true, issuer: 'ACME Corp Inspection Root CA', organization: 'ACME Corp' };
  it('keeps an inspected channel reachable and says who decrypts it', async () => {
    const { noteInspection } = await import('./tls-inspection');
    const v = noteInspection({ verdict: 'reachable', evidence: { tls, detail: 'The service answered HTTP 200.' } });
    expect(v.verdict).toBe('reachable');
    expect(v.evidence.detail).toBe('The service answered HTTP 200; the connection is TLS-inspected: its certificate chain ends in "ACME Corp Inspection Root CA", a root installed on this computer, not a public web authority.');
    expect(noteInspection({ verdict: 'blocked', evidence: { tls, detail: 'Blocked.' } }).evidence.detail).toBe('Blocked.');
  });
});
