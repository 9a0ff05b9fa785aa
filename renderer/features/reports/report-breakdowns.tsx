import { useMemo, type ReactNode } from 'react';
import {
  READ_LEVELS,
  RATING_SCALE,
  type Distribution,
  type ReportFilter,
  type ReportSummary,
  type ReportTable,
} from '../../../src/protocol/reports';
import { ChartFigure, DrillButton } from './chart-figure';
import { ReportChart } from './report-chart';
import { barsSummary, distributionWords, formatPercent } from './report-format';
import { barsOption } from './report-options';
import { useDrill } from './report-overview';

export interface BarRow {
  key: string;
  label: string;
  chats: number;
  /** Which chats the row stands for; null when the contract has no filter for it (no analytics entry). */
  filter: ReportFilter | null;
  /** Further cells of the table, after Chats and Share. */
  more?: ReactNode[];
}

interface BarsFigureProps {
  title: string;
  table: ReportTable;
  /** The first column's header. */
  rowHeader: string;
  rows: readonly BarRow[];
  moreHeaders?: string[];
  note?: ReactNode;
  horizontal?: boolean;
  /** What to say when there is nothing to draw. */
  empty: string;
}

/** A bar per row, and the same rows as a table whose counts list their chats. */
export function BarsFigure({
  title,
  table,
  rowHeader,
  rows,
  moreHeaders = [],
  note,
  horizontal,
  empty,
}: BarsFigureProps) {
  const drill = useDrill();
  const option = useMemo(() => barsOption(rows, { horizontal }), [rows, horizontal]);
  const total = rows.reduce((sum, row) => sum + row.chats, 0);
  const height = horizontal ? Math.max(140, rows.length * 28 + 40) : 240;
  return (
    <ChartFigure
      title={title}
      table={table}
      note={note}
      empty={total === 0 ? empty : null}
      chart={
        <ReportChart
          option={option}
          label={barsSummary(title, rows)}
          height={height}
          onPick={({ dataIndex }) => {
            const row = rows[dataIndex];
            if (row?.filter && row.chats > 0) drill(row.filter, `${title}: ${row.label}`);
          }}
        />
      }
    >
      <table className="report-table">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeader}</th>
            <th scope="col">Chats</th>
            <th scope="col">Share</th>
            {moreHeaders.map((header) => (
              <th scope="col" key={header}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">
                <bdi dir="auto">{row.label}</bdi>
              </th>
              <td>
                {row.filter ? (
                  <DrillButton
                    chats={row.chats}
                    label={`${title}: ${row.label}`}
                    onDrill={() => drill(row.filter ?? {}, `${title}: ${row.label}`)}
                  />
                ) : (
                  row.chats.toLocaleString('en')
                )}
              </td>
              <td>{formatPercent(row.chats, total)}</td>
              {row.more?.map((cell, index) => (
                <td key={index}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ChartFigure>
  );
}

const DISTRIBUTIONS: { key: 'wait' | 'firstReply' | 'duration'; table: ReportTable; title: string; what: string }[] = [
  { key: 'wait', table: 'wait', title: 'Wait for an operator', what: 'from asking to being claimed' },
  {
    key: 'firstReply',
    table: 'first-reply',
    title: 'Time to the first answer',
    what: 'from asking to the first staff reply',
  },
  { key: 'duration', table: 'duration', title: 'Chat length', what: 'from asking to the end of the chat' },
];

function distributionRows(key: string, distribution: Distribution): BarRow[] {
  return distribution.buckets.map((bucket) => ({
    key: bucket.key,
    label: bucket.label,
    chats: bucket.chats,
    filter: { bucket: `${key}:${bucket.key}` },
  }));
}

/** Waits, first answers and lengths: buckets as bars, the median and 90th percentile in words. */
export function DistributionFigures({ summary }: { summary: ReportSummary }) {
  return (
    <>
      {DISTRIBUTIONS.map(({ key, table, title, what }) => (
        <BarsFigure
          key={key}
          title={title}
          table={table}
          rowHeader="How long"
          rows={distributionRows(key, summary[key])}
          note={
            <>
              <strong>{distributionWords(summary[key])}</strong>, {what}.
            </>
          }
          empty="No chats to measure in this range."
        />
      ))}
    </>
  );
}

const countsAsWords = { reference: 'Reference', directional: 'Directional' } as const;

/** Question types (each counting as reference or directional), READ levels, ratings. */
export function AnswerFigures({ summary }: { summary: ReportSummary }) {
  // A row without a key is the chats with no analytics entry: counted, but no filter lists them.
  const typeRows = summary.questionTypes.map((type) => ({
    key: type.key || 'none',
    label: type.key ? type.label : 'No analytics entry',
    chats: type.chats,
    filter: type.key ? { questionType: type.key } : null,
    more: [type.countsAs ? countsAsWords[type.countsAs] : 'Not counted'],
  }));
  const readRows = READ_LEVELS.map(({ level, words }) => ({
    key: String(level),
    label: `${level}: ${words}`,
    chats: summary.readLevels.find((row) => row.level === level)?.chats ?? 0,
    filter: { readLevel: level },
  }));
  const ratingRows = RATING_SCALE.map(({ rating, words }) => ({
    key: String(rating),
    label: `${rating}: ${words}`,
    chats: summary.ratings.find((row) => row.rating === rating)?.chats ?? 0,
    filter: { rating },
  }));
  const { totals } = summary;
  return (
    <>
      <BarsFigure
        title="Question types"
        table="question-types"
        rowHeader="Question type"
        rows={typeRows}
        moreHeaders={['Counts as']}
        horizontal
        note={`${totals.reference} reference and ${totals.directional} directional questions (NISO Z39.7 counts them apart).`}
        empty="No analytics entries were saved for chats in this range."
      />
      <BarsFigure
        title="READ levels"
        table="read-levels"
        rowHeader="READ level"
        rows={readRows}
        horizontal
        note="The effort each answer took, from 1 (directions, hours) to 6 (expert consultation)."
        empty="No READ levels were entered for chats in this range."
      />
      <BarsFigure
        title="How helpful patrons found the chat"
        table="ratings"
        rowHeader="Rating"
        rows={ratingRows}
        horizontal
        note={
          totals.rated
            ? `${totals.rated} rated chats, average ${totals.averageRating?.toFixed(1) ?? '–'} of 5.`
            : 'No patron rated a chat in this range.'
        }
        empty="No patron rated a chat in this range."
      />
    </>
  );
}

/** A browser or page row; one the server could not name ('') is counted but lists nothing. */
const keyed = (row: { key: string; label: string; chats: number }, filter: ReportFilter): BarRow =>
  row.key
    ? { ...row, filter }
    : { key: 'not-recorded', label: row.label || 'Not recorded', chats: row.chats, filter: null };

/** The browsers patrons used and the pages they asked from. */
export function WhereFigures({ summary }: { summary: ReportSummary }) {
  return (
    <>
      <BarsFigure
        title="Browsers"
        table="browsers"
        rowHeader="Browser"
        rows={summary.browsers.map((row) => keyed(row, { browser: row.key }))}
        horizontal
        empty="No browsers recorded in this range."
      />
      <BarsFigure
        title="Pages patrons asked from"
        table="pages"
        rowHeader="Page"
        rows={summary.pages.map((row) => keyed(row, { askedFrom: row.key }))}
        horizontal
        empty="No pages recorded in this range."
      />
    </>
  );
}
