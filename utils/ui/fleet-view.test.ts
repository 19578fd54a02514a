import { describe, expect, it } from 'vitest';
import { fleetStatus, type FleetStatus } from '../schedule/status';
import { effectiveSchedule } from '../schedule/plan';
import { parseManagedConfig } from '../managed/schema';
import { canPauseSchedule, hidesScheduledAudits, isPolicySchedule, receiverHost, scheduleMode } from './fleet-view';

const meta = { key: 'state' as const, dropped: 0, rejected: 0, sent: 0, failures: 0, nextAttemptAt: 0 };
function statusOf(policy: object, user?: { enabled: boolean; hours: number }): FleetStatus {
  const config = parseManagedConfig(policy);
  return fleetStatus({ config, effective: effectiveSchedule(config, user), state: { runs: 0, skipped: 0 }, meta, queued: 0, pending: 0 });
}

describe('fleet status as the settings show it', () => {
  it.each([
    ['no policy, never chose', {}, undefined, 'off'],
    ['no policy, own schedule on', {}, { enabled: true, hours: 6 }, 'user'],
    ['no policy, own schedule off', {}, { enabled: false, hours: 6 }, 'off'],
    ["IT's schedule", { scheduleHours: 6 }, undefined, 'policy'],
    ["IT's schedule, pause not allowed", { scheduleHours: 6 }, { enabled: false, hours: 24 }, 'policy'],
    ["IT's schedule paused where allowed", { scheduleHours: 6, employeeCanDisableSchedule: true }, { enabled: false, hours: 24 }, 'policy-paused'],
  ])('%s → %s', (_name, policy, user, mode) => {
    expect(scheduleMode(statusOf(policy, user).schedule)).toBe(mode);
  });

  it('lets the employee pause only an IT schedule the policy allows pausing', () => {
    expect(canPauseSchedule(statusOf({ scheduleHours: 6 }))).toBe(false);
    expect(canPauseSchedule(statusOf({ scheduleHours: 6, employeeCanDisableSchedule: true }))).toBe(true);
    expect(canPauseSchedule(statusOf({ scheduleHours: 6, employeeCanDisableSchedule: true }, { enabled: false, hours: 1 }))).toBe(true);
    expect(isPolicySchedule(statusOf({ organisation: 'ACME' }))).toBe(false);
  });

  it('notes hidden scheduled audits only when the policy says employeeCanSeeAudits: false', () => {
    expect(hidesScheduledAudits(statusOf({ employeeCanSeeAudits: false }))).toBe(true);
    expect(hidesScheduledAudits(statusOf({ scheduleHours: 6 }))).toBe(false);
    expect(hidesScheduledAudits(statusOf({}))).toBe(false);
    expect(hidesScheduledAudits(null)).toBe(false);
  });
});

describe('the receiver as the employee sees it', () => {
  it.each([
    ['https://collector.corp.example/reports', 'collector.corp.example'],
    ['https://siem.corp.example:8443/ingest/9f3a7c1d/reports?key=s3cr3t#x', 'siem.corp.example:8443'],
    ['https://user:pass@collector.corp.example/r', 'collector.corp.example'],
    ['http://127.0.0.1:8080/reports', '127.0.0.1:8080'],
    ['not a url/with/a-token?key=s3cr3t', 'not a url'],
  ])('%s → %s', (url, host) => {
    expect(receiverHost(url)).toBe(host);
  });
});
