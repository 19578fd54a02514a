// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseManagedConfig } from '../utils/managed/schema';
import { effectiveSchedule } from '../utils/schedule/plan';
import { fleetStatus, type FleetStatus } from '../utils/schedule/status';
import type { DeadLetter, DeliveredUpload } from '../utils/upload/db';
import type { Report } from '../utils/report/types';
import { click, i18nFor, renderComponent } from '../tests/unit/render-component';
import { FleetStatusPanel } from './fleet-status-panel';
import { OrgReceives } from './org-receives';

// "What my organisation receives" (issue 13 point 4) and the dead letters (point 2), rendered
// as the dashboard renders them: what IT's policy sets, what was sent, what was refused.
const SECRET = 'Bearer s3cr3t-upload-token';
/** A receiver URL with a token in its path and query: only its host may be shown. */
const UPLOAD_URL = 'https://siem.corp.example:8443/ingest/9f3a7c1d/reports?key=path-token';
const HOST = 'siem.corp.example:8443';
const meta = { key: 'state' as const, dropped: 0, rejected: 0, sent: 1, failures: 0, nextAttemptAt: 0 };
const body = '{"schema":"access-gap-report","id":"r-1","site":"Lyon","services":[]}';
const delivered: DeliveredUpload[] = [{ id: 'r-1', sentAt: Date.UTC(2026, 11, 1, 9, 30), url: 'https://siem.corp.example:8443/ingest/9f3a7c1d/reports', body }];
const dead: DeadLetter[] = [
  { id: 'r-2', report: { id: 'r-2' } as Report, status: 422, reason: 'catalog.version: contains HTML (< or >)', url: 'https://siem.corp.example:8443/ingest/9f3a7c1d/reports', at: Date.UTC(2026, 11, 1, 10, 0) },
];

function statusOf(policy: object, parts: { delivered?: DeliveredUpload[]; deadLetters?: DeadLetter[] } = {}): FleetStatus {
  const config = parseManagedConfig(policy);
  return fleetStatus({ config, effective: effectiveSchedule(config, undefined), state: { runs: 2, skipped: 0 }, meta, queued: 0, pending: 0, ...parts });
}
const policy = { organisation: 'ACME', site: 'Lyon', scheduleHours: 24, uploadUrl: UPLOAD_URL, uploadAuthorization: SECRET };
const noop = async () => {};

let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  unmount = undefined;
});

describe('the fleet status panel: the policy in force', () => {
  it('shows the receiver host, the schedule and the site, never the authorization value nor the URL path or query', async () => {
    const view = await renderComponent(
      <FleetStatusPanel status={statusOf(policy, { delivered, deadLetters: dead })} onSetSchedule={noop} onExportDeadLetter={noop} onRemoveDeadLetter={noop} />,
    );
    unmount = view.unmount;
    const rows = Object.fromEntries([...view.root.querySelectorAll('.meta-list > div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]));
    expect(rows).toMatchObject({
      Site: 'Lyon',
      'Scheduled audits': 'Every 24 hours, set by your organisation',
      'Reports sent to': `${HOST} (with credentials set by your organisation)`,
    });
    const html = view.root.innerHTML;
    for (const hidden of ['s3cr3t', 'Bearer', '9f3a7c1d', 'path-token', '/ingest']) expect(html, hidden).not.toContain(hidden);
  });
});

describe('what my organisation receives', () => {
  it('lists the last uploads exactly as sent, when, and to which host', async () => {
    const view = await renderComponent(<OrgReceives upload={statusOf(policy, { delivered }).upload} onExportDeadLetter={noop} onRemoveDeadLetter={noop} />);
    unmount = view.unmount;
    const [report] = view.root.querySelectorAll('[data-testid="org-receives-report"]');
    expect(report!.querySelector('pre')!.textContent).toBe(body);
    const when = i18nFor('en').fmt.dateTime(delivered[0]!.sentAt);
    expect(report!.querySelector('summary')!.textContent).toBe(`Sent ${when} to ${HOST} (exactly as below)`);
    expect(view.root.querySelector('[data-testid="dead-letters"]')).toBeNull();
  });

  it('says when nothing was uploaded yet, and shows nothing where IT set no receiver', async () => {
    const none = await renderComponent(<OrgReceives upload={statusOf(policy).upload} onExportDeadLetter={noop} onRemoveDeadLetter={noop} />);
    expect(none.root.textContent).toContain('No report has been uploaded yet.');
    none.unmount();
    const unconfigured = await renderComponent(<OrgReceives upload={statusOf({ organisation: 'ACME' }).upload} onExportDeadLetter={noop} onRemoveDeadLetter={noop} />);
    unmount = unconfigured.unmount;
    expect(unconfigured.root.innerHTML).toBe('');
  });

  it('speaks French', async () => {
    const view = await renderComponent(<OrgReceives upload={statusOf(policy, { delivered, deadLetters: dead }).upload} onExportDeadLetter={noop} onRemoveDeadLetter={noop} />, 'fr');
    unmount = view.unmount;
    expect(view.root.querySelector('h4')!.textContent).toBe('Ce que reçoit mon organisation');
    expect(view.root.querySelector('[data-testid="dead-letter-export"]')!.textContent).toBe('Exporter (JSON)');
  });
});

describe('reports the receiver refused (dead letters)', () => {
  it("shows the receiver's reason and status, and lets the employee export or remove each one", async () => {
    const onExport = vi.fn(async (_id: string) => {});
    const onRemove = vi.fn(async (_id: string) => {});
    const view = await renderComponent(<OrgReceives upload={statusOf(policy, { deadLetters: dead }).upload} onExportDeadLetter={onExport} onRemoveDeadLetter={onRemove} />);
    unmount = view.unmount;
    const item = view.root.querySelector('[data-testid="dead-letter"]')!;
    const when = i18nFor('en').fmt.dateTime(dead[0]!.at);
    expect(item.textContent).toContain(`${when} — ${HOST} refused it (HTTP 422): catalog.version: contains HTML (< or >)`);
    const exportButton = item.querySelector('[data-testid="dead-letter-export"]')!;
    expect(exportButton.getAttribute('aria-label')).toBe(`Export the report refused on ${when} as JSON`);
    await click(exportButton);
    expect(onExport).toHaveBeenCalledWith('r-2');
    await click(item.querySelector('[data-testid="dead-letter-remove"]'));
    expect(onRemove).toHaveBeenCalledWith('r-2');
    expect(view.root.querySelector('[role="alert"]')).toBeNull();
  });

  it('shows why an export failed instead of swallowing it', async () => {
    const view = await renderComponent(
      <OrgReceives upload={statusOf(policy, { deadLetters: dead }).upload} onExportDeadLetter={() => Promise.reject(new Error('This refused report is no longer kept.'))} onRemoveDeadLetter={noop} />,
    );
    unmount = view.unmount;
    await click(view.root.querySelector('[data-testid="dead-letter-export"]'));
    expect(view.root.querySelector('[role="alert"]')!.textContent).toContain('This refused report is no longer kept.');
  });
});
