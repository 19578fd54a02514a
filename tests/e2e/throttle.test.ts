import { describe, expect, it } from 'vitest';
import { auditThrottled, configuredRate, countThrottleFalsePositives, measuredRate, THROTTLED_SCENARIO } from '../../lab/throttle-runs';

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
    // The control is fast: one whole sample of what came after its first megabyte.
    expect(t?.control?.judgedBytes).toBeGreaterThanOrEqual(256 * 1024);
    expect(t?.service.ttfbMs).toBeGreaterThanOrEqual(0);

    const ratio = measuredRate(wikipedia)! / configuredRate(THROTTLED_SCENARIO, 'wikipedia');
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.15);

    // Netflix's video CDN, found at run time through the fast.com stand-in, passes 1 MB at full
    // speed and then 64 kB/s: judged after the burst, it is throttled, within the byte cap.
    const netflix = byId.netflix?.channels.find((c) => c.channel === 'media');
    expect([byId.netflix?.verdict, netflix?.verdict]).toEqual(['throttled', 'throttled']);
    const n = netflix?.evidence.throughput;
    expect(n?.discovery).toMatchObject({ status: 200, url: expect.stringMatching(/^https:\/\/lab-c001\.oca\.nflxvideo\.net\/speedtest\/range\/0-/) });
    expect(n?.service).toMatchObject({ burstBytes: 1_000_000 });
    // The shaper's bucket was full (a fresh lab): the whole burst came through, then the rate was judged.
    expect(n!.service.bytes).toBeGreaterThan(1_000_000);
    expect(n!.service.bytes).toBeLessThanOrEqual(1_500_000);
    expect(n!.service.kBps! * 1000 / configuredRate(THROTTLED_SCENARIO, 'netflix')).toBeLessThan(1.3);

    // The stand-in video hosts, untouched by the scenario, are measured past the burst at full speed.
    const others = report.services.filter((s) => !['wikipedia', 'netflix'].includes(s.id));
    expect(others.filter((s) => s.verdict === 'throttled').map((s) => s.id)).toEqual([]);
    const outcomes = others.map((s) => s.channels.find((c) => c.channel === 'media')?.evidence.throughput);
    expect(outcomes.filter((o) => o?.outcome === 'not-throttled').length).toBe(3);
  });

  it('never calls an unthrottled network throttled over repeated audits', async () => {
    const { falsePositives, audits, measured } = await countThrottleFalsePositives(3);
    expect(audits).toBe(3);
    expect(measured).toBeGreaterThan(0);
    expect(falsePositives).toBe(0);
  });
});
