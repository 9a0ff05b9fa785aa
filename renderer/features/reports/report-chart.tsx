import { useEffect, useLayoutEffect, useRef } from 'react';
import { BarChart, HeatmapChart, type BarSeriesOption, type HeatmapSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  type AriaComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components';
import { init, use as registerChartParts, type ComposeOption, type ECElementEvent } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only what the Reports page draws: ECharts is modular, and this file is loaded with the page alone.
registerChartParts([
  BarChart,
  HeatmapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  AriaComponent,
  SVGRenderer,
]);

export type ReportChartOption = ComposeOption<
  | BarSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
  | AriaComponentOption
>;

export interface ReportChartProps {
  option: ReportChartOption;
  /** What the chart shows, in words: the container's accessible name (role img). */
  label: string;
  /** A bar or cell was clicked: its series and data index. */
  onPick?(pick: { seriesIndex: number; dataIndex: number }): void;
  height: number;
}

/**
 * One ECharts chart, drawn as SVG. ECharts' aria module is on: it names the
 * container (role img, our `label`) and draws decal patterns over the
 * colours, so series differ for colour-blind readers too. Every chart has a
 * table of the same numbers beside it (ChartFigure): that table, not the
 * drawing, is what keyboard and screen-reader users work with.
 */
export function ReportChart({ option, label, onPick, height }: ReportChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init> | null>(null);
  const latestPick = useRef(onPick);
  useLayoutEffect(() => {
    latestPick.current = onPick;
  });

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => {
      const event = params as ECElementEvent;
      if (typeof event.dataIndex === 'number') {
        latestPick.current?.({ seriesIndex: event.seriesIndex ?? 0, dataIndex: event.dataIndex });
      }
    });
    // jsdom (the unit tests) has no ResizeObserver; there nothing has a size to follow anyway.
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(() => instance.resize()) : null;
    resize?.observe(element);
    return () => {
      resize?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        ...option,
        aria: { enabled: true, decal: { show: true }, label: { description: label } },
      },
      { notMerge: true },
    );
  }, [option, label]);

  return (
    <div
      ref={container}
      className="report-chart"
      role="img"
      aria-label={label}
      style={{ height, cursor: onPick ? 'pointer' : undefined }}
    />
  );
}
