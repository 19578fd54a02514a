import { browser } from 'wxt/browser';
import referenceJson from '../catalog/reference.json';
import type { Catalog } from '../catalog/types';
import { activeCatalog, importCustomCatalog, loadCustomCatalog, CUSTOM_CATALOG_KEY } from '../catalog/custom-store';
import type { CatalogInfo } from '../catalog/catalog-info';
import { handle } from './handle';

export const referenceCatalog = referenceJson as Catalog;

/**
 * Resolves the catalog an audit uses. `managed` is IT's catalog from managed
 * policy, when the fleet module provides one.
 */
export async function resolveActiveCatalog(managed?: () => Promise<Catalog | undefined>) {
  return activeCatalog(referenceCatalog, await loadCustomCatalog(browser.storage.local), await managed?.());
}

/** Catalog messages for the settings page: show, import (validated; a rejected file stores nothing), reset. */
export function registerCatalogHandlers(managed?: () => Promise<Catalog | undefined>): void {
  handle('getCatalog', async (): Promise<CatalogInfo> => {
    const custom = await loadCustomCatalog(browser.storage.local);
    const { catalog, source } = activeCatalog(referenceCatalog, custom, await managed?.());
    return {
      catalog,
      source,
      referenceVersion: referenceCatalog.version,
      ...(custom ? { custom: { fileName: custom.fileName, mode: custom.mode, importedAt: custom.importedAt } } : {}),
    };
  });
  handle('importCatalog', async (data) => {
    const outcome = await importCustomCatalog(browser.storage.local, referenceCatalog, data);
    return outcome.ok ? { ok: true as const, services: outcome.services, categories: outcome.categories } : outcome;
  });
  handle('resetCatalog', async () => {
    await browser.storage.local.remove(CUSTOM_CATALOG_KEY);
    return true;
  });
}
