import { describe, expect, it } from 'vitest';
import { auditThrottled, configuredRate, countThrottleFalsePositives, measuredRate, THROTTLED_SCENARIO } from '../lab/throttle-runs';

// Targeted throttling end to end: squid's delay_pools really slow Wikipedia's media host while
// every other media host (and the throughput control) runs at full speed in the same lab.
describe('throughput probe against squid delay_pools', () => {
  it('calls the throttled media host throttled, at squid\'s configured rate ±15%, and nothing else', async () => {
    const report = await auditThrottled();
    const byId = Object.fromEntries(report.services.map((s) => [s.id, s]));
    const wikipedia = byId.wikipedia;
    expect(wikipedia?.verdict).toBe('throttled');
    const media = wikipedia?.channels.find((c) => c.channel === 'media');
    expect(media?.verdict).toBe('throttled');
    expect(media?.reason).toBe('throughput-below-control');
    const t = media?.evidence.throughput;
    expect(t?.service.samples).toBeGreaterThanOrEqual(3);
    expect(t?.control?.samples).toBeGreaterThanOrEqual(3);
    expect(t?.service.ttfbMs).toBeGreaterThanOrEqual(0);

    const ratio = measuredRate(wikipedia)! / configuredRate(THROTTLED_SCENARIO, 'wikipedia');
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.15);

    // Every other media host is not throttled: image hosts were measured at full speed; the
    // catalog's robots.txt media URLs are a few hundred bytes, too small to measure at all.
    const others = report.services.filter((s) => s.id !== 'wikipedia');
    expect(others.filter((s) => s.verdict === 'throttled').map((s) => s.id)).toEqual([]);
    const outcomes = others.map((s) => s.channels.find((c) => c.channel === 'media')?.evidence.throughput);
    expect(outcomes.filter((o) => o?.outcome === 'not-throttled').length).toBeGreaterThanOrEqual(4);
    expect(outcomes.every((o) => o?.outcome === 'not-throttled' || o?.reason === 'too-small')).toBe(true);
  });

  it('never calls an unthrottled network throttled over repeated audits', async () => {
    const { falsePositives, audits, measured } = await countThrottleFalsePositives(3);
    expect(audits).toBe(3);
    expect(measured).toBeGreaterThan(0);
    expect(falsePositives).toBe(0);
  });
});
