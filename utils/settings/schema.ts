import * as v from 'valibot';
import { LOCALES } from '../i18n/locale';
import { POPULATIONS } from '../catalog/types';
import { DEFAULT_AUDIT_OPTIONS, TIMEOUT_RANGE } from '../audit/settings';
import { LABEL_MAX } from '../catalog/label-rules';

/**
 * The user's settings, kept in `browser.storage.local` under one key. Nothing
 * here is about the user: a language, audit knobs, retention, and two opt-ins.
 * Each field falls back to its default on its own, so a bad or old value never
 * loses the others.
 */
export const SettingsSchema = v.object({
  language: v.fallback(v.picklist(['auto', ...LOCALES]), 'auto'),
  /** Per-probe timeout for audits started from the UI. */
  timeoutMs: v.fallback(
    v.pipe(v.number(), v.integer(), v.minValue(TIMEOUT_RANGE.min), v.maxValue(TIMEOUT_RANGE.max)),
    DEFAULT_AUDIT_OPTIONS.timeoutMs,
  ),
  /** Whose usage figures weigh the gap; `auto` follows the UI language (gap/population.ts). */
  population: v.fallback(v.picklist(['auto', ...POPULATIONS]), 'auto'),
  /** Keep at most N finished audits (0 = no limit). */
  retentionAudits: v.fallback(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000)), 50),
  /** Delete finished audits older than N days (0 = no limit). */
  retentionDays: v.fallback(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3650)), 180),
  /** Opt-in: attach a network label ("Paris HQ, guest Wi-Fi") to new audits and the printed report. */
  labelNetwork: v.fallback(v.boolean(), false),
  networkLabel: v.fallback(v.pipe(v.string(), v.trim(), v.maxLength(LABEL_MAX.networkLabel)), ''),
  /** Opt-in: open the dashboard when an audit started from the popup finishes. */
  openDashboardWhenDone: v.fallback(v.boolean(), false),
});

export type Settings = v.InferOutput<typeof SettingsSchema>;

/** Defaults: what a fresh install shows. */
export const DEFAULT_SETTINGS: Settings = v.parse(SettingsSchema, {});

/** Parse whatever storage holds into valid settings (unknown keys dropped, bad values defaulted). */
export function parseSettings(raw: unknown): Settings {
  return v.parse(SettingsSchema, raw && typeof raw === 'object' ? raw : {});
}
