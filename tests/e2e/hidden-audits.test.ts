import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import referenceCatalog from '../../utils/catalog/reference.json';
import type { Catalog } from '../../utils/catalog/types';
import { startManagedBrowser, waitFor, type ManagedBrowser } from './fleet-helpers';

// IT's policy employeeCanSeeAudits: false keeps its scheduled audits from the employee. The
// background enforces it for every page: the message API answers as if they did not exist,
// so the popup, the dashboard and the letter page (and the presentation, on the same messages)
// show none of them, even when a page asks for one by its id.
const ids = ['wikipedia', 'facebook'];
const catalog: Catalog = { ...(referenceCatalog as Catalog), name: 'Hidden audits catalog', services: (referenceCatalog as Catalog).services.filter((s) => ids.includes(s.id)) };

let managed: ManagedBrowser | undefined;
afterAll(() => managed?.close());

/** Audits as stored, read straight from the extension's IndexedDB (the pages cannot list hidden ones). */
const storedAudits = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<{ id: string; trigger: string; status: string }[]>((resolve, reject) => {
        const open = indexedDB.open('access-gap');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('audits').objectStore('audits').getAll();
          all.onsuccess = () => resolve(all.result.map((a: { id: string; trigger: string; status: string }) => ({ id: a.id, trigger: a.trigger, status: a.status })));
          all.onerror = () => reject(all.error);
        };
      }),
  );

describe('policy employeeCanSeeAudits: false, enforced in the background', () => {
  it('no page reads IT’s scheduled audits, not even by id', async () => {
    managed = await startManagedBrowser({
      catalog,
      scenario: { services: { facebook: { treatments: { all: 'dns' }, expect: { verdict: 'blocked', mechanism: 'dns' } } } },
      settings: { scheduleHours: 6 / 3600, employeeCanSeeAudits: false },
    });
    const { page, client } = managed;
    const base = `chrome-extension://${managed.browser.extensionId}`;
    expect(await client.send('getFleetStatus', {})).toMatchObject({ managed: true, employeeCanSeeAudits: false });

    const scheduled = await waitFor(
      'a finished scheduled audit in the store',
      async () => (await storedAudits(page)).find((a) => a.trigger === 'schedule' && a.status === 'complete'),
      60_000,
    );

    // The message API: listed nowhere, no live state, no report, no delete, no note, even by id.
    expect((await client.send('listAudits', {})).filter((a) => a.trigger === 'schedule')).toEqual([]);
    expect(await client.send('getAuditState', {})).toBeNull();
    expect(await client.send('getAuditState', { auditId: scheduled.id })).toBeNull();
    expect(await client.send('getReport', { auditId: scheduled.id })).toBeNull();
    expect(await client.send('deleteAudit', { auditId: scheduled.id })).toBe(false);
    expect(await client.send('setAuditNote', { auditId: scheduled.id, networkLabel: 'x' })).toBe(false);
    expect((await storedAudits(page)).some((a) => a.id === scheduled.id)).toBe(true);

    // The popup says why it shows nothing.
    await page.goto(`${base}/popup.html`);
    await page.waitForSelector('[data-testid="hidden-scheduled"]');
    expect(await page.locator('[data-testid="last-checked"]').count()).toBe(0);

    // The dashboard lists none of them, even when its URL names one.
    await page.goto(`${base}/dashboard.html#audit=${encodeURIComponent(scheduled.id)}`);
    await page.waitForSelector('[data-testid="privacy-link"]');
    expect(await page.locator(`[data-audit="${scheduled.id}"]`).count()).toBe(0);

    // The letter page has no audit to make the case from, even when its URL names one.
    await page.goto(`${base}/letter.html#audit=${encodeURIComponent(scheduled.id)}`);
    await page.waitForSelector('[data-testid="letter-no-audit"]');
  });
});
