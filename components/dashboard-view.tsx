import type { Report } from '../utils/report/types';
import type { GapScore } from '../utils/gap';
import type { Population } from '../utils/catalog/types';
import type { Settings } from '../utils/settings';
import type { AuditSummary } from '../utils/history/summary';
import type { AuditComparison } from '../utils/history/compare';
import { useI18n } from './i18n';
import { ErrorAlert } from './error-alert';
import { AuditSummaryCard } from './audit-summary';
import { ResultsTable } from './results-table';
import { TlsNote } from './tls-note';
import { UsageChart } from './usage-chart';
import { HistoryPanel } from './history-panel';
import { SettingsPanel } from './settings-panel';
import { FleetStatusPanel } from './fleet-status-panel';
import { CatalogPanel, type CatalogPanelProps } from './catalog-panel';
import type { FleetStatus } from '../utils/schedule/status';
import type { CatalogInfo } from '../utils/catalog/catalog-info';

export interface DashboardViewProps {
  report: Report | null;
  gap: GapScore | undefined;
  population: Population;
  audits: AuditSummary[];
  shownId: string | undefined;
  networkLabel?: string;
  settings: Settings;
  comparison: AuditComparison | null;
  error?: string;
  onView(id: string): void;
  onDelete(id: string): void;
  onCompare(olderId: string, newerId: string): void;
  onExportJson(): void;
  onExportCsv(): void;
  onPrint(): void;
  onSaveSettings(next: Settings): Promise<void>;
  fleet: FleetStatus | null;
  onSetSchedule(change: { enabled: boolean; hours?: number }): Promise<void>;
  onExportDeadLetter(id: string): Promise<void>;
  onRemoveDeadLetter(id: string): Promise<void>;
  catalog: CatalogInfo | null;
  onImportCatalog: CatalogPanelProps['onImport'];
  onResetCatalog: CatalogPanelProps['onReset'];
  onExportCatalog: CatalogPanelProps['onExport'];
}

/**
 * The dashboard's layout, pure: summary and exports, results table with
 * evidence, usage chart, history, settings (with the organisation's fleet status and the catalog). The print stylesheet keeps the
 * first three on one page.
 */
export function DashboardView(p: DashboardViewProps) {
  const { t, locale } = useI18n();
  const section = (id: string, title: string, children: preact.ComponentChildren, extra = '') => (
    <section id={id} class={`panel ${extra}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
  const docLang = locale.startsWith('fr') ? 'fr' : 'en';
  return (
    <>
      <a class="skip-link" href="#main">{t('skipToContent')}</a>
      <header class="dash-header">
        <h1>{t('dashboardTitle')}</h1>
        <nav aria-label={t('dashboardTitle')} class="no-print">
          <a href="#results">{t('navResults')}</a>
          <a href="#chart">{t('navChart')}</a>
          <a href="#history">{t('navHistory')}</a>
          <a href="#settings">{t('navSettings')}</a>
          <a href="/present.html" data-testid="open-presentation">{t('present_open')}</a>
        </nav>
      </header>
      <main id="main" tabIndex={-1} class="dashboard">
        <ErrorAlert error={p.error} />
        {p.report ? (
          <>
            <AuditSummaryCard report={p.report} gap={p.gap} {...(p.networkLabel ? { networkLabel: p.networkLabel } : {})}
              onExportJson={p.onExportJson} onExportCsv={p.onExportCsv} onPrint={p.onPrint} />
            {section('results', t('navResults'), (
              <>
                <TlsNote report={p.report} />
                <ResultsTable services={p.report.services} population={p.population} />
              </>
            ))}
            {p.gap && section('chart', t('navChart'), <UsageChart gap={p.gap} />, 'chart-panel')}
          </>
        ) : (
          <p>{p.audits.length ? t('loading') : t('noAuditYet')}</p>
        )}
        {section('history', t('historyTitle'),
          <HistoryPanel audits={p.audits} population={p.population} shownId={p.shownId} comparison={p.comparison}
            onView={p.onView} onDelete={p.onDelete} onCompare={p.onCompare} />, 'no-print')}
        {section('settings', t('settingsTitle'), (
          <>
            <SettingsPanel settings={p.settings} onSave={p.onSaveSettings} />
            <FleetStatusPanel status={p.fleet} onSetSchedule={p.onSetSchedule} onExportDeadLetter={p.onExportDeadLetter} onRemoveDeadLetter={p.onRemoveDeadLetter} />
            <CatalogPanel info={p.catalog} onImport={p.onImportCatalog} onReset={p.onResetCatalog} onExport={p.onExportCatalog} />
          </>
        ), 'no-print settings-area')}
      </main>
      <footer class="dash-footer no-print">
        {/* The same text the store listing links to (docs/privacy*.md, shipped by npm run docs:pages). */}
        <a href={`/docs/privacy.${docLang}.html`} data-testid="privacy-link">{t('privacyPolicy')}</a>
        {' · '}
        <a href={`/docs/permissions.${docLang}.html`}>{t('permissionsWhy')}</a>
      </footer>
    </>
  );
}
