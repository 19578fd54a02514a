import { describe, expect, it } from 'vitest';
import * as verdict from './index';

describe('public API', () => {
  it('exports the classifier entry points', () => {
    for (const name of ['classifyChannel', 'classifyService', 'classifyControl', 'classifyNetError', 'registrableDomain', 'isSameSite', 'matchVendorFingerprint'] as const) {
      expect(typeof verdict[name]).toBe('function');
    }
    expect(verdict.VERDICTS).toContain('partial');
  });
});
