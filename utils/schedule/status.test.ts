import { describe, expect, it } from 'vitest';
import { generateReports } from '../fleet/generate-reports';
import { parseManagedConfig } from '../managed/schema';
import { effectiveSchedule } from './plan';
import { fleetStatus } from './status';

describe('fleetStatus: what the employee sees of uploads', () => {
  it('lists dead letters with the receiver reason (not the report) and the last uploads exactly as sent, never the Authorization value', () => {
    const config = parseManagedConfig({ uploadUrl: 'https://collector.corp/reports', uploadAuthorization: 'Bearer s3cret', site: 'Lyon', scheduleHours: 24 });
    const report = generateReports(1)[0]!;
    const body = JSON.stringify(report);
    const status = fleetStatus({
      config, effective: effectiveSchedule(config, undefined), state: { runs: 1, skipped: 0 },
      meta: { key: 'state', dropped: 0, rejected: 1, sent: 1, failures: 0, nextAttemptAt: 0 }, queued: 0, pending: 0,
      deadLetters: [{ id: 'r1', report, status: 422, reason: 'catalog.version: contains HTML (< or >)', url: 'https://collector.corp/reports', at: 5 }],
      delivered: [{ id: report.id, sentAt: 9, url: 'https://collector.corp/reports', body }],
    });
    expect(status.upload.deadLetters).toEqual([{ id: 'r1', status: 422, reason: 'catalog.version: contains HTML (< or >)', url: 'https://collector.corp/reports', at: 5 }]);
    expect(status.upload.delivered[0]?.body).toBe(body);
    expect(status.site).toBe('Lyon');
    expect(JSON.stringify(status)).not.toContain('s3cret');
  });
});
