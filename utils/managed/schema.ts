import * as v from 'valibot';
import { label, LABEL_MAX } from '../catalog/label-rules';
import { MAX_SCHEDULE_HOURS, MIN_SCHEDULE_HOURS } from '../schedule/hours';

export { MAX_SCHEDULE_HOURS, MIN_SCHEDULE_HOURS };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * https anywhere; plain http only to this machine (the reference receiver on
 * loopback, the lab). Anything else would send reports and the Authorization
 * header in clear over the corporate network.
 */
export function isUploadUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.username || url.password) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  } catch {
    return false;
  }
}

const Url = v.pipe(v.string(), v.maxLength(2048), v.check(isUploadUrl, 'not an https URL (http only to localhost)'));

/**
 * What IT may set by policy (`storage.managed`, Chrome `3rdparty` policy, Firefox
 * `3rdparty` in policies.json). Mirrors `public/managed-schema.json`, which
 * Chrome uses to validate the policy; each field is checked again here and an
 * invalid one is ignored on its own (reported in `issues`), never the whole policy.
 */
export const MANAGED_FIELDS = {
  organisation: label(LABEL_MAX.organisation),
  site: label(LABEL_MAX.site),
  catalogUrl: Url,
  scheduleHours: v.pipe(
    v.number(),
    v.minValue(MIN_SCHEDULE_HOURS, `shorter than ${MIN_SCHEDULE_HOURS * 3600} s`),
    v.maxValue(MAX_SCHEDULE_HOURS, `longer than ${MAX_SCHEDULE_HOURS} hours`),
  ),
  uploadUrl: Url,
  uploadAuthorization: v.pipe(
    v.string(),
    v.maxLength(4096),
    v.check((s) => !/[\u0000-\u001f\u007f]/.test(s), 'contains control characters'),
  ),
  employeeCanSeeAudits: v.boolean(),
  employeeCanDisableSchedule: v.boolean(),
} as const;

type Fields = typeof MANAGED_FIELDS;
/** The managed configuration after validation; absent fields were not set (or were invalid). */
export type ManagedConfig = { [K in keyof Fields]?: v.InferOutput<Fields[K]> } & {
  /** True when any policy value is present: the browser is managed by IT. */
  managed: boolean;
  /** One line per ignored field, e.g. `scheduleHours: shorter than 3 s`. */
  issues: string[];
};

/** Validate what `storage.managed.get()` returned, field by field. */
export function parseManagedConfig(raw: unknown): ManagedConfig {
  const input = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const config: ManagedConfig = { managed: Object.keys(input).length > 0, issues: [] };
  for (const key of Object.keys(input)) {
    if (!Object.hasOwn(MANAGED_FIELDS, key)) {
      config.issues.push(`${key.slice(0, 60)}: unknown policy field`);
      continue;
    }
    const field = key as keyof Fields;
    const result = v.safeParse(MANAGED_FIELDS[field], input[key]);
    if (result.success) (config as Record<string, unknown>)[field] = result.output;
    else config.issues.push(`${field}: ${result.issues[0].message.replace(/^Invalid \w+: /, '')}`);
  }
  return config;
}
