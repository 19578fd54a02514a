import { describe, expect, it } from 'vitest';
import { createStartWindow, type StartWindowOptions } from './start-window';

const OPTIONS: StartWindowOptions = { initial: 4, min: 2, max: 20, bootstrapMs: 150, floorMs: 50, ceilingMs: 1000 };

/** Starts `n` probes at `at`, ids `from`…, and returns their ids. */
function startMany(w: ReturnType<typeof createStartWindow>, n: number, at: number, from = 0): number[] {
  const ids = Array.from({ length: n }, (_, i) => from + i);
  for (const id of ids) w.start(id, at);
  return ids;
}

describe('createStartWindow', () => {
  it('lets `size` probes start, and one more per answer', () => {
    const w = createStartWindow(OPTIONS);
    startMany(w, 4, 0);
    expect(w.canStart()).toBe(false);
    w.answered(0, 30);
    expect(w.canStart()).toBe(true);
    expect(w.starting).toBe(3);
  });

  it('grows while answers stay near the baseline, and shrinks (not below min) when they queue', () => {
    const w = createStartWindow(OPTIONS);
    // Eight answers of 40 ms: the baseline; the window grows by one per answer once judged.
    for (let i = 0; i < 8; i++) {
      w.start(i, i * 100);
      w.answered(i, i * 100 + 40);
    }
    expect(w.size).toBe(4 + 5);
    // Answers now take 200 ms, five times the baseline: a queue. In order, so not different paths.
    for (let i = 8; i < 40; i++) {
      w.start(i, i * 1000);
      w.answered(i, i * 1000 + 200);
    }
    expect(w.size).toBe(OPTIONS.min);
  });

  it('releases a probe overtaken by a later one that answered in less than half its wait', () => {
    const w = createStartWindow(OPTIONS);
    w.start('slow', 0);
    w.start('near', 10);
    w.start('fast', 50);
    w.answered('fast', 80); // took 30 ms; "slow" waited 80 > 60, "near" waited 70 > 60
    expect(w.starting).toBe(0);
    w.start('a', 100);
    w.start('b', 110);
    w.answered('b', 150); // took 40 ms; "a" waited 50 < 80: still starting
    expect(w.starting).toBe(1);
  });

  it('opens fully when no probe answered within bootstrapMs: a network that drops, or a long path', () => {
    const w = createStartWindow(OPTIONS);
    startMany(w, 4, 0);
    expect(w.nextDueAt()).toBe(150);
    w.due(149);
    expect(w.starting).toBe(4);
    w.due(150);
    expect(w.starting).toBe(0);
    expect(w.size).toBe(20);
    // And stays open: slow answers no longer shrink it.
    for (let i = 0; i < 20; i++) {
      w.start(`x${i}`, 1000);
      w.answered(`x${i}`, 1000 + 900);
    }
    expect(w.size).toBe(20);
  });

  it('opens fully when the first answers are slower than bootstrapMs', () => {
    const w = createStartWindow(OPTIONS);
    for (let i = 0; i < 4; i++) {
      w.start(i, 0);
      w.answered(i, 140 + 30 * i); // the first at 140 ms keeps `due` away; their median is 170 ms
    }
    expect(w.size).toBe(20);
  });

  it('releases by time after three times the recent answer time, within floor and ceiling', () => {
    const w = createStartWindow(OPTIONS);
    expect(w.releaseAfterMs()).toBe(150);
    w.start('a', 0);
    w.answered('a', 10);
    expect(w.releaseAfterMs()).toBe(50); // 30 → floor
    for (let i = 0; i < 8; i++) {
      w.start(i, 0);
      w.answered(i, 100);
    }
    expect(w.releaseAfterMs()).toBe(300);
  });

  it('widens by one for a probe released while others answer but none since it was sent', () => {
    const w = createStartWindow({ ...OPTIONS, initial: 10 });
    for (let i = 0; i < 4; i++) {
      w.start(i, 0);
      w.answered(i, 20 + i); // baseline ~21 ms; grows by one at the fourth answer
    }
    const before = w.size;
    w.start('quiet', 100);
    w.due(100 + w.releaseAfterMs());
    expect(w.starting).toBe(0);
    expect(w.size).toBe(before + 1);
  });

  it('halves on back-off, within the new maximum', () => {
    const w = createStartWindow({ ...OPTIONS, initial: 16 });
    w.backOff(10);
    expect(w.size).toBe(8);
    w.backOff(5);
    expect(w.size).toBe(4);
    w.backOff(1);
    expect(w.size).toBe(OPTIONS.min);
  });
});
