import { describe, expect, it } from 'vitest';
import { matchFalsePositive } from './false-positives';
import { viewOf } from './response-view';
import { LAB, pageObs, type PageParts } from '../../tests/fixtures/observations';

const fp = (parts: PageParts) => matchFalsePositive(viewOf(pageObs(parts)))?.id;

describe('known false positives', () => {
  it('recognises the lab Cloudflare challenge fixture', () => {
    expect(matchFalsePositive(viewOf(LAB.cloudflareChallenge()))?.id).toBe('cloudflare-challenge');
  });

  it.each([
    ['cf-mitigated header', { status: 403, headers: { 'cf-mitigated': 'challenge' } }, 'cloudflare-challenge'],
    ['"Just a moment..." title', { status: 503, title: 'Just a moment...' }, 'cloudflare-challenge'],
    ['server cloudflare + 403', { status: 403, headers: { server: 'cloudflare' } }, 'cloudflare-challenge'],
    ['server cloudflare + 503', { status: 503, headers: { server: 'cloudflare' } }, 'cloudflare-challenge'],
    ['challenge script', { body: '<script src="https://challenges.cloudflare.com/turnstile/v0/api.js"></script>' }, 'cloudflare-challenge'],
    ['default nginx page', { title: 'Welcome to nginx!', body: '<h1>Welcome to nginx!</h1>' }, 'nginx-default-page'],
    ['nginx install text', { body: 'If you see this page, the nginx web server is successfully installed and working.' }, 'nginx-default-page'],
    ['Apache Debian page', { title: 'Apache2 Debian Default Page: It works' }, 'apache-default-page'],
    ['Apache "It works!"', { body: '<html><body><h1>It works!</h1></body></html>' }, 'apache-default-page'],
    ['502 Bad Gateway', { status: 502, title: '502 Bad Gateway', body: '<h1>502 Bad Gateway</h1><hr><center>nginx</center>' }, 'bad-gateway-page'],
  ] as [string, PageParts, string][])('%s → %s', (_name, parts, id) => {
    expect(fp(parts)).toBe(id);
  });

  it.each([
    ['server cloudflare + 200', { status: 200, headers: { server: 'cloudflare' }, title: 'Shop' }],
    ['server cloudflare + 404', { status: 404, headers: { server: 'cloudflare' }, title: 'Not found' }],
    ['a page quoting "It works!" with a title', { title: 'Blog', body: 'It works! Our new release' }],
    ['a squid deny page', { status: 403, headers: { 'x-squid-error': 'ERR_ACCESS_DENIED 0' }, title: 'ERROR: The requested URL could not be retrieved' }],
  ] as [string, PageParts][])('%s is not a known false positive', (_name, parts) => {
    expect(fp(parts)).toBeUndefined();
  });
});
