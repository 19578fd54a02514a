import { describe, expect, it } from 'vitest';
import { localResolver, type BrowserDnsApi } from './dns-adapter';

const api = (resolve: BrowserDnsApi['resolve']): BrowserDnsApi => ({ resolve });

describe('localResolver', () => {
  it('reads Firefox dns.resolve (addresses) and its NS_ERROR_UNKNOWN_HOST', async () => {
    const firefox = localResolver(api(async (h) => {
      if (h === 'gone.example') throw new Error('NS_ERROR_UNKNOWN_HOST');
      return { addresses: ['0.0.0.0'] };
    }))!;
    expect(await firefox('www.tiktok.com')).toEqual({ status: 'ok', addresses: ['0.0.0.0'], source: 'local' });
    expect(await firefox('gone.example')).toMatchObject({ status: 'nxdomain', addresses: [] });
  });

  it("reads Chromium's dns.resolve (one address, resultCode; -105 is NXDOMAIN)", async () => {
    const chromium = localResolver(api(async (h) => (h === 'gone.example' ? { resultCode: -105 } : { resultCode: 0, address: '127.0.0.2' })))!;
    expect(await chromium('www.reddit.com')).toEqual({ status: 'ok', addresses: ['127.0.0.2'], source: 'local' });
    expect(await chromium('gone.example')).toMatchObject({ status: 'nxdomain', error: 'resultCode -105' });
  });

  it('no DNS API (Chrome stable) ⇒ no local resolver', () => {
    expect(localResolver({} as BrowserDnsApi)).toBeUndefined();
  });
});
