import type { ReportSummary, ReportTable } from '../protocol/reports';
import { READ_LEVELS, RATING_SCALE } from '../protocol/reports';

/**
 * Each chart of the Reports page as a table: the numbers its table view shows and its CSV holds, so
 * the page and the download cannot disagree. Durations are whole seconds.
 */
export interface ReportTableRows {
  title: string;
  columns: string[];
  rows: Array<Array<string | number | null>>;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export const weekdayName = (weekday: number): string => WEEKDAYS[weekday - 1] ?? String(weekday);
const seconds = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 1000));

export function reportTable(summary: ReportSummary, table: ReportTable): ReportTableRows {
  switch (table) {
    case 'per-day':
      return {
        title: 'Chats per day',
        columns: ['day', 'chats', 'missed'],
        rows: summary.perDay.map((row) => [row.day, row.chats, row.missed]),
      };
    case 'per-week':
      return {
        title: 'Chats per week',
        columns: ['week starting', 'chats', 'missed'],
        rows: summary.perWeek.map((row) => [row.week, row.chats, row.missed]),
      };
    case 'per-month':
      return {
        title: 'Chats per month',
        columns: ['month', 'chats', 'missed'],
        rows: summary.perMonth.map((row) => [row.month, row.chats, row.missed]),
      };
    case 'heatmap':
      return {
        title: 'When chats arrive, and when someone was Online',
        columns: ['weekday', 'hour', 'chats', 'staffed share'],
        rows: summary.heatmap.map((cell) => [weekdayName(cell.weekday), cell.hour, cell.chats, cell.staffedShare]),
      };
    case 'wait':
    case 'first-reply':
    case 'duration': {
      const figure = table === 'wait' ? summary.wait : table === 'first-reply' ? summary.firstReply : summary.duration;
      const title =
        table === 'wait' ? 'Wait before a claim' : table === 'first-reply' ? 'Time to the first answer' : 'Duration';
      return {
        title,
        columns: ['bucket', 'chats'],
        rows: [
          ...figure.buckets.map((bucket) => [bucket.label, bucket.chats]),
          ['median (seconds)', seconds(figure.medianMs)],
          ['90th percentile (seconds)', seconds(figure.p90Ms)],
        ],
      };
    }
    case 'question-types':
      return {
        title: 'Question types',
        columns: ['question type', 'counts as', 'chats'],
        rows: summary.questionTypes.map((row) => [row.label, row.countsAs, row.chats]),
      };
    case 'read-levels':
      return {
        title: 'READ scale',
        columns: ['level', 'meaning', 'chats'],
        rows: summary.readLevels.map((row) => [
          row.level,
          READ_LEVELS.find((level) => level.level === row.level)?.words ?? '',
          row.chats,
        ]),
      };
    case 'ratings':
      return {
        title: 'How helpful patrons found their chats',
        columns: ['rating', 'meaning', 'chats'],
        rows: summary.ratings.map((row) => [
          row.rating,
          RATING_SCALE.find((scale) => scale.rating === row.rating)?.words ?? '',
          row.chats,
        ]),
      };
    case 'operators':
      return {
        title: 'Who answered',
        columns: ['operator', 'chats', 'minutes', 'rated', 'average rating'],
        rows: summary.operators.map((row) => [row.name, row.chats, row.minutes, row.rated, row.averageRating]),
      };
    case 'browsers':
      return {
        title: 'Browsers',
        columns: ['browser', 'chats'],
        rows: summary.browsers.map((row) => [row.label, row.chats]),
      };
    case 'pages':
      return {
        title: 'Pages patrons asked from',
        columns: ['page', 'chats'],
        rows: summary.pages.map((row) => [row.label, row.chats]),
      };
  }
}
