import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import referenceCatalog from '../../utils/catalog/reference.json';
import type { Catalog } from '../../utils/catalog/types';
import { startCollector, type Collector } from '../../scripts/collector/server';
import { startManagedBrowser, waitFor, type ManagedBrowser } from './fleet-helpers';

// Managed deployment end to end: Chromium's managed policy (3rdparty storage for
// Access Gap) sets a short schedule, the receiver and a catalog URL; the extension
// audits the lab on its own, uploads, queues while the receiver is down, and
// delivers every queued report exactly once when it is back.
const ids = ['youtube', 'wikipedia', 'facebook', 'reddit'];
const catalog: Catalog = { ...(referenceCatalog as Catalog), name: 'Fleet test catalog', services: (referenceCatalog as Catalog).services.filter((s) => ids.includes(s.id)) };
/** 6 s: unpacked Chromium honours it (a packed build would fire at 30 s, Chrome's floor). */
const SCHEDULE_HOURS = 6 / 3600;
const AUTH = 'Bearer lab-fleet-token';

const dir = mkdtempSync(join(tmpdir(), 'access-gap-fleet-e2e-'));
let managed: ManagedBrowser | undefined;
const collectors: Collector[] = [];

afterAll(async () => {
  await managed?.close();
  await Promise.all(collectors.map((c) => c.close().catch(() => {})));
  rmSync(dir, { recursive: true, force: true });
});

/** What the collector stored, read back from its database. */
async function stored(collector: Collector): Promise<Record<string, unknown>[]> {
  const reports = await collector.store.query('SELECT id, trigger, status, site, organisation, catalog_name, install_id FROM reports ORDER BY started_at');
  const verdicts = await collector.store.query("SELECT report_id, verdict, mechanism FROM verdicts WHERE service_id = 'facebook'");
  return reports.map((r) => ({ ...r, facebook: verdicts.find((v) => v.report_id === r.id) }));
}

describe('scheduled audits with a managed policy', () => {
  it('audits on schedule, uploads, queues while the receiver is down and delivers each report once', async () => {
    let collector = await startCollector({ dir, credentials: { upload: [AUTH] } });
    collectors.push(collector);
    const port = collector.port;
    managed = await startManagedBrowser({
      catalog,
      scenario: { services: { facebook: { treatments: { all: 'dns' }, expect: { verdict: 'blocked', mechanism: 'dns' } } } },
      settings: {
        organisation: 'Lab Corp', site: 'Lab site', scheduleHours: SCHEDULE_HOURS,
        uploadUrl: `http://127.0.0.1:${port}/reports`, uploadAuthorization: AUTH,
      },
    });
    const { client } = managed;

    // 1. The policy is read, the schedule runs without anyone clicking, the receiver gets a report.
    const status = await client.send('getFleetStatus', {});
    expect(status).toMatchObject({ managed: true, site: 'Lab site', issues: [], schedule: { enabled: true, source: 'policy' }, upload: { configured: true, withAuthorization: true } });
    expect(JSON.stringify(status)).not.toContain('lab-fleet-token');
    await waitFor('a first scheduled report at the receiver', () => collector.stats.stored >= 1, 40_000);
    const [first] = await stored(collector);
    expect(first).toMatchObject({ trigger: 'schedule', status: 'complete', site: 'Lab site', organisation: 'Lab Corp', catalog_name: 'Fleet test catalog' });
    expect(first!.install_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first!.facebook).toMatchObject({ verdict: 'blocked', mechanism: 'dns' });

    // 2. Receiver down: the next reports queue in the extension.
    await collector.close();
    await waitFor('two reports queued while the receiver is down', async () => (await client.send('getFleetStatus', {})).upload.queued >= 2, 45_000);
    const down = await client.send('getFleetStatus', {});
    expect(down.upload.lastError).toMatch(/network error/);

    // 3. Receiver back on the same port: the queue drains, nothing lost, nothing twice.
    collector = await startCollector({ dir, port, credentials: { upload: [AUTH] } });
    collectors.push(collector);
    await waitFor('the queue to drain', async () => {
      const s = await client.send('getFleetStatus', {});
      return s.upload.queued === 0 && s.upload.pending === 0 && collector.stats.stored >= down.upload.queued;
    }, 45_000);
    const finished = (await client.send('listAudits', {})).filter((a) => a.trigger === 'schedule' && a.status === 'complete').map((a) => a.id);
    await waitFor('every finished scheduled audit at the receiver', async () => {
      const ids = (await stored(collector)).map((r) => r.id);
      return finished.every((id) => ids.includes(id));
    }, 15_000);
    const received = collectors.flatMap((c) => c.stats.received);
    expect(new Set(received).size).toBe(received.length); // no report was ever posted twice
    expect(collectors.map((c) => c.stats.duplicates)).toEqual([0, 0]);
    expect(Number((await collector.store.query('SELECT count(*) AS n FROM verdicts'))[0]!.n)).toBe((await collector.store.count()) * ids.length);
    const after = await client.send('getFleetStatus', {});
    expect(after.upload).toMatchObject({ dropped: 0, rejected: 0 });
    expect(after.schedule.runs).toBeGreaterThanOrEqual(3);
  });
});
