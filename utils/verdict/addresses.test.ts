import { describe, expect, it } from 'vitest';
import { addressClass, blockPageAddressOwner } from './addresses';

describe('addressClass', () => {
  it.each([
    ['0.0.0.0', 'unspecified'], ['::', 'unspecified'], ['0:0:0:0:0:0:0:0', 'unspecified'],
    ['127.0.0.1', 'loopback'], ['127.53.0.9', 'loopback'], ['::1', 'loopback'], ['::ffff:127.0.0.1', 'loopback'],
    ['169.254.1.1', 'link-local'], ['fe80::1', 'link-local'], ['[fe80::1%eth0]', 'link-local'],
    ['10.10.34.34', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'], ['192.168.1.1', 'private'], ['fd00::1', 'private'],
    ['100.64.0.1', 'cgnat'], ['100.127.255.254', 'cgnat'],
    ['172.32.0.1', 'public'], ['100.128.0.1', 'public'], ['142.250.74.46', 'public'], ['2a00:1450:4007:80e::200e', 'public'],
    ['203.0.113.10', 'public'], ['::ffff:8.8.8.8', 'public'],
    ['not-an-ip', 'invalid'], ['256.1.1.1', 'invalid'], ['1::2::3', 'invalid'],
  ])('%s ⇒ %s', (ip, cls) => {
    expect(addressClass(ip)).toBe(cls);
  });
});

describe('blockPageAddressOwner', () => {
  it('knows the Umbrella block-page servers and only them', () => {
    expect(blockPageAddressOwner('146.112.61.106')).toMatch(/Umbrella/);
    expect(blockPageAddressOwner('146.112.61.111')).toBeUndefined();
    expect(blockPageAddressOwner('8.8.8.8')).toBeUndefined();
  });
  it('takes field-observed addresses as extra', () => {
    expect(blockPageAddressOwner('10.10.34.34', new Map([['10.10.34.34', 'national DNS block page (OONI)']]))).toBe('national DNS block page (OONI)');
  });
});
