import { z } from 'zod';
import { idSchema } from './models';

/**
 * Reports over HTTP (`/api/reports/*`): what a supervisor takes to the board. Figures count chats that
 * have ended, bucketed by the day and hour the patron asked, in the library's time zone. Every query
 * names a range of local days (both ends included) and a department or all of them.
 */

export const REPORT_PATHS = {
  /** GET: every figure of the Reports page for one range (ReportQuery as query string). */
  summary: '/api/reports/summary',
  /** GET: the chats behind one bar or cell (ReportChatsQuery as query string), newest first, paged. */
  chats: '/api/reports/chats',
  /** GET: CSV, one row per chat (ExportQuery); `text=1` adds each transcript's text. */
  chatsCsv: '/api/reports/export/chats.csv',
  /** GET: CSV of one report table (ExportQuery with `table`). */
  tableCsv: '/api/reports/export/table.csv',
  /** GET: every transcript of the range, `format=json` (one JSON document per line) or `format=text`. */
  transcripts: '/api/reports/export/transcripts',
} as const;

/** The longest range a report or export takes: a little over a year, so one year compares with the last. */
export const MAX_REPORT_DAYS = 400;

const localDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'is not a date (yyyy-mm-dd)');

export const reportQuerySchema = z.object({
  from: localDaySchema,
  to: localDaySchema,
  /** A department's id, or absent for every department the asker may see. */
  department: idSchema.optional(),
});
export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** The 1 to 6 levels of the READ scale (Reference Effort Assessment Data), with their short words. */
export const READ_LEVELS = [
  { level: 1, words: 'Answer given with no specialised knowledge (directions, hours)' },
  { level: 2, words: 'Answer given with nominal resource knowledge (known item, quick fact)' },
  { level: 3, words: 'Some reference knowledge: several sources or a short search' },
  { level: 4, words: 'Substantial effort: knowledge of sources and search strategies' },
  { level: 5, words: 'Extensive effort: in-depth research, several specialised sources' },
  { level: 6, words: 'The most effort: expert consultation, collaboration over time' },
] as const;
export const readLevelSchema = z.number().int().min(1).max(6);

export const countsAsSchema = z.enum(['reference', 'directional']);
export type CountsAs = z.infer<typeof countsAsSchema>;

/** The patron's answer to "How helpful was this chat?": 1 (not at all) to 5 (very). */
export const RATING_SCALE = [
  { rating: 1, words: 'Not helpful' },
  { rating: 2, words: 'A little helpful' },
  { rating: 3, words: 'Somewhat helpful' },
  { rating: 4, words: 'Helpful' },
  { rating: 5, words: 'Very helpful' },
] as const;
export const ratingSchema = z.number().int().min(1).max(5);
export const RATING_COMMENT_MAX = 1000;

const countSchema = z.number().int().nonnegative();

/** Median and 90th percentile of a duration, in ms, with how many chats it is over; buckets for the chart. */
export const distributionSchema = z.object({
  count: countSchema,
  medianMs: z.number().nullable(),
  p90Ms: z.number().nullable(),
  buckets: z.array(z.object({ key: z.string(), label: z.string(), chats: countSchema })),
});
export type Distribution = z.infer<typeof distributionSchema>;

const labelledCount = z.object({ key: z.string(), label: z.string(), chats: countSchema });

export const reportSummarySchema = z.object({
  from: localDaySchema,
  to: localDaySchema,
  timeZone: z.string(),
  departmentId: idSchema.nullable(),
  totals: z.object({
    chats: countSchema,
    answered: countSchema,
    /** Ended with nobody having claimed them. */
    missed: countSchema,
    /** The patron left (or ended the chat) before any staff answer; may overlap `missed`. */
    leftUnanswered: countSchema,
    transferred: countSchema,
    screenshared: countSchema,
    rated: countSchema,
    averageRating: z.number().nullable(),
    reference: countSchema,
    directional: countSchema,
  }),
  /** Every local day of the range, in order, zeros included. */
  perDay: z.array(z.object({ day: localDaySchema, chats: countSchema, missed: countSchema })),
  /** ISO weeks (their Monday) and months (yyyy-mm) touched by the range. */
  perWeek: z.array(z.object({ week: localDaySchema, chats: countSchema, missed: countSchema })),
  perMonth: z.array(z.object({ month: z.string(), chats: countSchema, missed: countSchema })),
  /**
   * 7 x 24 cells, Monday (1) to Sunday (7), hour 0 to 23: chats that arrived, and the share (0 to 1) of
   * that weekday-hour's hours in the range in which someone who answers the department was Online.
   */
  heatmap: z.array(
    z.object({
      weekday: z.number().int().min(1).max(7),
      hour: z.number().int().min(0).max(23),
      chats: countSchema,
      staffedShare: z.number().min(0).max(1),
    }),
  ),
  wait: distributionSchema,
  firstReply: distributionSchema,
  duration: distributionSchema,
  questionTypes: z.array(labelledCount.extend({ countsAs: countsAsSchema.nullable() })),
  readLevels: z.array(z.object({ level: readLevelSchema, chats: countSchema })),
  ratings: z.array(z.object({ rating: ratingSchema, chats: countSchema })),
  /** The latest comments patrons left with a rating. */
  comments: z.array(
    z.object({ chatId: idSchema, rating: ratingSchema, comment: z.string(), ratedAt: z.number().int() }),
  ),
  /** Who answered: chats they ended owning, the analytics minutes, their ratings. */
  operators: z.array(
    z.object({
      id: idSchema,
      name: z.string(),
      chats: countSchema,
      minutes: countSchema,
      rated: countSchema,
      averageRating: z.number().nullable(),
    }),
  ),
  browsers: z.array(labelledCount),
  pages: z.array(labelledCount),
});
export type ReportSummary = z.infer<typeof reportSummarySchema>;

