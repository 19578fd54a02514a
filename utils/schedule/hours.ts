/**
 * Bounds of a schedule, in hours, with no dependency: pages (the settings' own-schedule
 * field) use them without bundling the policy validator.
 */

/**
 * Shortest schedule, in hours (3 s). Chrome raises any alarm under 30 s to 30 s
 * for packed (store or policy-installed) extensions, so in a real fleet the
 * floor is 30 s; unpacked builds fire at the requested time (Chromium 156:
 * a 3 s alarm fired every 3 s), which the schedule end-to-end test relies on.
 */
export const MIN_SCHEDULE_HOURS = 3 / 3600;
/** Longest schedule: 30 days. */
export const MAX_SCHEDULE_HOURS = 24 * 30;
/** An employee's own schedule is at least hourly: nobody needs their browser probing every few seconds. */
export const MIN_USER_SCHEDULE_HOURS = 1;
