import { describe, expect, it } from 'vitest';
import { classifyNetError, FIREFOX_RULES, isBlockedByAdministrator, isBlockedByClient } from './net-errors';

describe('classifyNetError', () => {
  it.each([
    ['net::ERR_NAME_NOT_RESOLVED', 'dns', 'dns-nxdomain'],
    ['net::ERR_NAME_RESOLUTION_FAILED', 'dns', 'dns-resolution-failed'],
    ['net::ERR_ICANN_NAME_COLLISION', 'dns', 'dns-name-collision'],
    ['net::ERR_CONNECTION_REFUSED', 'tcp', 'tcp-refused'],
    ['net::ERR_ADDRESS_UNREACHABLE', 'tcp', 'tcp-unreachable'],
    ['net::ERR_CONNECTION_FAILED', 'tcp', 'tcp-failed'],
    ['net::ERR_NETWORK_ACCESS_DENIED', 'tcp', 'tcp-access-denied'],
    ['net::ERR_CONNECTION_RESET', 'tcp', 'tcp-reset'],
    ['net::ERR_CONNECTION_CLOSED', 'tcp', 'tcp-closed'],
    ['net::ERR_EMPTY_RESPONSE', 'tcp', 'tcp-empty-response'],
    ['net::ERR_CONNECTION_TIMED_OUT', 'timeout', 'timeout-connect'],
    ['net::ERR_TIMED_OUT', 'timeout', 'timeout-no-answer'],
    ['net::ERR_CERT_AUTHORITY_INVALID', 'tls', 'tls-cert-untrusted'],
    ['net::ERR_CERT_COMMON_NAME_INVALID', 'tls', 'tls-cert-name-mismatch'],
    ['net::ERR_CERT_KNOWN_INTERCEPTION_BLOCKED', 'tls', 'tls-interception-blocked'],
    ['net::ERR_TLS13_DOWNGRADE_DETECTED', 'tls', 'tls-downgrade-detected'],
    ['net::ERR_SSL_PROTOCOL_ERROR', 'tls', 'tls-protocol-error'],
    ['net::ERR_SSL_PINNED_KEY_NOT_IN_CHAIN', 'tls', 'tls-pinning-failed'],
    ['net::ERR_CERT_DATE_INVALID', 'tls', 'tls-cert-invalid'],
    ['net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH', 'tls', 'tls-handshake-failed'],
    ['net::ERR_TUNNEL_CONNECTION_FAILED', 'proxy', 'proxy-tunnel-refused'],
    ['net::ERR_PROXY_CONNECTION_FAILED', 'proxy', 'proxy-connection-failed'],
    ['net::ERR_MANDATORY_PROXY_CONFIGURATION_FAILED', 'proxy', 'proxy-config-failed'],
    ['net::ERR_HTTPS_PROXY_TUNNEL_RESPONSE_REDIRECT', 'proxy', 'proxy-tunnel-redirect'],
    ['net::ERR_BLOCKED_BY_ADMINISTRATOR', 'policy', 'policy-blocked'],
    ['net::ERR_BLOCKED_BY_CLIENT', 'extension', 'extension-blocked'],
  ])('%s → blocked/%s (%s)', (code, mechanism, reason) => {
    expect(classifyNetError(code)).toMatchObject({ outcome: 'blocked', mechanism, reason });
  });

  it.each([
    ['net::ERR_ABORTED', 'aborted'],
    ['net::ERR_INTERNET_DISCONNECTED', 'offline'],
    ['net::ERR_NETWORK_CHANGED', 'network-changed'],
    ['net::ERR_PROXY_AUTH_REQUESTED', 'proxy-auth-required'],
    ['net::ERR_PROXY_AUTH_UNSUPPORTED', 'proxy-auth-required'],
    ['NS_ERROR_PROXY_AUTHENTICATION_FAILED', 'proxy-auth-required'],
    // Firefox 153 ESR's report of a 407 to our fetch's CONNECT (and of a proxy that is down).
    ['NS_ERROR_PROXY_CONNECTION_REFUSED', 'proxy-refused-or-sign-in'],
    ['net::ERR_CONTENT_LENGTH_MISMATCH', 'unknown-error'],
    ['net::ERR_SOMETHING_NEW', 'unknown-error'],
    ['', 'unknown-error'],
  ])('%s is not blocking → inconclusive (%s)', (code, reason) => {
    const c = classifyNetError(code);
    expect(c).toMatchObject({ outcome: 'inconclusive', reason });
    expect(c.mechanism).toBeUndefined();
  });

  it('accepts codes without the net:: prefix and with stray whitespace', () => {
    expect(classifyNetError(' ERR_NAME_NOT_RESOLVED ')).toMatchObject({ mechanism: 'dns', reason: 'dns-nxdomain' });
  });

  it('says the proxy refused the tunnel, which also covers a proxy that cannot resolve the name', () => {
    expect(classifyNetError('net::ERR_TUNNEL_CONNECTION_FAILED').detail).toMatch(/proxy refused the tunnel.*could not resolve/);
  });

  it('names the unknown error in the detail', () => {
    expect(classifyNetError('net::ERR_SOMETHING_NEW').detail).toContain('net::ERR_SOMETHING_NEW');
  });

  it('maps Firefox errors only from lab observations (net-errors-firefox.test.ts); generic ones stay unknown', () => {
    expect(FIREFOX_RULES.NS_ERROR_UNKNOWN_HOST?.mechanism).toBe('dns');
    // Seen once for a reset, but shared by many causes: never blocked.
    expect(classifyNetError('NS_ERROR_FAILURE')).toMatchObject({ outcome: 'inconclusive', reason: 'unknown-error' });
  });
});

describe('isBlockedByClient / isBlockedByAdministrator', () => {
  it.each([
    ['net::ERR_BLOCKED_BY_CLIENT', true, false],
    ['ERR_BLOCKED_BY_CLIENT', true, false],
    ['net::ERR_BLOCKED_BY_ADMINISTRATOR', false, true],
    ['net::ERR_BLOCKED_BY_RESPONSE', false, false],
    [undefined, false, false],
  ])('%s → client %s, administrator %s', (code, client, admin) => {
    expect(isBlockedByClient(code)).toBe(client);
    expect(isBlockedByAdministrator(code)).toBe(admin);
  });
});
