/**
 * Bounds of the throughput probe. Throughput is measured only on media channels
 * (where video and images stall first) and always against a control download in the
 * same run, as OONI's throttling note and Wehe do.
 */
export interface ThroughputLimits {
  maxBytes: number;
  burstBytes: number;
  minAfterBurstBytes: number;
  windowMs: number;
  sliceMs: number;
  maxDownloadsPerHost: number;
  minBytes: number;
  minSamples: number;
  maxServices: number;
}

export const THROUGHPUT_LIMITS: Readonly<ThroughputLimits> = {
  /**
   * Each download stops after this many body bytes: the burst allowance plus enough to
   * measure after it, and (maxServices + 1) of them stay within the 20 MB audit budget.
   */
  maxBytes: 1_500_000,
  /**
   * Shapers let a burst through at full speed before throttling (token buckets: squid
   * delay_pools' initial bucket, ISP "boost" allowances, firewall QoS burst sizes), so the
   * first megabyte of a download says nothing about the sustained rate: it is downloaded
   * and counted, but the rate is judged on what follows (docs/throughput.md).
   */
  burstBytes: 1_000_000,
  /** A download that finished within one slice is judged on its after-burst part only when that part is at least this big. */
  minAfterBurstBytes: 256 * 1024,
  /** …or this long after its response headers, whichever comes first: room for a burst and 4 slices after it. */
  windowMs: 5000,
  /**
   * Throughput is sampled per slice of the window. Wehe samples every 0.25 s; we use 1 s
   * because token-bucket policers such as squid's delay_pools refill once a second, so
   * shorter slices alternate bursts and silences and their median says nothing.
   */
  sliceMs: 1000,
  /**
   * How often one host may be downloaded. One long download, not several short ones: a
   * per-connection shaper would hand every new download a fresh burst.
   */
  maxDownloadsPerHost: 1,
  /** A completed download smaller than this is dominated by latency, not bandwidth: too small to judge. */
  minBytes: 32 * 1024,
  /** Samples needed on each side before anything is decided: one slow sample never decides. */
  minSamples: 3,
  /** At most this many media hosts are measured per audit (the most used services first). */
  maxServices: 12,
};

/** The most an audit can download for throughput, in bytes: every measured host plus the control. */
export function maxAuditDownloadBytes(limits: ThroughputLimits = THROUGHPUT_LIMITS): number {
  return (limits.maxServices + 1) * limits.maxDownloadsPerHost * limits.maxBytes;
}

/** "An audit downloads at most N MB" — settings show this bound (≈ 20 MB). */
export const MAX_AUDIT_DOWNLOAD_BYTES = maxAuditDownloadBytes();
