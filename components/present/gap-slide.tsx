import type { GapScore } from '../../utils/gap';
import type { Report } from '../../utils/report/types';
import { categoryLabel, populationLabel } from '../../utils/i18n';
import { gapRows } from '../../utils/present/story';
import { shortSource } from '../../utils/present/usage-bars';
import { useI18n } from '../i18n';
import { SlideFrame, SourceLine } from './slide-frame';
import type { SlidePlace } from './slide-frame';

/** A 0..1 share as a bar and its value, e.g. usage or blocked share; "—" when there is none. */
function Meter({ share, kind }: { share: number | null; kind: 'usage' | 'activity' | 'blocked' }) {
  const { fmt } = useI18n();
  if (share === null) return <span class="meter-none">—</span>;
  return (
    <span class={`meter meter-${kind}`}>
      <span class="meter-track">
        <span class="meter-fill" style={{ width: `${(share * 100).toFixed(1)}%` }} />
      </span>
      <span class="meter-value">{fmt.percent(share)}</span>
    </span>
  );
}

/**
 * The gap of the latest audit: the usage-weighted blocked share overall, then
 * per category next to how much of customer usage that category carries. Every
 * number is the gap score's own (`computeGap`, stored in the report).
 */
export function GapSlide({ report, gap, ...place }: SlidePlace & { report: Report | null; gap: GapScore | undefined }) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  if (!report || !gap) {
    return (
      <SlideFrame id="gap" title={t('present_gap_title')} {...place}>
        <p class="empty">{t('present_gap_none')}</p>
      </SlideFrame>
    );
  }
  const { overall } = gap;
  const rows = gapRows(gap);
  // "CREDOC …, Baromètre du numérique 2025": the year once, even when the title carries it.
  const cite = (a: { source: string; year: number }) => (shortSource(a.source).includes(String(a.year)) ? shortSource(a.source) : `${shortSource(a.source)} ${a.year}`);
  const activitySources = [...new Set(rows.flatMap((r) => (r.activity ? [cite(r.activity)] : [])))];
  const source = t(
    'present_src_gap',
    fmt.dateTime(Date.parse(report.startedAt)),
    populationLabel(t, gap.population),
    fmt.integer(overall.weightedServices),
    fmt.integer(overall.withoutFigure),
    fmt.integer(overall.inconclusive),
  );
  return (
    <SlideFrame
      id="gap"
      title={t('present_gap_title')}
      source={
        <SourceLine>
          {source}
          {activitySources.length > 0 && ` · ${t('present_src_activity', activitySources.join('; '))}`}
        </SourceLine>
      }
      {...place}
    >
      <div class="gap-layout">
        <div class="gap-overall" data-testid="present-gap">
          {overall.blockedShare === null ? (
            <p>{t('gapNoFigure')}</p>
          ) : (
            <>
              <p class="gap-big" data-share={overall.blockedShare}>{fmt.percent(overall.blockedShare)}</p>
              <p class="gap-words">{t('present_gap_overall')}</p>
            </>
          )}
          {!!overall.degradedShare && <p class="gap-degraded">{t('present_gap_degraded', fmt.percent(overall.degradedShare))}</p>}
          <p class="gap-basis" data-testid="present-gap-basis">{t('gapWeightedOver', fmt.integer(overall.weightedServices))}</p>
        </div>
        <table class="gap-table">
          <thead>
            <tr>
              <th scope="col"><span class="visually-hidden">{t('colCategory')}</span></th>
              <th scope="col">{t('present_gap_usage')}</th>
              <th scope="col">{t('present_gap_activity')}</th>
              <th scope="col">{t('present_gap_blocked')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.category} data-category={row.category}>
                <th scope="row">{categoryLabel(i18n, row.category)}</th>
                <td><Meter share={row.usageShare} kind="usage" /></td>
                <td title={row.activity ? `${row.activity.metric} (${row.activity.source}, ${row.activity.year})` : undefined}>
                  <Meter share={row.activity?.share ?? null} kind="activity" />
                </td>
                <td>
                  {row.blockedShare !== null ? (
                    <Meter share={row.blockedShare} kind="blocked" />
                  ) : (
                    <span class="meter-none">{t('present_gap_blockedCount', fmt.integer(row.blockedServices), fmt.integer(row.conclusiveServices))}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </SlideFrame>
  );
}
