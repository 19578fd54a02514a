import { describe, expect, it } from 'vitest';
import { NetErrorTracker } from './net-error-tracker';
import type { Observation } from './types';

const obs = (url: string, status?: number): Observation => ({
  serviceId: 's', channel: 'page', kind: 'fetch', url, startedAt: 0, redirects: [], timeoutMs: 1000,
  timings: { totalMs: 1 }, ...(status ? { status } : {}),
});

describe('NetErrorTracker', () => {
  it('attaches the browser error of the matching request to the probe', async () => {
    const t = new NetErrorTracker();
    const p = t.begin('https://a.test/');
    t.onBeforeRequest({ requestId: '1', url: 'https://a.test/', tabId: -1 });
    t.onErrorOccurred({ requestId: '1', url: 'https://a.test/', tabId: -1, error: 'net::ERR_NAME_NOT_RESOLVED' });
    const o = await t.finish(p, obs('https://a.test/'), 0);
    expect(o.netError).toBe('net::ERR_NAME_NOT_RESOLVED');
  });

  it('follows a request through redirects and records each hop', async () => {
    const t = new NetErrorTracker();
    const p = t.begin('http://a.test/');
    t.onBeforeRequest({ requestId: '7', url: 'http://a.test/', tabId: -1 });
    t.onBeforeRedirect({ requestId: '7', url: 'http://a.test/', tabId: -1, redirectUrl: 'https://a.test/', statusCode: 307 });
    t.onBeforeRequest({ requestId: '7', url: 'https://a.test/', tabId: -1 });
    t.onErrorOccurred({ requestId: '7', url: 'https://a.test/', tabId: -1, error: 'net::ERR_CERT_AUTHORITY_INVALID' });
    const o = await t.finish(p, obs('http://a.test/'), 0);
    expect(o.redirects).toEqual([{ from: 'http://a.test/', to: 'https://a.test/', status: 307 }]);
    expect(o.netError).toBe('net::ERR_CERT_AUTHORITY_INVALID');
  });

  it('keeps two concurrent probes of the same URL apart, in arrival order', async () => {
    const t = new NetErrorTracker();
    const first = t.begin('https://a.test/');
    const second = t.begin('https://a.test/');
    t.onBeforeRequest({ requestId: '1', url: 'https://a.test/', tabId: -1 });
    t.onBeforeRequest({ requestId: '2', url: 'https://a.test/', tabId: -1 });
    t.onErrorOccurred({ requestId: '2', url: 'https://a.test/', tabId: -1, error: 'net::ERR_CONNECTION_RESET' });
    expect((await t.finish(first, obs('https://a.test/', 200), 0)).netError).toBeUndefined();
    expect((await t.finish(second, obs('https://a.test/'), 0)).netError).toBe('net::ERR_CONNECTION_RESET');
  });

  it('ignores requests that are not probes', async () => {
    const t = new NetErrorTracker();
    const p = t.begin('https://a.test/');
    t.onBeforeRequest({ requestId: '9', url: 'https://other.test/', tabId: -1 });
    t.onErrorOccurred({ requestId: '9', url: 'https://other.test/', tabId: -1, error: 'net::ERR_FAILED' });
    expect((await t.finish(p, obs('https://a.test/'), 0)).netError).toBeUndefined();
  });
});
