import type { Population } from '../utils/catalog/types';
import type { ReportService } from '../utils/report/types';
import { mechanismLabel } from '../utils/i18n';
import { shareOf, topBlocked } from '../utils/ui/gap-view';
import { useI18n } from './i18n';
import { VerdictBadge } from './verdict-badge';

/** The most-used blocked services, with share and what blocked them. */
export function TopBlocked({ services, population, limit = 5 }: { services: ReportService[]; population: Population; limit?: number }) {
  const { t, fmt } = useI18n();
  const top = topBlocked(services, population, limit);
  return (
    <section aria-labelledby="top-title">
      <h2 id="top-title">{t('topBlockedTitle')}</h2>
      {top.length === 0 ? (
        <p>{t('noneBlocked')}</p>
      ) : (
        <ol class="top-list" data-testid="top-blocked">
          {top.map((s) => {
            const share = shareOf(s, population);
            return (
              <li key={s.id} data-service={s.id}>
                <span class="top-name">{s.name}</span>
                <span class="top-share">{share === null ? t('noFigure') : fmt.percent(share)}</span>
                <VerdictBadge verdict={s.verdict} label={s.mechanism ? mechanismLabel(t, s.mechanism) : undefined} />
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
