import { describe, expect, it } from 'vitest';
import { createHostPool } from './host-pool';

/** A job that stays in flight until released, recording the peak concurrency per host and overall. */
function harness() {
  const running = new Map<string, number>();
  let overall = 0;
  const peaks = { overall: 0, host: new Map<string, number>() };
  const releases: (() => void)[] = [];
  const job = (host: string) => () =>
    new Promise<string>((resolve) => {
      overall++;
      running.set(host, (running.get(host) ?? 0) + 1);
      peaks.overall = Math.max(peaks.overall, overall);
      peaks.host.set(host, Math.max(peaks.host.get(host) ?? 0, running.get(host)!));
      releases.push(() => {
        overall--;
        running.set(host, running.get(host)! - 1);
        resolve(host);
      });
    });
  const drain = async () => {
    while (releases.length) {
      releases.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { job, peaks, drain };
}

describe('createHostPool', () => {
  it('keeps jobs within the overall bound and the per-host bound', async () => {
    const pool = createHostPool({ limit: 10, perHost: 6 });
    const h = harness();
    const hosts = [...Array.from({ length: 20 }, () => 'same.test'), ...Array.from({ length: 20 }, (_, i) => `h${i}.test`)];
    const all = Promise.all(hosts.map((host) => pool.run({ host }, h.job(host))));
    await h.drain();
    expect(await all).toEqual(hosts);
    expect(h.peaks.overall).toBe(10);
    expect(h.peaks.host.get('same.test')).toBe(6);
  });

  it('lets later jobs pass one whose host is full, and runs one job per exclusive key', async () => {
    const pool = createHostPool({ limit: 5, perHost: 1 });
    const order: string[] = [];
    const gate: (() => void)[] = [];
    const job = (name: string) => () => {
      order.push(name);
      return new Promise<void>((r) => gate.push(r));
    };
    const done = Promise.all([
      pool.run({ host: 'a' }, job('a1')),
      pool.run({ host: 'a' }, job('a2')),
      pool.run({ host: 'b', exclusiveKey: 'k' }, job('b1')),
      pool.run({ host: 'c', exclusiveKey: 'k' }, job('c1')),
      pool.run({ host: 'd' }, job('d1')),
    ]);
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual(['a1', 'b1', 'd1']);
    while (gate.length) {
      gate.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
    await done;
    expect(order).toEqual(['a1', 'b1', 'd1', 'a2', 'c1']);
  });

  it('halves its bound on back-off, never below the floor', () => {
    const pool = createHostPool({ limit: 96, perHost: 6, minLimit: 8 });
    expect([pool.backOff(), pool.backOff(), pool.backOff(), pool.backOff(), pool.backOff()]).toEqual([48, 24, 12, 8, 8]);
  });

  it('passes a job’s failure to its caller and frees the slot', async () => {
    const pool = createHostPool({ limit: 1, perHost: 1 });
    await expect(pool.run({ host: 'a' }, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await pool.run({ host: 'a' }, async () => 'next')).toBe('next');
    expect(pool.inFlight).toBe(0);
  });
});

describe('createHostPool with a starting window', () => {
  it('starts the next job at a job’s first answer while the answered one stays in flight', async () => {
    const { createStartWindow } = await import('./start-window');
    const startWindow = createStartWindow({ initial: 2, min: 1, max: 3, bootstrapMs: 10_000, floorMs: 50, ceilingMs: 10_000 });
    const pool = createHostPool({ limit: 3, perHost: 6, startWindow });
    const started: string[] = [];
    const answer = new Map<string, () => void>();
    const end = new Map<string, () => void>();
    const job = (name: string) => (answered: () => void) => {
      started.push(name);
      answer.set(name, answered);
      return new Promise<void>((r) => end.set(name, r));
    };
    const all = Promise.all(['a', 'b', 'c', 'd'].map((n) => pool.run({ host: `${n}.test` }, job(n))));
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual(['a', 'b']);
    answer.get('a')!();
    expect(started).toEqual(['a', 'b', 'c']);
    expect([pool.inFlight, pool.starting]).toEqual([3, 2]);
    // The overall bound still counts the answered job: `d` waits for an end.
    answer.get('b')!();
    expect(started).toEqual(['a', 'b', 'c']);
    end.get('a')!();
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    for (const n of ['b', 'c', 'd']) end.get(n)!();
    await all;
    expect([pool.inFlight, pool.starting]).toEqual([0, 0]);
  });
});
