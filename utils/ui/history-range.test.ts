import { describe, expect, it } from 'vitest';
import { historyTimeRange } from './chart-data';

const DAY_S = 86_400;
const december2026 = Date.UTC(2026, 11, 2, 5, 30);

describe('historyTimeRange: the gap chart’s time axis', () => {
  it('gives a single audit one day around it, not years', () => {
    const [min, max] = historyTimeRange([december2026]);
    expect(max - min).toBe(DAY_S);
    expect(min).toBeLessThan(december2026 / 1000);
    expect(max).toBeGreaterThan(december2026 / 1000);
    expect(new Date(max * 1000).getUTCFullYear()).toBe(2026);
  });

  it('gives audits the same morning one day around their middle', () => {
    const [min, max] = historyTimeRange([december2026, december2026 + 3_600_000]);
    expect(max - min).toBe(DAY_S);
    expect((min + max) / 2).toBe(december2026 / 1000 + 1800);
  });

  it('spans first to last audit once they are a day or more apart', () => {
    const later = december2026 + 30 * DAY_S * 1000;
    expect(historyTimeRange([later, december2026])).toEqual([december2026 / 1000, later / 1000]);
  });
});
