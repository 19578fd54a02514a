import type { Catalog } from '../../utils/catalog/schema';
import type { Population } from '../../utils/catalog/types';
import { COMPLAINT, OBSERVATOIRE_2013, OBSERVATOIRE_SOURCE, type SourcedFigure } from '../../utils/present/figures';
import { retiredServices } from '../../utils/present/story';
import { usageChartData } from '../../utils/present/usage-bars';
import { populationLabel } from '../../utils/i18n';
import { useI18n } from '../i18n';
import { SlideFrame, SourceLine, type SlidePlace } from './slide-frame';
import { UsageBars, Footnotes } from './usage-bars';

/** The founding complaint: what customers do, what work allows, why, and the risk. */
export function ComplaintSlide(place: SlidePlace) {
  const { t } = useI18n();
  return (
    <SlideFrame id="complaint" title={t('present_complaint_title')} source={<SourceLine>{t(COMPLAINT.source)}</SourceLine>} {...place}>
      <div class="two-cols complaint">
        <div class="col col-customers">
          <h3>{t('present_complaint_customers')}</h3>
          <ul class="big-list">{COMPLAINT.customers.map((k) => <li key={k}>{t(k)}</li>)}</ul>
        </div>
        <div class="col col-work">
          <h3>{t('present_complaint_work')}</h3>
          <ul class="big-list cross">{COMPLAINT.work.map((k) => <li key={k}>{t(k)}</li>)}</ul>
          <p class="reasons">{t(COMPLAINT.reasons)}</p>
        </div>
      </div>
      <p class="punchline">{t(COMPLAINT.risk)}</p>
    </SlideFrame>
  );
}

/** The complaint's services that closed (from the catalog), next to messaging as customers use it today. */
export function ThenNowSlide({ catalog, population, ...place }: SlidePlace & { catalog: Catalog; population: Population }) {
  const { t, locale } = useI18n();
  const today = usageChartData(catalog, population, { limit: 5, categories: ['messaging', 'calls'], locale });
  const retired = retiredServices(catalog, locale);
  return (
    <SlideFrame
      id="then-now"
      title={t('present_thennow_title')}
      source={<SourceLine>{t('present_src_retired', catalog.version)}</SourceLine>}
      {...place}
    >
      <div class="two-cols">
        <div class="col">
          <h3>{t('present_thennow_then')}</h3>
          {/* Seven services of that era are gone: two columns keep them on one slide. */}
          <ul class={`retired-list${retired.length > 4 ? ' retired-many' : ''}`} data-testid="retired">
            {retired.map((r) => (
              <li key={r.id}>
                <span class="retired-name">{r.name}</span>
                <span class="retired-year">{t('present_retired_closed', r.year)}</span>
                <span class="retired-next">{r.successor ? t('present_retired_now', r.successor) : t('present_retired_noFree')}</span>
              </li>
            ))}
          </ul>
        </div>
        <div class="col">
          <h3>{t('present_thennow_today', populationLabel(t, population))}</h3>
          {today.bars.length ? <UsageBars bars={today.bars} compact /> : <p>{t('present_usage_none', populationLabel(t, population))}</p>}
          {today.withoutFigureNames.length > 0 && (
            <p class="aside">{t('present_thennow_noFigure', new Intl.ListFormat(locale, { type: 'conjunction' }).format(today.withoutFigureNames))}</p>
          )}
          <Footnotes sources={today.sources} />
        </div>
      </div>
    </SlideFrame>
  );
}

/** A study figure; the study's own rounded "about x %" figures say so, in small type above the number. */
function Percent({ figure }: { figure: SourcedFigure }) {
  const { t, fmt } = useI18n();
  return (
    <>
      {figure.approx && <span class="approx">{t('present_about')} </span>}
      {fmt.percent(figure.share)}
    </>
  );
}

/** The Observatoire 2013's four logics of customer behaviour, each with its headline and supporting figures. */
export function BehaviourSlide(place: SlidePlace) {
  const { t } = useI18n();
  return (
    <SlideFrame id="behaviour" title={t('present_behaviour_title')} source={<SourceLine>{t(OBSERVATOIRE_SOURCE)}</SourceLine>} {...place}>
      <div class="logics">
        {OBSERVATOIRE_2013.map((logic) => (
          <article class="logic" key={logic.id} data-logic={logic.id}>
            <h3>{t(logic.title)}</h3>
            <p class="logic-headline">
              <span class="figure">
                <Percent figure={logic.headline} />
              </span>
              <span class="figure-label">{t(logic.headline.label)}</span>
            </p>
            <ul class="logic-details">
              {logic.details.map((d) => (
                <li key={d.label}>
                  <strong>
                    <Percent figure={d} />
                  </strong>{' '}
                  {t(d.label)}
                </li>
              ))}
            </ul>
          </article>
        ))}
      </div>
    </SlideFrame>
  );
}
