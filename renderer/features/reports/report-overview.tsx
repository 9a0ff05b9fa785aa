import { useId, useMemo, useState } from 'react';
import type { ReportFilter, ReportSummary } from '../../../src/protocol/reports';
import { useConsole } from '../../store/store-context';
import { ChartFigure, DrillButton } from './chart-figure';
import { ReportChart } from './report-chart';
import {
  barsSummary,
  formatCount,
  formatDay,
  formatMonth,
  formatPercent,
  formatRating,
  formatShare,
  formatShortDay,
  formatWeek,
  heatmapGrid,
  heatmapSummary,
  hourLabel,
  hourSpan,
  isStaffingGap,
  staffingSummary,
  weekdayName,
} from './report-format';
import { arrivalsHeatmapOption, seriesOption, staffingHeatmapOption } from './report-options';

type Drill = (filter: ReportFilter, label: string) => void;

/** The store's drill action, as figures call it. */
export const useDrill = (): Drill => {
  const drill = useConsole((state) => state.drillReport);
  return (filter, label) => void drill(filter, label);
};

/** The range's totals, each one a button that lists its chats. */
export function TotalsRow({ summary }: { summary: ReportSummary }) {
  const drill = useDrill();
  const { totals } = summary;
  const share = (part: number) => formatPercent(part, totals.chats);
  const items: { label: string; value: number; detail?: string; filter: ReportFilter }[] = [
    { label: 'Chats', value: totals.chats, filter: {} },
    { label: 'Answered', value: totals.answered, detail: share(totals.answered), filter: { outcome: 'answered' } },
    { label: 'Missed', value: totals.missed, detail: share(totals.missed), filter: { outcome: 'missed' } },
    {
      label: 'Left before an answer',
      value: totals.leftUnanswered,
      detail: share(totals.leftUnanswered),
      filter: { outcome: 'left-unanswered' },
    },
    {
      label: 'Transferred',
      value: totals.transferred,
      detail: share(totals.transferred),
      filter: { outcome: 'transferred' },
    },
    {
      label: 'Screenshared',
      value: totals.screenshared,
      detail: share(totals.screenshared),
      filter: { outcome: 'screenshared' },
    },
    {
      label: 'Rated',
      value: totals.rated,
      detail: totals.averageRating === null ? undefined : `average ${formatRating(totals.averageRating)} of 5`,
      filter: { outcome: 'rated' },
    },
    { label: 'Reference', value: totals.reference, detail: share(totals.reference), filter: { countsAs: 'reference' } },
    {
      label: 'Directional',
      value: totals.directional,
      detail: share(totals.directional),
      filter: { countsAs: 'directional' },
    },
  ];
  return (
    <section className="report-totals" aria-label="Totals">
      <ul>
        {items.map((item) => (
          <li key={item.label} data-total={item.label}>
            <span className="report-total-label">{item.label}</span>
            <span className="report-total-value">
              <DrillButton chats={item.value} label={item.label} onDrill={() => drill(item.filter, item.label)} />
            </span>
            {item.detail ? <span className="report-total-detail">{item.detail}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

type Period = 'day' | 'week' | 'month';
const PERIODS: { period: Period; label: string }[] = [
  { period: 'day', label: 'Day' },
  { period: 'week', label: 'Week' },
  { period: 'month', label: 'Month' },
];

interface Point {
  key: string;
  axis: string;
  label: string;
  chats: number;
  missed: number;
  filter: ReportFilter;
}

function pointsOf(summary: ReportSummary, period: Period): Point[] {
  if (period === 'day') {
    return summary.perDay.map((row) => ({
      key: row.day,
      axis: formatShortDay(row.day),
      label: formatDay(row.day),
      chats: row.chats,
      missed: row.missed,
      filter: { day: row.day },
    }));
  }
  if (period === 'week') {
    return summary.perWeek.map((row) => ({
      key: row.week,
      axis: formatShortDay(row.week),
      label: formatWeek(row.week),
      chats: row.chats,
      missed: row.missed,
      filter: { week: row.week },
    }));
  }
  return summary.perMonth.map((row) => ({
    key: row.month,
    axis: formatMonth(row.month),
    label: formatMonth(row.month),
    chats: row.chats,
    missed: row.missed,
    filter: { month: row.month },
  }));
}

/** Chats per day, week or month (a switch), missed ones stacked on top in red. */
export function SeriesFigure({ summary }: { summary: ReportSummary }) {
  const [period, setPeriod] = useState<Period>('day');
  const drill = useDrill();
  const points = useMemo(() => pointsOf(summary, period), [summary, period]);
  const option = useMemo(() => seriesOption(points.map((point) => ({ ...point, label: point.axis }))), [points]);
  const name = useId();
  const periodWord = PERIODS.find((item) => item.period === period)?.label.toLowerCase() ?? period;
  const title = `Chats per ${periodWord}`;
  return (
    <ChartFigure
      title={title}
      table={`per-${period}`}
      note={
        <span role="radiogroup" aria-label="Count chats per" className="report-switch">
          Count chats per{' '}
          {PERIODS.map((item) => (
            <label key={item.period}>
              <input
                type="radio"
                name={name}
                checked={period === item.period}
                onChange={() => setPeriod(item.period)}
              />
              {item.label}
            </label>
          ))}
        </span>
      }
      chart={
        <ReportChart
          option={option}
          label={barsSummary(title, points)}
          height={260}
          onPick={({ dataIndex }) => {
            const point = points[dataIndex];
            if (point) drill(point.filter, point.label);
          }}
        />
      }
    >
      <table className="report-table">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{PERIODS.find((item) => item.period === period)?.label}</th>
            <th scope="col">Chats</th>
            <th scope="col">Missed</th>
          </tr>
        </thead>
        <tbody>
          {points.map((point) => (
            <tr key={point.key}>
              <th scope="row">{point.label}</th>
              <td>
                <DrillButton chats={point.chats} label={point.label} onDrill={() => drill(point.filter, point.label)} />
              </td>
              <td>
                <DrillButton
                  chats={point.missed}
                  label={`${point.label}, missed`}
                  onDrill={() => drill({ ...point.filter, outcome: 'missed' }, `${point.label}, missed`)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ChartFigure>
  );
}

/**
 * When chats arrive (7 x 24) beside when someone was Online. Weekday-hours
 * where chats came while nobody was Online most of the time are outlined and
 * hatched in the chart and marked in words in the table.
 */
export function HeatmapFigures({ summary }: { summary: ReportSummary }) {
  const drill = useDrill();
  const cells = useMemo(() => heatmapGrid(summary.heatmap).flat(), [summary.heatmap]);
  const arrivals = useMemo(() => arrivalsHeatmapOption(cells), [cells]);
  const staffing = useMemo(() => staffingHeatmapOption(cells), [cells]);
  const rows = useMemo(() => heatmapGrid(summary.heatmap), [summary.heatmap]);
  const gaps = cells.filter(isStaffingGap).length;
  const cellLabel = (weekday: number, hour: number) => `${weekdayName(weekday)} ${hourSpan(hour)}`;
  const legend = (
    <span className="report-legend">
      <span className="report-gap-swatch" aria-hidden="true" /> Outlined and hatched: chats arrived, but nobody was
      Online for most of these hours
      {gaps ? ` (${gaps} ${gaps === 1 ? 'hour' : 'hours'})` : ' (none in this range)'}. Times are in {summary.timeZone}.
    </span>
  );
  return (
    <ChartFigure
      title="When chats arrive, and when the desk was staffed"
      table="heatmap"
      note={legend}
      chart={
        <div className="report-heatmaps">
          <div>
            <h4>Chats by weekday and hour</h4>
            <ReportChart
              option={arrivals}
              label={heatmapSummary(cells)}
              height={300}
              onPick={({ dataIndex }) => {
                const cell = cells[dataIndex];
                if (cell && cell.chats > 0)
                  drill({ weekday: cell.weekday, hour: cell.hour }, cellLabel(cell.weekday, cell.hour));
              }}
            />
          </div>
          <div>
            <h4>Share of the hour someone was Online</h4>
            <ReportChart option={staffing} label={staffingSummary(cells)} height={300} />
          </div>
        </div>
      }
    >
      <div className="report-table-scroll" role="region" aria-label="Chats by weekday and hour, table" tabIndex={0}>
        <table className="report-table report-heatmap-table">
          <caption>Chats by weekday and hour, and the share of each hour someone was Online</caption>
          <thead>
            <tr>
              <th scope="col">Weekday</th>
              {Array.from({ length: 24 }, (_, hour) => (
                <th scope="col" key={hour}>
                  {hourLabel(hour)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row[0]?.weekday}>
                <th scope="row">{weekdayName(row[0]?.weekday ?? 1)}</th>
                {row.map((cell) => (
                  <td key={cell.hour} data-gap={isStaffingGap(cell) ? 'true' : undefined}>
                    <DrillButton
                      chats={cell.chats}
                      label={cellLabel(cell.weekday, cell.hour)}
                      onDrill={() =>
                        drill({ weekday: cell.weekday, hour: cell.hour }, cellLabel(cell.weekday, cell.hour))
                      }
                    />
                    <span className="report-staffed">{formatShare(cell.staffedShare)} staffed</span>
                    {isStaffingGap(cell) ? (
                      <span className="visually-hidden">: nobody Online most of the time</span>
                    ) : null}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="report-note">{formatCount(cells.reduce((sum, cell) => sum + cell.chats, 0))} chats in all.</p>
    </ChartFigure>
  );
}
