import type { AuditComparison, VerdictChange } from '../utils/history/compare';
import { verdictLabel } from '../utils/i18n';
import { useI18n } from './i18n';

/** What became blocked, what was unblocked, and what else changed between two audits. */
export function CompareView({ comparison }: { comparison: AuditComparison }) {
  const { t, fmt } = useI18n();
  const word = (v: VerdictChange['from']) => (v === 'absent' ? t('compareAbsent') : verdictLabel(t, v));
  const list = (title: string, changes: VerdictChange[], testId: string) => (
    <div>
      <h4>{title}</h4>
      {changes.length === 0 ? (
        <p class="muted">{t('compareNothing')}</p>
      ) : (
        <ul data-testid={testId}>
          {changes.map((c) => (
            <li key={c.id}>{t('compareChange', c.name, word(c.from), word(c.to))}</li>
          ))}
        </ul>
      )}
    </div>
  );
  return (
    <section class="comparison" aria-live="polite" data-testid="comparison">
      {comparison.catalogChanged && (
        <p class="warning" role="note" data-testid="catalog-changed">
          {t('compareCatalogChanged',
            `${comparison.catalogChanged.from.name} ${comparison.catalogChanged.from.version}`,
            `${comparison.catalogChanged.to.name} ${comparison.catalogChanged.to.version}`)}
        </p>
      )}
      {list(t('compareNowBlocked'), comparison.nowBlocked, 'now-blocked')}
      {list(t('compareUnblocked'), comparison.unblocked, 'unblocked')}
      {list(t('compareOther'), comparison.otherChanges, 'other-changes')}
      <p>{t('compareUnchanged', fmt.integer(comparison.unchanged))}</p>
    </section>
  );
}
