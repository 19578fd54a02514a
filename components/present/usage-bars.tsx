import type { Catalog } from '../../utils/catalog/schema';
import type { Population } from '../../utils/catalog/types';
import { populationLabel } from '../../utils/i18n';
import { usageChartData, type FootnoteSource, type UsageBar } from '../../utils/present/usage-bars';
import { useI18n } from '../i18n';
import { SlideFrame } from './slide-frame';
import type { SlidePlace } from './slide-frame';

/**
 * Horizontal bars in HTML, not canvas: they stay sharp on any projector, scale
 * with the slide's type, print as they look, and a screen reader reads them as a
 * list. Each value carries the number of its source footnote.
 */
export function UsageBars({ bars, compact, dense }: { bars: UsageBar[]; compact?: boolean; dense?: boolean }) {
  const { fmt } = useI18n();
  return (
    <ol class={`hbars ${compact ? 'compact' : ''} ${dense ? 'dense' : ''}`} data-testid="usage-bars">
      {bars.map((bar) => (
        <li key={bar.id} class="hbar" data-service={bar.id} data-share={bar.share}>
          <span class="hbar-name">{bar.name}</span>
          <span class="hbar-track">
            <span class="hbar-fill" style={{ width: `${(bar.share * 100).toFixed(1)}%` }} />
          </span>
          <span class="hbar-value">
            {fmt.percent(bar.share)}
            <sup class="fn-ref">{bar.source}</sup>
          </span>
        </li>
      ))}
    </ol>
  );
}

/** Numbered sources under a chart: name, year, and a flag on figures taken from a secondary copy. */
export function Footnotes({ sources }: { sources: FootnoteSource[] }) {
  const { t } = useI18n();
  if (!sources.length) return null;
  return (
    <ol class="footnotes" aria-label={t('present_sources')}>
      {sources.map((s) => (
        <li key={s.n} value={s.n}>
          <sup>{s.n}</sup> {s.name}, {s.year}
          {s.secondary ? ` (${t('present_secondaryCopy')})` : ''}
        </li>
      ))}
    </ol>
  );
}

/** "What customers use": the catalog's usage shares for the deck's population. */
export function UsageSlide({ catalog, population, ...place }: SlidePlace & { catalog: Catalog; population: Population }) {
  const { t, locale } = useI18n();
  const data = usageChartData(catalog, population, { limit: 10, locale });
  const name = populationLabel(t, population);
  const others = data.withoutFigure + data.notShown;
  return (
    <SlideFrame id="usage" title={t('present_usage_title')} source={<Footnotes sources={data.sources} />} {...place}>
      <p class="lead">{t('present_usage_lead', name)}</p>
      {/* Many sources make a longer footnote block: the bars then take the denser layout so the slide still fits. */}
      {data.bars.length ? (
        <UsageBars bars={data.bars} dense={data.sources.length > 4} />
      ) : (
        <p class="empty">{t('present_usage_none', name)}</p>
      )}
      {others > 0 && <p class="aside">{t('present_usage_noFigure', others)}</p>}
    </SlideFrame>
  );
}
