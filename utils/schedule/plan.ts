import type { ManagedConfig } from '../managed/schema';

export const SCHEDULE_ALARM = 'fleet-scheduled-audit';
export const UPLOAD_ALARM = 'fleet-upload-retry';
/** Each run lands within ±10 % of the period, so a fleet that started together drifts apart. */
export const SCHEDULE_JITTER = 0.1;

/** The employee's own choice, stored locally (`user-schedule.ts`). */
export interface UserSchedule {
  enabled: boolean;
  hours: number;
}

/** Whether scheduled audits run in this browser, how often, and who decided. */
export interface EffectiveSchedule {
  enabled: boolean;
  hours: number | null;
  /** `policy`: IT's schedule; `user`: the employee's (own schedule, or paused IT's where allowed); `off`: nobody asked. */
  source: 'policy' | 'user' | 'off';
}

/**
 * IT's schedule wins; the employee may pause it only when the policy allows
 * (`employeeCanDisableSchedule`). Without a policy schedule nothing runs unless
 * the employee turned their own schedule on.
 */
export function effectiveSchedule(config: ManagedConfig, user: UserSchedule | undefined): EffectiveSchedule {
  if (config.scheduleHours !== undefined) {
    if (user && !user.enabled && config.employeeCanDisableSchedule) return { enabled: false, hours: config.scheduleHours, source: 'user' };
    return { enabled: true, hours: config.scheduleHours, source: 'policy' };
  }
  if (user?.enabled) return { enabled: true, hours: user.hours, source: 'user' };
  return { enabled: false, hours: null, source: 'off' };
}

/**
 * First run after the schedule is set: anywhere from 10 % to 100 % of a period
 * away. A policy pushed to a whole fleet at 9:00 must not make every browser
 * probe the same services from the same site at 9:00 and a few seconds.
 */
export function firstRunAt(now: number, hours: number, random: () => number = Math.random): number {
  return Math.round(now + hours * 3600_000 * (0.1 + 0.9 * random()));
}

/** Next run: one period later, ± `SCHEDULE_JITTER` of it. */
export function nextRunAt(now: number, hours: number, random: () => number = Math.random): number {
  return Math.round(now + hours * 3600_000 * (1 + SCHEDULE_JITTER * (2 * random() - 1)));
}
