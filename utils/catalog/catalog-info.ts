import type { Catalog } from './schema';
import type { MergeMode } from './merge';
import type { CatalogSource } from './custom-store';

/** What the settings page shows of the catalog in use. */
export interface CatalogInfo {
  catalog: Catalog;
  source: CatalogSource;
  referenceVersion: string;
  custom?: { fileName: string; mode: MergeMode; importedAt: number };
}

/** The answer to an import: counts when stored, reasons (row and field) when rejected. */
export type CatalogImportResult = { ok: true; services: number; categories: number } | { ok: false; errors: string[] };
