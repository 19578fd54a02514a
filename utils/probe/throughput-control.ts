import { THROUGHPUT_LIMITS } from './throughput-limits';

/**
 * The throughput control: a download of the same size as the service's, made in the
 * same run, so "slow" means "slower than the rest of this network right now".
 *
 * Why Cloudflare's speed-test endpoint (`speed.cloudflare.com/__down?bytes=N`, the
 * one speed.cloudflare.com itself uses): it serves exactly N bytes, uncached, from the
 * nearest edge of an anycast CDN — the same kind of delivery as the media CDNs it is
 * compared with — and it is no service an employee uses, so no filter has a reason to
 * treat it apart. A filter that blocks "speed test" sites makes the control fail, and
 * then throughput is inconclusive (never `throttled`), which is the safe side.
 */
export const THROUGHPUT_CONTROL_URL = `https://speed.cloudflare.com/__down?bytes=${THROUGHPUT_LIMITS.maxBytes}`;

