import { useCallback } from 'preact/hooks';
import type uPlot from 'uplot';
import { useI18n } from './i18n';
import { axis, UPlotChart, type ChartColors } from './uplot-chart';
import { historyTimeRange } from '../utils/ui/chart-data';

const spanDays = (u: uPlot) => ((u.scales.x?.max ?? 0) - (u.scales.x?.min ?? 0)) / 86_400;

export interface GapPoint {
  at: number;
  blocked: number;
  degraded: number;
}

/** Blocked and degraded shares over time, one point per finished audit. */
export function HistoryChart({ points }: { points: GapPoint[] }) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const build = useCallback(
    (_width: number, colors: ChartColors) => ({
      options: {
        height: 220,
        // From the audits' times, not uPlot's auto range (which gives one audit years: chart-data.ts).
        scales: { x: { time: true, range: (): uPlot.Range.MinMax => historyTimeRange(points.map((p) => p.at)) }, y: { range: [0, 1] as uPlot.Range.MinMax } },
        axes: [
          // Audits hours apart need the time, weeks apart only the date.
          axis(colors, { space: 90, values: (u: uPlot, splits: number[]) => splits.map((s) => (spanDays(u) < 2 ? fmt.dateTime(s * 1000) : fmt.date(s * 1000))) }),
          axis(colors, { values: (_u: uPlot, splits: number[]) => splits.map((s) => fmt.percent(s)) }),
        ],
        legend: { live: false },
        series: [
          { value: (_u: uPlot, v: number | null) => (v === null ? '' : fmt.dateTime(v * 1000)) },
          { label: t('verdict_blocked'), stroke: colors.series[2], width: 2, points: { show: true, size: 7 }, value: (_u: uPlot, v: number | null) => (v === null ? '' : fmt.percent(v)) },
          { label: t('gapDegradedShort'), stroke: colors.series[0], width: 2, dash: [6, 4], points: { show: true, size: 7 }, value: (_u: uPlot, v: number | null) => (v === null ? '' : fmt.percent(v)) },
        ],
      },
      // uPlot's time scale counts seconds.
      data: [points.map((p) => p.at / 1000), points.map((p) => p.blocked), points.map((p) => p.degraded)] as uPlot.AlignedData,
    }),
    [points, i18n],
  );
  if (points.length === 0) return null;
  return <UPlotChart build={build} label={t('historyChart')} testId="history-chart" />;
}
