import { describe, expect, it } from 'vitest';
import { createManagedConfigCache } from './read';
import { parseManagedConfig } from './schema';

describe('createManagedConfigCache', () => {
  it('reads once while fresh, again after forget() or past its age', async () => {
    let reads = 0;
    let clock = 0;
    const cache = createManagedConfigCache(async () => parseManagedConfig({ site: `read ${++reads}` }), { maxAgeMs: 1000, now: () => clock });
    expect((await cache.get()).site).toBe('read 1');
    clock = 1000;
    expect((await cache.get()).site).toBe('read 1');
    cache.forget();
    expect((await cache.get()).site).toBe('read 2');
    clock = 2001;
    expect((await cache.get()).site).toBe('read 3');
    expect(reads).toBe(3);
  });

  it('does not keep a failed read', async () => {
    let fail = true;
    const cache = createManagedConfigCache(async () => {
      if (fail) throw new Error('no policy service yet');
      return parseManagedConfig({});
    });
    await expect(cache.get()).rejects.toThrow('no policy service yet');
    fail = false;
    await expect(cache.get()).resolves.toBeDefined();
  });
});
