import type { Report } from '../utils/report/types';
import type { GapScore } from '../utils/gap';
import { statusLabel } from '../utils/i18n';
import { useI18n } from './i18n';
import { GapScoreCard } from './gap-score';
import { ControlAlert } from './control-alert';

export interface AuditSummaryProps {
  report: Report;
  gap: GapScore | undefined;
  networkLabel?: string;
  onExportJson(): void;
  onExportCsv(): void;
  onPrint(): void;
}

/** The head of the dashboard and of the printed page: when, where, with what, the gap, and the exports. */
export function AuditSummaryCard({ report, gap, networkLabel, onExportJson, onExportCsv, onPrint }: AuditSummaryProps) {
  const { t, fmt } = useI18n();
  const rows: [string, string][] = [
    [t('metaDate'), fmt.dateTime(Date.parse(report.startedAt))],
    [t('metaNetwork'), networkLabel || t('networkUnlabelled')],
    [t('metaCatalog'), t('metaValue', report.catalog.name, report.catalog.version)],
    [t('metaBrowser'), t('metaValue', report.browser.name, report.browser.version)],
    [t('metaStatus'), statusLabel(t, report.status)],
  ];
  return (
    <section class="summary" aria-labelledby="summary-title">
      <h2 id="summary-title" class="print-only">{t('printTitle')}</h2>
      <dl class="meta">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <ControlAlert control={report.control} />
      <GapScoreCard gap={gap} />
      <div class="exports no-print" role="group" aria-label={t('exportTitle')}>
        <button type="button" onClick={onExportJson} data-testid="export-json">{t('exportJson')}</button>
        <button type="button" onClick={onExportCsv} data-testid="export-csv">{t('exportCsv')}</button>
        <button type="button" onClick={onPrint} data-testid="print">{t('exportPrint')}</button>
      </div>
      {report.status !== 'running' && (
        <p class="no-print make-case">
          {/* The employee's letter to IT or management, built from this audit (issue: employees make the case). */}
          <a href={`/letter.html#audit=${encodeURIComponent(report.id)}`} data-testid="make-case" title={t('letter_makeCaseHint')}>
            {t('letter_makeCase')}
          </a>
        </p>
      )}
    </section>
  );
}
