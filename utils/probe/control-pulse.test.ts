import { afterEach, describe, expect, it, vi } from 'vitest';
import { createControlPulse } from './control-pulse';

afterEach(() => vi.useRealTimers());

/** A control request answering after `ms` (or never, when undefined). */
const after = (ms: number | undefined, answered = true) => () =>
  new Promise<{ answered: boolean }>((resolve) => {
    if (ms !== undefined) setTimeout(() => resolve({ answered }), ms);
  });

describe('createControlPulse', () => {
  it('finds the path clear when control requests issued during the wait answered in time', async () => {
    vi.useFakeTimers({ now: 0 });
    const pulse = createControlPulse({ send: after(20), intervalMs: 500 });
    pulse.start();
    await vi.advanceTimersByTimeAsync(4000);
    pulse.stop();
    expect(pulse.count).toBe(9);
    expect(pulse.stalledDuring(100, 4000)).toBeUndefined();
  });

  it('finds it saturated when no control request got through during the wait', async () => {
    vi.useFakeTimers({ now: 0 });
    let calls = 0;
    // The first answers at once; the second (t = 1 s) hangs: the browser or network is saturated.
    const pulse = createControlPulse({ send: () => (++calls === 1 ? after(10)() : after(undefined)()), intervalMs: 1000 });
    pulse.start();
    await vi.advanceTimersByTimeAsync(4500);
    // One request in flight at a time: the hanging one speaks for the whole stall.
    expect(pulse.count).toBe(2);
    expect(pulse.stalledDuring(500, 4500)).toBe(3500);
    // A wait that ended before the stuck request was sent learns nothing from it.
    expect(pulse.stalledDuring(0, 900)).toBeUndefined();
    pulse.stop();
  });

  it('counts failed or late control requests as no answer once a control answered, but not one sent a moment ago', async () => {
    vi.useFakeTimers({ now: 0 });
    const failing = createControlPulse({ send: after(5, false), intervalMs: 1000 });
    failing.start();
    await vi.advanceTimersByTimeAsync(1500);
    failing.stop();
    // No control request has ever answered: the pulse measures itself (a control the path cannot
    // reach, as the lab showed), not the path, so it marks nothing saturated.
    expect(failing.stalledDuring(0, 1500)).toBeUndefined();
    vi.setSystemTime(0);
    const slow = createControlPulse({ send: after(3000), intervalMs: 1000 });
    slow.start();
    await vi.advanceTimersByTimeAsync(2000);
    expect(slow.stalledDuring(0, 2000)).toBeUndefined(); // nothing answered yet: no verdict
    await vi.advanceTimersByTimeAsync(2000);
    // Answered at 3 s: a wait over [0, 3.5 s] saw the path deliver; one that ended at 2 s did not.
    expect(slow.stalledDuring(0, 3500)).toBeUndefined();
    expect(slow.stalledDuring(0, 2000)).toBe(2000);
    slow.stop();
  });
});
