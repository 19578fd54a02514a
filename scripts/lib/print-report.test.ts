import { describe, expect, it } from 'vitest';
import { signInLine } from './print-report';

describe('the CLI on a sign-in-required run', () => {
  it('says what to do and names who answered in place of the checks', () => {
    expect(signInLine({ portalHost: 'portal.guest-wifi.example' })).toBe(
      'Sign-in required: sign in to the network (or the proxy), then run the audit again. portal.guest-wifi.example answered in place of the connectivity checks.',
    );
    expect(signInLine({ proxy: true })).toMatch(/then run the audit again\. The proxy asked for credentials\.$/);
    expect(signInLine({})).toBe('Sign-in required: sign in to the network (or the proxy), then run the audit again.');
  });
});
