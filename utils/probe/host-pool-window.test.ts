import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHostPool } from './host-pool';
import { createStartWindow } from './start-window';

/**
 * The starting window against three simulated networks (fake time, so the machine's load plays no
 * part): the browser's queue on loopback, a network that drops everything, and distant hosts of
 * unequal distance. Each is run with the pool's bounds alone (96 in flight) and with the window.
 */
afterEach(() => vi.useRealTimers());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Deterministic pseudo-random numbers (a linear congruential generator). */
function random(seed: number) {
  return () => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
}

type Network = (answered: () => void) => Promise<void>;

/** Requests served one at a time, every `eachMs` (the browser's network and UI threads on loopback). */
function queue(eachMs: number): Network {
  let freeAt = 0;
  return async (answered) => {
    freeAt = Math.max(freeAt, Date.now()) + eachMs;
    await sleep(freeAt - Date.now());
    answered();
  };
}
/** Every request dropped: the probe's own timeout ends it. */
const drops = (timeoutMs: number): Network => async () => {
  await sleep(timeoutMs);
};
/** Hosts at unequal distances: time to the headers log-normal around `medianMs`, then the body. */
function distant(medianMs: number): Network {
  const rand = random(7);
  return async (answered) => {
    const z = Math.sqrt(-2 * Math.log(rand() + 1e-9)) * Math.cos(2 * Math.PI * rand());
    await sleep(Math.round(medianMs * Math.exp(0.5 * z)));
    answered();
    await sleep(Math.round(medianMs / 4));
  };
}

async function audit(network: Network, probes: number, withWindow: boolean) {
  vi.useFakeTimers({ now: 0 });
  const startWindow = withWindow ? createStartWindow({ initial: 16, min: 4, max: 96, bootstrapMs: 120, floorMs: 50, ceilingMs: 1000 }) : undefined;
  const pool = createHostPool({ limit: 96, perHost: 6, ...(startWindow ? { startWindow } : {}) });
  const startedAt: number[] = [];
  const took: number[] = [];
  let done = false;
  const all = Promise.all(
    Array.from({ length: probes }, (_, i) =>
      pool.run({ host: `h${i}.test` }, async (answered) => {
        const t0 = Date.now();
        startedAt.push(t0);
        await network(answered);
        took.push(Date.now() - t0);
      }),
    ),
  ).then(() => (done = true));
  while (!done) await vi.advanceTimersByTimeAsync(5);
  await all;
  took.sort((a, b) => a - b);
  return { totalMs: Date.now(), medianMs: took[Math.floor(took.length / 2)] as number, lastStartMs: Math.max(...startedAt) };
}

describe('the starting window on simulated networks', () => {
  it('on the browser’s own queue: a far lower probe median, in the same total time', async () => {
    const without = await audit(queue(10), 80, false);
    const withWindow = await audit(queue(10), 80, true);
    expect(without.medianMs).toBeGreaterThan(400);
    expect(withWindow.medianMs).toBeLessThan(without.medianMs / 4);
    expect(withWindow.totalMs).toBeLessThanOrEqual(without.totalMs + 20);
  });

  it('on a network that drops everything: every probe started within the bootstrap time', async () => {
    const withWindow = await audit(drops(4000), 80, true);
    expect(withWindow.lastStartMs).toBeLessThanOrEqual(120 + 5);
    expect(withWindow.totalMs).toBeLessThanOrEqual(4000 + 120 + 5);
  });

  it('on distant hosts of unequal distance: no slower than without the window beyond the bootstrap', async () => {
    const without = await audit(distant(600), 400, false);
    const withWindow = await audit(distant(600), 400, true);
    expect(withWindow.totalMs).toBeLessThanOrEqual(without.totalMs * 1.05 + 120);
  });
});
