import { useState } from 'preact/hooks';
import type { CatalogImportResult, CatalogInfo } from '../utils/catalog/catalog-info';
import type { MergeMode } from '../utils/catalog/merge';
import { DEFAULT_MAX_BYTES } from '../utils/catalog/limits';
import type { MessageKey } from '../utils/i18n';
import { useI18n } from './i18n';

export interface CatalogPanelProps {
  info: CatalogInfo | null;
  onImport(input: { text: string; fileName: string; mode: MergeMode }): Promise<CatalogImportResult>;
  onReset(): Promise<void>;
  onExport(format: 'json' | 'csv'): void;
}

/**
 * Which catalog audits use, and importing a custom one (JSON or CSV). A
 * rejected file shows every reason with its row and field and changes nothing.
 */
export function CatalogPanel({ info, onImport, onReset, onExport }: CatalogPanelProps) {
  const { t, fmt } = useI18n();
  const [mode, setMode] = useState<MergeMode>('merge');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<CatalogImportResult | { ok: false; errors: string[] } | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    // Refused before reading: a huge file must not freeze the page.
    if (file.size > DEFAULT_MAX_BYTES) {
      setResult({ ok: false, errors: [t('catalog_tooBig', fmt.integer(Math.ceil(file.size / 1048576)), fmt.integer(DEFAULT_MAX_BYTES / 1048576))] });
      return;
    }
    setResult(await onImport({ text: await file.text(), fileName: file.name, mode }));
  };
  return (
    <section class="catalog-panel" aria-labelledby="catalog-title" data-testid="catalog-panel">
      <h3 id="catalog-title">{t('catalog_title')}</h3>
      {info && (
        <p data-testid="catalog-source">
          {t(`catalog_source_${info.source}` as MessageKey, info.catalog.name, info.catalog.version, String(info.catalog.services.length))}
          {info.custom && ` — ${t('catalog_importedFrom', info.custom.fileName, fmt.dateTime(info.custom.importedAt))}`}
        </p>
      )}
      <form onSubmit={submit}>
        <label>
          {t('catalog_file')}
          <input type="file" accept=".json,.csv,application/json,text/csv" data-testid="catalog-file"
            onChange={(e) => { setResult(null); setFile(e.currentTarget.files?.[0] ?? null); }} />
        </label>
        <fieldset>
          <legend>{t('catalog_mode')}</legend>
          {(['merge', 'replace'] as const).map((m) => (
            <label class="check" key={m}>
              <input type="radio" name="catalog-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              {t(`catalog_mode_${m}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        <div class="actions">
          <button type="submit" class="primary" disabled={!file} data-testid="catalog-import">{t('catalog_import')}</button>
          {info?.source === 'custom' && (
            <button type="button" onClick={async () => { await onReset(); setResult(null); }}>{t('catalog_reset')}</button>
          )}
          <button type="button" onClick={() => onExport('json')}>{t('catalog_exportJson')}</button>
          <button type="button" onClick={() => onExport('csv')}>{t('catalog_exportCsv')}</button>
        </div>
      </form>
      {result?.ok === true && <p role="status" data-testid="catalog-result">{t('catalog_imported', String(result.services), String(result.categories))}</p>}
      {result?.ok === false && (
        <div class="alert" role="alert" data-testid="catalog-errors">
          <p>{t('catalog_rejected')}</p>
          <ul>{result.errors.map((error) => <li key={error}>{error}</li>)}</ul>
        </div>
      )}
    </section>
  );
}
