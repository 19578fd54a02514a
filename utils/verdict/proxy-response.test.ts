import { describe, expect, it } from 'vitest';
import { detectProxyResponse } from './proxy-response';
import { viewOf } from './response-view';
import { LAB, pageObs, SQUID_DENY_PAGE, type PageParts } from '../../tests/fixtures/observations';

const detect = (parts: PageParts) => detectProxyResponse(viewOf(pageObs(parts)));

describe('detectProxyResponse', () => {
  it('lab squid deny over plain HTTP: 403 + X-Squid-Error', () => {
    expect(detectProxyResponse(viewOf(LAB.squidDenyHttp()))).toEqual({
      reason: 'proxy-denied',
      squidError: 'ERR_ACCESS_DENIED',
      marker: 'header x-squid-error: ERR_ACCESS_DENIED 0',
    });
  });

  it('lab squid cannot resolve over plain HTTP: 502 + ERR_READ_ERROR', () => {
    expect(detectProxyResponse(viewOf(LAB.squidReadError()))).toMatchObject({ reason: 'proxy-upstream-error', squidError: 'ERR_READ_ERROR' });
  });

  it.each([
    ['407 + Proxy-Authenticate', { status: 407, headers: { 'proxy-authenticate': 'Basic realm="corp"' } }, 'proxy-auth-required'],
    ['403 + Via Cisco-WSA', { status: 403, headers: { via: '1.1 wsa (Cisco-WSA/14.0)' } }, 'proxy-denied'],
    ['403 + Server SonicWALL', { status: 403, headers: { server: 'SonicWALL' } }, 'proxy-denied'],
    ['503 + Via squid', { status: 503, headers: { via: '1.1 lab-proxy (squid/5.7)' } }, 'proxy-upstream-error'],
    ['403 squid page without headers', { status: 403, title: 'ERROR: The requested URL could not be retrieved', body: SQUID_DENY_PAGE }, 'proxy-denied'],
  ] as [string, PageParts, string][])('%s → %s', (_name, parts, reason) => {
    expect(detect(parts)?.reason).toBe(reason);
  });

  it.each([
    ['403 from the service itself', { status: 403, headers: { server: 'ESF' }, title: 'Forbidden' }],
    ['500 from the service itself', { status: 500, headers: { server: 'nginx' } }],
    ['403 behind a CDN Via', { status: 403, headers: { via: '1.1 varnish, 1.1 abc.cloudfront.net (CloudFront)' } }],
    ['403 Cloudflare challenge', { status: 403, headers: { server: 'cloudflare', 'cf-mitigated': 'challenge' } }],
    ['200 through a squid', { status: 200, headers: { via: '1.1 lab-proxy (squid/5.7)' } }],
    ['404 with X-Squid-Error', { status: 404, headers: { 'x-squid-error': 'ERR_INVALID_URL 0' } }],
  ] as [string, PageParts][])('%s is not a proxy response', (_name, parts) => {
    expect(detect(parts)).toBeUndefined();
  });
});
