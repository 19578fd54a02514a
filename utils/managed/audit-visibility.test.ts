import { describe, expect, it, vi } from 'vitest';
import { employeeAuditFilter, employeeMaySee } from './audit-visibility';
import { parseManagedConfig } from './schema';

const policyReads = vi.hoisted(() => ({ count: 0 }));
vi.mock('./read', () => ({
  currentManagedConfig: async () => {
    policyReads.count++;
    return parseManagedConfig({ employeeCanSeeAudits: false });
  },
}));

describe('employeeMaySee: the policy employeeCanSeeAudits', () => {
  const triggers = ['user', 'cli', 'schedule'] as const;
  const seen = (policy: Record<string, unknown>) => triggers.filter((trigger) => employeeMaySee({ trigger }, parseManagedConfig(policy)));

  it('hides only IT’s scheduled audits when the policy says false', () => {
    expect(seen({ employeeCanSeeAudits: false })).toEqual(['user', 'cli']);
  });
  it('shows everything when the policy says true, is unset, or is invalid (ignored)', () => {
    expect(seen({ employeeCanSeeAudits: true })).toEqual(triggers);
    expect(seen({})).toEqual(triggers);
    expect(seen({ employeeCanSeeAudits: 'no' })).toEqual(triggers);
  });
});

describe('employeeAuditFilter: the policy read only when it can matter', () => {
  it('answers for an audit the employee started without reading the policy, and hides scheduled audits then', async () => {
    policyReads.count = 0;
    const accept = await employeeAuditFilter({ trigger: 'cli' });
    expect(policyReads.count).toBe(0);
    expect([accept({ trigger: 'cli' }), accept({ trigger: 'user' }), accept({ trigger: 'schedule' })]).toEqual([true, true, false]);
  });
  it('reads the policy for a scheduled audit, or for "any audit"', async () => {
    policyReads.count = 0;
    expect((await employeeAuditFilter({ trigger: 'schedule' }))({ trigger: 'schedule' })).toBe(false);
    expect((await employeeAuditFilter())({ trigger: 'user' })).toBe(true);
    expect(policyReads.count).toBe(2);
  });
});
