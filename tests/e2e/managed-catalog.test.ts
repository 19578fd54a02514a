import { afterAll, describe, expect, it } from 'vitest';
import referenceCatalog from '../../utils/catalog/reference.json';
import type { Catalog } from '../../utils/catalog/types';
import { waitForAudit } from '../../scripts/lib/extension-client';
import { startManagedBrowser, type ManagedBrowser } from './fleet-helpers';

// IT's policy names a catalog URL and no schedule: the employee's own audits probe IT's catalog
// from the first one (the background fetches it when the policy arrives; before, only a
// scheduled audit fetched it, so without a schedule employees always probed the reference).
const ids = ['wikipedia', 'facebook'];
const catalog: Catalog = { ...(referenceCatalog as Catalog), name: 'ACME catalog', version: 'acme-1', services: (referenceCatalog as Catalog).services.filter((s) => ids.includes(s.id)) };

let managed: ManagedBrowser | undefined;
afterAll(() => managed?.close());

describe('a managed catalog URL without a schedule', () => {
  it('the employee’s first audit, started at once, probes IT’s catalog', async () => {
    managed = await startManagedBrowser({ catalog, scenario: { services: {} }, settings: {} });
    const { client } = managed;
    const { auditId } = await client.send('startAudit', { trigger: 'user' });
    const state = await waitForAudit(client, auditId, { deadlineMs: 120_000 });
    expect(state.catalogName).toBe('ACME catalog');
    expect(state.catalogVersion).toBe('acme-1');
    expect(state.verdicts.map((v) => v.serviceId).sort()).toEqual([...ids].sort());
  });
});
