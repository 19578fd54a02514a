import { useCallback } from 'preact/hooks';
import uPlot from 'uplot';
import type { GapScore } from '../utils/gap';
import { categoryLabel } from '../utils/i18n';
import { categoryBars, categoryRows } from '../utils/ui/chart-data';
import { useI18n } from './i18n';
import { axis, UPlotChart, type ChartColors } from './uplot-chart';

/**
 * Per category: its part of all customer usage, next to the part of that usage
 * reachable from here. The same figures follow as a table (screen readers,
 * print, and anyone who cannot tell the two bar colours apart), with the category
 * figures — how many customers do the activity at all — so a category without
 * per-service figures still shows its weight among customers.
 */
export function UsageChart({ gap }: { gap: GapScore }) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const bars = categoryBars(gap);
  const labels = bars.map((b) => categoryLabel(i18n, b.category));
  const rows = categoryRows(gap);
  const reachable = new Map(bars.map((b) => [b.category, b.reachableShare]));
  const pct = (share: number | null | undefined) => (share === null || share === undefined ? '—' : fmt.percent(share));
  const build = useCallback(
    (_width: number, colors: ChartColors) => {
      // uPlot's full build has the bars builder; a build without it would draw the default lines.
      const barPaths = (align: -1 | 1) => uPlot.paths.bars?.({ size: [0.38, 48], align });
      return {
        options: {
          height: 300,
          scales: { x: { time: false, range: [-0.5, bars.length - 0.5] as uPlot.Range.MinMax }, y: { range: [0, 1] as uPlot.Range.MinMax } },
          axes: [
            axis(colors, { splits: () => bars.map((_, i) => i), values: (_u: uPlot, splits: number[]) => splits.map((i) => labels[i] ?? ''), grid: { show: false } }),
            axis(colors, { values: (_u: uPlot, splits: number[]) => splits.map((s) => fmt.percent(s)) }),
          ],
          series: [
            { label: t('colCategory'), value: (_u: uPlot, i: number | null) => (i === null ? '' : (labels[i] ?? '')) },
            { label: t('chartUsage'), fill: colors.series[0], stroke: colors.series[0], paths: barPaths(-1), points: { show: false }, value: (_u: uPlot, v: number | null) => (v === null ? '' : fmt.percent(v)) },
            { label: t('chartReachable'), fill: colors.series[1], stroke: colors.series[1], paths: barPaths(1), points: { show: false }, value: (_u: uPlot, v: number | null) => (v === null ? '' : fmt.percent(v)) },
          ],
          cursor: { show: false },
          legend: { live: false },
        },
        data: [bars.map((_, i) => i), bars.map((b) => b.usageShare), bars.map((b) => b.reachableShare)] as uPlot.AlignedData,
      };
    },
    [gap, i18n],
  );
  return (
    <figure class="chart-figure">
      <figcaption>
        <h3>{t('chartTitle')}</h3>
      </figcaption>
      {bars.length > 0 && <UPlotChart build={build} label={t('chartTitle')} testId="usage-chart" />}
      <table class="chart-table">
        <caption>{t('chartTableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colCategory')}</th>
            <th scope="col">{t('chartUsage')}</th>
            <th scope="col">{t('chartReachable')}</th>
            <th scope="col">{t('chartActivity')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.category} data-category={r.category}>
              <th scope="row">{categoryLabel(i18n, r.category)}</th>
              <td class="num">{pct(r.usageShare)}</td>
              <td class="num">{pct(reachable.get(r.category))}</td>
              <td class="num" data-testid="activity-share">
                {r.activity ? (
                  <span title={`${r.activity.metric} — ${r.activity.source}, ${r.activity.year}`}>
                    {fmt.percent(r.activity.share)} <a href={r.activity.url} target="_blank" rel="noreferrer">{r.activity.year}</a>
                  </span>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted chart-note">{t('chartActivityNote')}</p>
    </figure>
  );
}
