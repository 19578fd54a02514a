import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Colours of the current theme (light or dark), read from the page's CSS variables. */
export interface ChartColors {
  fg: string;
  grid: string;
  series: [string, string, string];
}

export interface UPlotChartProps {
  /** Build the chart for a width and the theme's colours. */
  build(width: number, colors: ChartColors): { options: Omit<uPlot.Options, 'width'>; data: uPlot.AlignedData };
  /** Accessible name of the chart image (the figures are also given as a table next to it). */
  label: string;
  testId?: string;
}

/**
 * A uPlot chart (canvas) that follows its container's width. Colours come from
 * CSS variables so dark mode and print use the page's palette. uPlot stays
 * out of the popup bundle: only the dashboard imports this file.
 */
export function UPlotChart({ build, label, testId }: UPlotChartProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const css = getComputedStyle(el);
    const v = (name: string) => css.getPropertyValue(name).trim();
    const colors: ChartColors = { fg: v('--fg'), grid: v('--border'), series: [v('--chart-1'), v('--chart-2'), v('--chart-3')] };
    const width = Math.max(280, el.clientWidth);
    const { options, data } = build(width, colors);
    const chart = new uPlot({ ...options, width }, data, el);
    // Follow the container (window resize, zoom, print layout).
    const observer = new ResizeObserver(() => {
      const w = Math.max(280, el.clientWidth);
      if (Math.abs(w - chart.width) > 4) chart.setSize({ width: w, height: chart.height });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [build]);
  return <div ref={box} class="chart" role="img" aria-label={label} data-testid={testId} />;
}

/** Axis styling shared by our charts. */
export function axis(colors: ChartColors, extra: uPlot.Axis = {}): uPlot.Axis {
  return { stroke: colors.fg, grid: { stroke: colors.grid, width: 1 }, ticks: { stroke: colors.grid, width: 1 }, ...extra };
}
