import { describe, expect, it } from 'vitest';
import { employeeMaySee } from './audit-visibility';
import { parseManagedConfig } from './schema';

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
