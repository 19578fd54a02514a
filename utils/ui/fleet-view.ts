import type { FleetStatus } from '../schedule/status';

/**
 * Who runs scheduled audits here, as the settings show it: IT's schedule (`policy`), IT's
 * schedule paused by the employee where the policy allows it (`policy-paused`), the
 * employee's own (`user`), or none (`off`). `effectiveSchedule` reports a paused IT schedule
 * as `source: 'user'` with `enabled: false`: an employee's own schedule, once off, is `off`.
 */
export type ScheduleMode = 'policy' | 'policy-paused' | 'user' | 'off';

export function scheduleMode(schedule: Pick<FleetStatus['schedule'], 'source' | 'enabled'>): ScheduleMode {
  if (schedule.source === 'policy') return 'policy';
  if (schedule.source === 'user') return schedule.enabled ? 'user' : 'policy-paused';
  return 'off';
}

/** IT sets the schedule: the employee may only pause it, and only when the policy allows. */
export const isPolicySchedule = (status: FleetStatus) => scheduleMode(status.schedule).startsWith('policy');
export const canPauseSchedule = (status: FleetStatus) => isPolicySchedule(status) && status.employeeCanDisableSchedule;

/**
 * The policy's `employeeCanSeeAudits: false`, for the pages' note only: the background already
 * leaves IT's scheduled audits out of what the pages read (utils/managed/audit-visibility.ts).
 */
export const hidesScheduledAudits = (status: FleetStatus | null | undefined): boolean => status?.employeeCanSeeAudits === false;
