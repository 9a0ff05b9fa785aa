import type { ReportChartOption } from './report-chart';
import { formatCount, hourLabel, isStaffingGap, weekdayShort, WEEKDAYS, type HeatmapCell } from './report-format';

/**
 * The ECharts options of the Reports page, built from the summary's numbers
 * alone (no chart object), so what each chart shows is tested without a
 * browser. Colours pass 3:1 against white; the aria decals and the tables
 * carry the same distinctions for readers who do not see colour.
 */

const BLUE = '#2f6db5';
const RED = '#b3261e';
const GREEN = '#2e7d32';
const TEXT = '#333';

const grid = { left: 8, right: 16, top: 28, bottom: 8, containLabel: true };

export interface Bar {
  label: string;
  chats: number;
}

/** Bars of counts, one per label; `horizontal` for long labels (pages, question types). */
export function barsOption(
  bars: readonly Bar[],
  options: { horizontal?: boolean; name?: string } = {},
): ReportChartOption {
  const labels = bars.map((bar) => bar.label);
  const category = {
    type: 'category' as const,
    data: labels,
    axisLabel: { color: TEXT, width: 220, overflow: 'truncate' as const },
  };
  const value = { type: 'value' as const, minInterval: 1, axisLabel: { color: TEXT, hideOverlap: true } };
  return {
    grid,
    tooltip: { trigger: 'item' },
    xAxis: options.horizontal ? value : category,
    yAxis: options.horizontal ? { ...category, inverse: true } : value,
    series: [
      {
        type: 'bar',
        name: options.name ?? 'Chats',
        data: bars.map((bar) => bar.chats),
        itemStyle: { color: BLUE },
        label: { show: bars.length <= 12, position: options.horizontal ? 'right' : 'top', color: TEXT },
      },
    ],
  };
}

/** Chats per day, week or month: the answered-or-other part and the missed part, stacked. */
export function seriesOption(points: readonly { label: string; chats: number; missed: number }[]): ReportChartOption {
  return {
    grid: { ...grid, top: 36 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: TEXT } },
    xAxis: { type: 'category', data: points.map((point) => point.label), axisLabel: { color: TEXT } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: TEXT } },
    series: [
      {
        type: 'bar',
        name: 'Answered or other',
        stack: 'chats',
        data: points.map((point) => point.chats - point.missed),
        itemStyle: { color: BLUE },
      },
      {
        type: 'bar',
        name: 'Missed',
        stack: 'chats',
        data: points.map((point) => point.missed),
        itemStyle: { color: RED },
      },
    ],
  };
}

/** The hatching and outline of a staffing gap (chats arrived, nobody Online most of the time). */
// Solid red stripes and a thick red outline: on a dark cell a translucent tint would vanish.
export const GAP_STYLE = {
  borderColor: RED,
  borderWidth: 3,
  decal: {
    symbol: 'rect',
    symbolSize: 1,
    dashArrayX: [1, 0],
    dashArrayY: [3, 3],
    rotation: -Math.PI / 4,
    color: RED,
  },
};

const hourAxis = {
  type: 'category' as const,
  data: Array.from({ length: 24 }, (_, hour) => hourLabel(hour)),
  splitArea: { show: true },
  axisLabel: { color: TEXT, interval: 2 },
};
const weekdayAxis = {
  type: 'category' as const,
  data: WEEKDAYS.map((_, index) => weekdayShort(index + 1)),
  inverse: true,
  splitArea: { show: true },
  axisLabel: { color: TEXT },
};

/**
 * Arrivals by weekday (rows, Monday at the top) and hour (columns). Staffing
 * gaps are outlined and hatched; every other cell has no pattern, so the
 * gaps are what the eye finds.
 */
export function arrivalsHeatmapOption(cells: readonly HeatmapCell[]): ReportChartOption {
  const max = Math.max(1, ...cells.map((cell) => cell.chats));
  return {
    grid: { ...grid, bottom: 56 },
    tooltip: { trigger: 'item' },
    xAxis: hourAxis,
    yAxis: weekdayAxis,
    visualMap: {
      min: 0,
      max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      text: [`${formatCount(max)} chats`, '0'],
      textStyle: { color: TEXT },
      inRange: { color: ['#f4f8fc', '#9fc1e6', '#2f6db5', '#123d6e'] },
    },
    series: [
      {
        type: 'heatmap',
        name: 'Chats',
        itemStyle: { decal: { symbol: 'none' }, borderColor: '#fff', borderWidth: 1 },
        data: cells.map((cell) => ({
          value: [cell.hour, cell.weekday - 1, cell.chats],
          ...(isStaffingGap(cell) ? { itemStyle: GAP_STYLE } : {}),
        })),
      },
    ],
  };
}

/** The share of each weekday-hour that someone was Online, 0% to 100%. */
export function staffingHeatmapOption(cells: readonly HeatmapCell[]): ReportChartOption {
  return {
    grid: { ...grid, bottom: 56 },
    tooltip: { trigger: 'item' },
    xAxis: hourAxis,
    yAxis: weekdayAxis,
    visualMap: {
      min: 0,
      max: 100,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      text: ['100% staffed', '0%'],
      textStyle: { color: TEXT },
      inRange: { color: ['#ffffff', '#a5d6a7', GREEN, '#1b4d1e'] },
    },
    series: [
      {
        type: 'heatmap',
        name: 'Staffed',
        itemStyle: { decal: { symbol: 'none' }, borderColor: '#ddd', borderWidth: 1 },
        data: cells.map((cell) => [cell.hour, cell.weekday - 1, Math.round(cell.staffedShare * 100)]),
      },
    ],
  };
}
