import { useState } from 'preact/hooks';
import type { AuditSummary } from '../utils/history/summary';
import type { AuditComparison } from '../utils/history/compare';
import type { Population } from '../utils/catalog/types';
import { statusLabel } from '../utils/i18n';
import { gapHistory } from '../utils/ui/chart-data';
import { useI18n } from './i18n';
import { HistoryChart } from './history-chart';
import { CompareView } from './compare-view';

export interface HistoryPanelProps {
  audits: AuditSummary[];
  population: Population;
  shownId: string | undefined;
  comparison: AuditComparison | null;
  onView(id: string): void;
  onDelete(id: string): void;
  onCompare(olderId: string, newerId: string): void;
}

/** Gap over time, every stored audit (view, delete), and a comparison of any two. */
export function HistoryPanel({ audits, population, shownId, comparison, onView, onDelete, onCompare }: HistoryPanelProps) {
  const { t, fmt } = useI18n();
  const finished = audits.filter((a) => a.status !== 'running');
  const [olderChoice, setOlder] = useState('');
  const [newerChoice, setNewer] = useState('');
  // Defaults follow the list as it loads: the two most recent finished audits.
  const older = olderChoice || finished[1]?.id || '';
  const newer = newerChoice || finished[0]?.id || '';
  if (audits.length === 0) return <p>{t('historyEmpty')}</p>;
  const points = gapHistory(audits, population);
  const option = (a: AuditSummary) => (
    <option key={a.id} value={a.id}>
      {fmt.dateTime(a.startedAt)}
      {a.networkLabel ? ` · ${a.networkLabel}` : ''}
    </option>
  );
  return (
    <div class="history">
      <h3>{t('historyChart')}</h3>
      {points.length ? <HistoryChart points={points} /> : <p class="muted">{t('historyChartEmpty')}</p>}
      <h3>{t('historyList')}</h3>
      <ul class="audit-list" data-testid="audit-list">
        {audits.map((a) => {
          const when = fmt.dateTime(a.startedAt);
          const blocked = a.gap.find((g) => g.population === population)?.overall.blockedShare;
          return (
            <li key={a.id} data-audit={a.id}>
              <span>{when}</span>
              {a.networkLabel && <span class="muted">{a.networkLabel}</span>}
              <span>{statusLabel(t, a.status)}</span>
              <span>{blocked == null ? t('none') : fmt.percent(blocked)}</span>
              {a.id === shownId ? (
                <span class="muted">({t('historyShown')})</span>
              ) : (
                <button type="button" onClick={() => onView(a.id)} aria-label={t('historyViewLabel', when)}>
                  {t('historyView')}
                </button>
              )}
              {a.status !== 'running' && (
                <button type="button" onClick={() => onDelete(a.id)} aria-label={t('historyDeleteLabel', when)}>
                  {t('historyDelete')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {finished.length >= 2 && (
        <form
          class="compare-form"
          onSubmit={(e) => {
            e.preventDefault();
            onCompare(older, newer);
          }}
        >
          <h3>{t('historyCompareTitle')}</h3>
          <label>
            {t('historyOlder')} <select value={older} onChange={(e) => setOlder(e.currentTarget.value)}>{finished.map(option)}</select>
          </label>
          <label>
            {t('historyNewer')} <select value={newer} onChange={(e) => setNewer(e.currentTarget.value)}>{finished.map(option)}</select>
          </label>
          <button type="submit">{t('historyCompareButton')}</button>
        </form>
      )}
      {comparison && <CompareView comparison={comparison} />}
    </div>
  );
}
