import { afterEach, describe, expect, it, vi } from 'vitest';
import { createControlPulse } from './control-pulse';

afterEach(() => vi.useRealTimers());

/** A control request answering after `ms` (or never, when undefined). */
const after = (ms: number | undefined, answered = true) => () =>
  new Promise<{ answered: boolean }>((resolve) => {
    if (ms !== undefined) setTimeout(() => resolve({ answered }), ms);
  });

describe('createControlPulse', () => {
  it('finds no stall when every control request answers in time', async () => {
    vi.useFakeTimers({ now: 0 });
    const pulse = createControlPulse({ send: after(20), intervalMs: 1000, stallMs: 2000 });
    pulse.start();
    await vi.advanceTimersByTimeAsync(4000);
    pulse.stop();
    expect(pulse.count).toBe(5);
    expect(pulse.stalledDuring(0, 4000)).toBeUndefined();
  });

  it('reports a control request that stayed unanswered past the stall bound during the window', async () => {
    vi.useFakeTimers({ now: 0 });
    let calls = 0;
    // The first answers at once; the second (t = 1 s) hangs: the browser or network is saturated.
    const pulse = createControlPulse({ send: () => (++calls === 1 ? after(10)() : after(undefined)()), intervalMs: 1000, stallMs: 2000 });
    pulse.start();
    await vi.advanceTimersByTimeAsync(4500);
    // One request in flight at a time: the hanging one speaks for the whole stall.
    expect(pulse.count).toBe(2);
    expect(pulse.stalledDuring(0, 4500)).toBe(3500);
    // A probe that ended before the stalled request was even sent learns nothing from it.
    expect(pulse.stalledDuring(0, 900)).toBeUndefined();
    pulse.stop();
  });

  it('counts a control request that failed or answered too late as stalled', async () => {
    vi.useFakeTimers({ now: 0 });
    const failing = createControlPulse({ send: after(5, false), intervalMs: 1000, stallMs: 2000 });
    failing.start();
    await vi.advanceTimersByTimeAsync(100);
    failing.stop();
    expect(failing.stalledDuring(0, 100)).toBe(5);
    const slow = createControlPulse({ send: after(3000), intervalMs: 1000, stallMs: 2000 });
    slow.start();
    await vi.advanceTimersByTimeAsync(3100);
    slow.stop();
    expect(slow.stalledDuring(0, 3100)).toBe(3000);
  });
});
