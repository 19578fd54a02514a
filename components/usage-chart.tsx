import { useCallback } from 'preact/hooks';
import uPlot from 'uplot';
import type { GapScore } from '../utils/gap';
import { categoryLabel } from '../utils/i18n';
import { categoryBars } from '../utils/ui/chart-data';
import { useI18n } from './i18n';
import { axis, UPlotChart, type ChartColors } from './uplot-chart';

/**
 * Per category: its part of all customer usage, next to the part of that usage
 * reachable from here. The same figures follow as a table (screen readers,
 * print, and anyone who cannot tell the two bar colours apart).
 */
export function UsageChart({ gap }: { gap: GapScore }) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const bars = categoryBars(gap);
  const labels = bars.map((b) => categoryLabel(i18n, b.category));
  const build = useCallback(
    (_width: number, colors: ChartColors) => {
      const barPaths = (align: -1 | 1) => uPlot.paths.bars!({ size: [0.38, 48], align });
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
          </tr>
        </thead>
        <tbody>
          {bars.map((b, i) => (
            <tr key={b.category}>
              <th scope="row">{labels[i]}</th>
              <td class="num">{fmt.percent(b.usageShare)}</td>
              <td class="num">{fmt.percent(b.reachableShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
