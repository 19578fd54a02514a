import type { GapScore } from '../utils/gap';
import { populationLabel } from '../utils/i18n';
import { useI18n } from './i18n';

/**
 * The gap score as people read it: a big "x %" of customer usage blocked, the
 * degraded share, whose figures weigh it, and what was left out (never a silent 0).
 */
export function GapScoreCard({ gap }: { gap: GapScore | undefined }) {
  const { t, fmt } = useI18n();
  if (!gap) return null;
  const { blockedShare, degradedShare, weightedServices, withoutFigure, inconclusive } = gap.overall;
  return (
    <section class="gap-card" aria-labelledby="gap-title" data-testid="gap">
      <h2 id="gap-title">{t('gapTitle')}</h2>
      {blockedShare === null ? (
        <p>{t('gapNoFigure')}</p>
      ) : (
        <p>
          <span class="gap-value" data-testid="gap-value" data-share={blockedShare}>
            {fmt.percent(blockedShare)}
          </span>{' '}
          {t('gapBlockedLine')}
        </p>
      )}
      {degradedShare !== null && degradedShare > 0 && <p>{t('gapDegradedLine', fmt.percent(degradedShare))}</p>}
      <p data-testid="gap-basis">{t('gapWeightedOver', fmt.integer(weightedServices))}</p>
      <p class="muted">
        {t('gapPopulation', populationLabel(t, gap.population))}
        <br />
        {t('gapCounts', fmt.integer(weightedServices), fmt.integer(withoutFigure), fmt.integer(inconclusive))}
      </p>
    </section>
  );
}
