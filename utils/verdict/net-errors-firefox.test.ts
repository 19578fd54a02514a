import { describe, expect, it } from 'vitest';
import { classifyNetError, isBlockedByAdministrator, isBlockedByClient } from './net-errors';

// Each row is a string Firefox 153 ESR reported in the Firefox lab for that mechanism.
describe('Firefox error vocabulary (lab observations)', () => {
  it.each([
    ['NS_ERROR_UNKNOWN_HOST', 'DNS NXDOMAIN (fetch and WebSocket)', 'dns', 'dns-nxdomain'],
    ['NS_ERROR_CONNECTION_REFUSED', 'nothing listening on 443', 'tcp', 'tcp-refused'],
    ['NS_ERROR_NET_RESET', 'RST answering the ClientHello', 'tcp', 'tcp-reset'],
    ['NS_ERROR_PROXY_FORBIDDEN', 'squid CONNECT 403 (https and wss)', 'proxy', 'proxy-tunnel-refused'],
    ['Peer’s Certificate issuer is not recognized.', 'leaf from a CA nobody installed', 'tls', 'tls-cert-untrusted'],
    ['SSL received a record that exceeded the maximum permissible length.', 'plain HTTP answer on 443', 'tls', 'tls-protocol-error'],
    ['Error code 2155347971', 'WebsiteFilter policy, webNavigation on a frame', 'policy', 'policy-blocked'],
    ['Error code 2147500036', 'our own DNR rule, webNavigation on a frame', 'extension', 'extension-blocked'],
    ['NS_ERROR_ABORT', 'our own DNR rule, webRequest on a frame', 'extension', 'extension-blocked'],
  ])('%s (%s) ⇒ blocked/%s', (error, _how, mechanism, reason) => {
    expect(classifyNetError(error)).toMatchObject({ outcome: 'blocked', mechanism, reason });
  });

  it.each([
    ['NS_BINDING_ABORTED', 'aborted'], // our own timer (silent server)
    ['NS_ERROR_FAILURE', 'unknown-error'], // generic: a reset before the TLS layer's first write, and many other causes (docs/firefox-errors.md)
    ['NS_ERROR_NET_TIMEOUT', 'unknown-error'], // not observed in the lab: not mapped
  ])('%s ⇒ inconclusive/%s', (error, reason) => {
    expect(classifyNetError(error)).toMatchObject({ outcome: 'inconclusive', reason });
  });

  it('recognises the WebsiteFilter policy block and our own frame block like Chromium’s codes', () => {
    expect(isBlockedByAdministrator('Error code 2155347971')).toBe(true);
    expect(isBlockedByClient('Error code 2155347971')).toBe(false);
    expect(isBlockedByClient('Error code 2147500036')).toBe(true);
    expect(isBlockedByAdministrator('net::ERR_BLOCKED_BY_ADMINISTRATOR')).toBe(true);
    expect(isBlockedByClient('net::ERR_BLOCKED_BY_CLIENT')).toBe(true);
  });
});
