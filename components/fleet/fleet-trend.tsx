import { useCallback } from 'preact/hooks';
import type { FleetAggregate } from '../../utils/fleet/aggregate';
import { useI18n } from '../i18n';
import { axis, UPlotChart, type ChartColors } from '../uplot-chart';

/** Daily mean blocked share: a uPlot line, with the same figures as a table (screen readers, print). */
export function FleetTrend({ agg }: { agg: FleetAggregate }) {
  const { t, fmt } = useI18n();
  const share = (v: number | null) => (v === null ? t('fleet_noFigure') : fmt.percent(v));
  const build = useCallback(
    (width: number, colors: ChartColors) => ({
      options: {
        height: 220,
        scales: { x: { time: true }, y: { range: [0, 1] as [number, number] } },
        axes: [axis(colors), axis(colors, { values: (_u: unknown, ticks: number[]) => ticks.map((v) => fmt.percent(v)) })],
        series: [{}, { label: t('fleet_blockedShare'), stroke: colors.series[0], width: 2, spanGaps: true }],
        legend: { show: false },
      },
      data: [agg.trend.map((p) => Date.parse(`${p.day}T00:00:00Z`) / 1000), agg.trend.map((p) => p.blockedShare)] as [number[], (number | null)[]],
    }),
    [agg, t, fmt],
  );
  return (
    <section>
      <h2>{t('fleet_trend')}</h2>
      {agg.trend.length > 1 ? <UPlotChart build={build} label={t('fleet_trend')} testId="fleet-trend-chart" /> : null}
      <details>
        <summary>{t('fleet_day')}</summary>
        <table data-testid="fleet-trend">
          <thead><tr><th scope="col">{t('fleet_day')}</th><th scope="col">{t('fleet_reports')}</th><th scope="col">{t('fleet_blockedShare')}</th><th scope="col">{t('fleet_degradedShare')}</th></tr></thead>
          <tbody>
            {agg.trend.map((p) => (
              <tr key={p.day}><td>{p.day}</td><td>{fmt.integer(p.reports)}</td><td>{share(p.blockedShare)}</td><td>{share(p.degradedShare)}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