/** Which chats a bar or a cell stands for; one of these besides the range. */
export const reportFilterSchema = z.object({
  day: localDaySchema.optional(),
  week: localDaySchema.optional(),
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
  weekday: z.coerce.number().int().min(1).max(7).optional(),
  hour: z.coerce.number().int().min(0).max(23).optional(),
  outcome: z.enum(['answered', 'missed', 'left-unanswered', 'transferred', 'screenshared', 'rated']).optional(),
  questionType: idSchema.optional(),
  countsAs: countsAsSchema.optional(),
  readLevel: z.coerce.number().int().min(1).max(6).optional(),
  rating: z.coerce.number().int().min(1).max(5).optional(),
  operator: idSchema.optional(),
  browser: z.string().max(200).optional(),
  /** A page patrons asked from (as `pages` lists it). */
  askedFrom: z.string().max(2000).optional(),
  /** A bucket key of `wait`, `firstReply` or `duration`, as `wait:<key>`. */
  bucket: z.string().max(60).optional(),
});
export type ReportFilter = z.infer<typeof reportFilterSchema>;

export const reportChatsQuerySchema = reportQuerySchema.extend(reportFilterSchema.shape).extend({
  page: z.coerce.number().int().min(1).max(100000).default(1),
});
export type ReportChatsQuery = z.infer<typeof reportChatsQuerySchema>;

export const REPORT_CHATS_PAGE_SIZE = 50;

export const reportChatRowSchema = z.object({
  chatId: idSchema,
  patronLabel: z.string(),
  departmentName: z.string(),
  question: z.string(),
  createdAt: z.number().int(),
  operatorName: z.string().nullable(),
  waitMs: z.number().nullable(),
  durationMs: z.number().nullable(),
  questionTypeLabel: z.string().nullable(),
  rating: ratingSchema.nullable(),
});
export type ReportChatRow = z.infer<typeof reportChatRowSchema>;

export const reportChatsSchema = z.object({
  total: countSchema,
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  chats: z.array(reportChatRowSchema),
});
export type ReportChats = z.infer<typeof reportChatsSchema>;

/** The report tables a CSV can be made of: each the same numbers as a chart's table view. */
export const REPORT_TABLES = [
  'per-day',
  'per-week',
  'per-month',
  'heatmap',
  'wait',
  'first-reply',
  'duration',
  'question-types',
  'read-levels',
  'ratings',
  'operators',
  'browsers',
  'pages',
] as const;
export const reportTableSchema = z.enum(REPORT_TABLES);
export type ReportTable = z.infer<typeof reportTableSchema>;

export const exportQuerySchema = reportQuerySchema.extend({
  table: reportTableSchema.optional(),
  /** '1': the chats CSV carries each transcript's text too. */
  text: z.enum(['0', '1']).optional(),
  format: z.enum(['json', 'text']).optional(),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** A patron rates an ended chat (widget, `chat:rate`). */
export const rateChatRequestSchema = z.object({
  rating: ratingSchema,
  comment: z.string().trim().max(RATING_COMMENT_MAX).optional(),
});
export type RateChatRequest = z.infer<typeof rateChatRequestSchema>;

/** What the widget asks about a chat that ended (merged into PATRON_REQUESTS). */
export const REPORT_PATRON_REQUESTS = {
  /** "How helpful was this chat?": once the chat has ended; rating again replaces the answer. */
  'chat:rate': { request: rateChatRequestSchema, ack: z.object({ rating: ratingSchema }) },
} as const;
