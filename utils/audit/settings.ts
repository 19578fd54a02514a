import type { AuditOptions } from './types';

/**
 * Defaults for an audit. The timeout stays well under Chrome's ~30 s
 * service-worker idle cutoff; the concurrency bound is high enough that a
 * network which silently drops everything costs about one timeout, not one
 * per batch (Chrome itself still caps 6 connections per host).
 */
export const DEFAULT_AUDIT_OPTIONS: AuditOptions = { timeoutMs: 8000, concurrency: 96 };

export const TIMEOUT_RANGE = { min: 1000, max: 25_000 } as const;
export const CONCURRENCY_RANGE = { min: 1, max: 128 } as const;

/** Clamp user- or CLI-supplied options into the supported ranges. */
export function resolveAuditOptions(input: Partial<AuditOptions> = {}): AuditOptions {
  const clamp = (value: number | undefined, fallback: number, range: { min: number; max: number }) =>
    value === undefined || !Number.isFinite(value) ? fallback : Math.min(range.max, Math.max(range.min, Math.round(value)));
  return {
    timeoutMs: clamp(input.timeoutMs, DEFAULT_AUDIT_OPTIONS.timeoutMs, TIMEOUT_RANGE),
    concurrency: clamp(input.concurrency, DEFAULT_AUDIT_OPTIONS.concurrency, CONCURRENCY_RANGE),
  };
}
