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

/**
 * The receiver as the employee is shown it: its host (with port) only. An upload URL may carry
 * a token in its path or query (`https://siem.corp/ingest/9f3a…?key=…`), which a page must not
 * show, print or put in a screenshot; the host is what tells the employee where reports go.
 */
export function receiverHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    // Not a URL the browser parses (the policy check refuses these; older stored records may hold one).
    return url.replace(/^[a-z][a-z0-9+.-]*:\/*/i, '').replace(/^[^@/?#]*@/, '').replace(/[/?#][\s\S]*$/, '');
  }
}
