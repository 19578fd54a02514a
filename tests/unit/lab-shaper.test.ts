import { describe, expect, it } from 'vitest';
import { delayPoolLines, parseDelayBuckets, squidConfig } from '../../lab/squid';

// The lab's shapers (docs/throughput.md, "Why the lab's burst is a class 2 pool"): squid 5.7's
// cache manager pages below were read from the lab's own squid, right after it started.
const BURST_ONLY = 'Delay pools configured: 1\n\nPool: 1\n\tClass: 2\n\n\tAggregate:\n\t\tDisabled.\n\n\tIndividual:\n\t\tMax: 1000000\n\t\tRestore: 64000\n\t\tCurrent: Not used yet.\n\n';
/** The throttled scenario's two pools: the burst (class 2) and Wikipedia's plain rate, a class 1 pool whose bucket starts at -1. */
const BOTH = 'Delay pools configured: 2\n\nPool: 1\n\tClass: 2\n\n\tAggregate:\n\t\tDisabled.\n\n\tIndividual:\n\t\tMax: 1000000\n\t\tRestore: 64000\n\t\tCurrent: Not used yet.\n\nPool: 2\n\tClass: 1\n\n\tAggregate:\n\t\tMax: 32000\n\t\tRestore: 32000\n\t\tCurrent: -1\n\n';

describe('the lab shaper', () => {
  it('a plain rate is a class 1 pool; a burst allowance is a per-client class 2 bucket under an unlimited aggregate', () => {
    expect(delayPoolLines(2, '32000/32000')).toEqual(['delay_class 2 1', 'delay_parameters 2 32000/32000']);
    expect(delayPoolLines(1, '64000/1000000')).toEqual(['delay_class 1 2', 'delay_parameters 1 -1/-1 64000/1000000']);
  });

  it('the configuration asks for full buckets and puts the burst in a class 2 pool (squid itself runs it in the throttle e2e)', () => {
    const conf = squidConfig('/tmp/lab', {
      port: 3128, dnsAddress: '127.0.0.1', upstreamAddress: '127.0.0.2', deny: [], allow: [], redirect: [], redirectTo: 'http://portal.test/',
      throttle: new Map([['64000/1000000', ['lab-c001.oca.nflxvideo.net']], ['32000/32000', ['upload.wikimedia.org']]]),
    });
    expect(conf).toContain('delay_pools 2\ndelay_initial_bucket_level 100\n');
    expect(conf).toContain('acl lab_throttle_1 dstdomain lab-c001.oca.nflxvideo.net\ndelay_class 1 2\ndelay_parameters 1 -1/-1 64000/1000000\n');
    expect(conf).toContain('acl lab_throttle_2 dstdomain upload.wikimedia.org\ndelay_class 2 1\ndelay_parameters 2 32000/32000\n');
  });

  it("reads each burst bucket's size, rate and level from squid's cache manager", () => {
    expect(parseDelayBuckets(BURST_ONLY)).toEqual([{ pool: 1, max: 1_000_000, restore: 64_000, levels: [] }]);
    // Class 1 pools (no burst) are not listed: their aggregate bucket is not per client.
    expect(parseDelayBuckets(BOTH)).toEqual([{ pool: 1, max: 1_000_000, restore: 64_000, levels: [] }]);
    const used = BURST_ONLY.replace('Current: Not used yet.', 'Current: 1:128000 2:-1');
    expect(parseDelayBuckets(used)[0]?.levels).toEqual([128_000, -1]);
  });
});
