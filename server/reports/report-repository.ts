import { type ExpressionBuilder, type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import {
  cellKey,
  DURATION_BUCKETS,
  type DayRange,
  daysOf,
  distribution,
  monthOf,
  rollUp,
  spanOf,
  staffedShares,
  staffedStretches,
  type StatusChange,
  WAIT_BUCKETS,
  weekOf,
} from '../../src/domain/report-figures';
import { patronLabel } from '../../src/domain/patron-label';
import type { CountsAs, ReportChats, ReportFilter, ReportSummary } from '../../src/protocol/reports';
import { REPORT_CHATS_PAGE_SIZE } from '../../src/protocol/reports';
import { LOGGED_EVENT_KINDS, recordChatEvent } from './chat-event-log';
import { rebucketChatStats, refreshChatStats } from './chat-stats';
import { chatsCsv, transcriptsExport } from './report-exports';
import type { DeskbellTables } from '../storage/schema';
import { DateTime } from 'luxon';

/** Which chats a report is over: a range of local days, and one department or every one (null). */
export interface ReportScope extends DayRange {
  departmentId: string | null;
  timeZone: string;
  /** The present: hours after it are neither staffed nor unstaffed yet. */
  now?: number;
}

type StatsQuery = SelectQueryBuilder<DeskbellTables, 'chat_stats', object>;
type StatsBuilder = ExpressionBuilder<DeskbellTables, 'chat_stats'>;

const n = (value: unknown): number => Number(value ?? 0);
/** An average as a number with one decimal place, or null for none. */
const average = (value: unknown): number | null =>
  value === null || value === undefined ? null : Math.round(Number(value) * 100) / 100;

/** How many rows each of the "top" lists (browsers, pages, comments) keeps. */
const TOP = 20;

/**
 * Every figure of the Reports page, from the `chat_stats` rollup (one row per ended chat, indexed by
 * local day and department) and, for the staffed hours, the status lines of the event log. No query
 * here reads the messages table.
 */
export class ReportRepository {
  constructor(private readonly db: Kysely<DeskbellTables>) {}

  /** The patron's rating, its line in the log and the chat's figures, in one transaction; rating again replaces it. */
  async rate(answer: { chatId: string; rating: number; comment: string | null; ratedAt: number }): Promise<void> {
    const values = { rating: answer.rating, comment: answer.comment, rated_at: answer.ratedAt };
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('chat_ratings')
        .values({ chat_id: answer.chatId, ...values })
        .onConflict((oc) => oc.column('chat_id').doUpdateSet(values))
        .execute();
      await recordChatEvent(trx, {
        at: answer.ratedAt,
        kind: LOGGED_EVENT_KINDS.rated,
        chatId: answer.chatId,
        value: answer.rating,
      });
      await refreshChatStats(trx, answer.chatId);
    });
  }

  /** The patron's rating of one chat, for its staff transcript. */
  async ratingOf(chatId: string): Promise<{ rating: number; comment: string | null; ratedAt: number } | null> {
    const row = await this.db
      .selectFrom('chat_ratings')
      .select(['rating', 'comment', 'rated_at'])
      .where('chat_id', '=', chatId)
      .executeTakeFirst();
    return row ? { rating: row.rating, comment: row.comment, ratedAt: row.rated_at } : null;
  }

  /** Every counted chat bucketed again by the library's new time zone. */
  rebucket(timeZone: string): Promise<void> {
    return rebucketChatStats(this.db, timeZone);
  }

  /** The chats CSV of a scope, streamed (report-exports.ts). */
  exportChats(scope: ReportScope, withText: boolean): AsyncGenerator<string> {
    return chatsCsv(this.db, scope, withText);
  }

  /** Every transcript of a scope, streamed (report-exports.ts). */
  exportTranscripts(scope: ReportScope, format: 'json' | 'text'): AsyncGenerator<string> {
    return transcriptsExport(this.db, scope, format);
  }

  /** The rollup rows of a scope, as a query to narrow further. */
  private inScope(scope: ReportScope): StatsQuery {
    let query = this.db
      .selectFrom('chat_stats')
      .where('chat_stats.local_day', '>=', scope.from)
      .where('chat_stats.local_day', '<=', scope.to);
    if (scope.departmentId !== null) query = query.where('chat_stats.department_id', '=', scope.departmentId);
    return query;
  }

  /** Chats and missed chats per local day (bench/report-queries.ts shows its plan). */
  perDayQuery(scope: ReportScope) {
    return this.inScope(scope)
      .select((eb) => ['local_day', eb.fn.countAll().as('chats'), eb.fn.sum('missed').as('missed')])
      .groupBy('local_day');
  }

  /** Chats per weekday and hour (bench/report-queries.ts shows its plan). */
  heatmapQuery(scope: ReportScope) {
    return this.inScope(scope)
      .select((eb) => ['local_weekday', 'local_hour', eb.fn.countAll().as('chats')])
      .groupBy(['local_weekday', 'local_hour']);
  }

  async summary(scope: ReportScope): Promise<ReportSummary> {
    const [totals, perDay, heatmap, durations, questionTypes, readLevels, ratings, comments, operators] =
      await Promise.all([
        this.totals(scope),
        this.perDayQuery(scope).execute(),
        this.heatmapQuery(scope).execute(),
        this.inScope(scope).select(['wait_ms', 'first_reply_ms', 'duration_ms']).execute(),
        this.inScope(scope)
          .leftJoin('question_types', 'question_types.id', 'chat_stats.question_type_id')
          .select((eb) => [
            'chat_stats.question_type_id',
            'question_types.label',
            'chat_stats.counts_as',
            eb.fn.countAll().as('chats'),
          ])
          .where('chat_stats.question_type_id', 'is not', null)
          .groupBy(['chat_stats.question_type_id', 'question_types.label', 'chat_stats.counts_as'])
          .execute(),
        this.inScope(scope)
          .select((eb) => ['read_level', eb.fn.countAll().as('chats')])
          .where('read_level', 'is not', null)
          .groupBy('read_level')
          .execute(),
        this.inScope(scope)
          .select((eb) => ['rating', eb.fn.countAll().as('chats')])
          .where('rating', 'is not', null)
          .groupBy('rating')
          .execute(),
        this.inScope(scope)
          .innerJoin('chat_ratings', 'chat_ratings.chat_id', 'chat_stats.chat_id')
          .select(['chat_ratings.chat_id', 'chat_ratings.rating', 'chat_ratings.comment', 'chat_ratings.rated_at'])
          .where('chat_ratings.comment', 'is not', null)
          .where('chat_ratings.comment', '!=', '')
          .orderBy('chat_ratings.rated_at', 'desc')
          .limit(TOP)
          .execute(),
        this.inScope(scope)
          .innerJoin('accounts', 'accounts.id', 'chat_stats.operator_id')
          .select((eb) => [
            'chat_stats.operator_id',
            'accounts.display_name',
            eb.fn.countAll().as('chats'),
            eb.fn.sum('chat_stats.time_spent_minutes').as('minutes'),
            eb.fn.count('chat_stats.rating').as('rated'),
            eb.fn.avg('chat_stats.rating').as('average_rating'),
          ])
          .groupBy(['chat_stats.operator_id', 'accounts.display_name'])
          .orderBy('accounts.display_name')
          .execute(),
      ]);
    const [browsers, pages, staffed] = await Promise.all([
      this.top(scope, 'browser'),
      this.top(scope, 'page'),
      this.staffedShares(scope),
    ]);

    const byDay = new Map(perDay.map((row) => [row.local_day, { chats: n(row.chats), missed: n(row.missed) }]));
    const days = daysOf(scope).map((day) => ({ day, ...(byDay.get(day) ?? { chats: 0, missed: 0 }) }));
    const byCell = new Map(heatmap.map((row) => [cellKey(row.local_weekday, row.local_hour), n(row.chats)]));
    const present = (values: Array<number | null>) => values.filter((value): value is number => value !== null);
    return {
      from: scope.from,
      to: scope.to,
      timeZone: scope.timeZone,
      departmentId: scope.departmentId,
      totals,
      perDay: days,
      perWeek: rollUp(days, weekOf, 'week'),
      perMonth: rollUp(days, monthOf, 'month'),
      heatmap: Array.from({ length: 7 * 24 }, (_, index) => {
        const weekday = Math.floor(index / 24) + 1;
        const hour = index % 24;
        const key = cellKey(weekday, hour);
        return { weekday, hour, chats: byCell.get(key) ?? 0, staffedShare: round(staffed.get(key) ?? 0) };
      }),
      wait: distribution(present(durations.map((row) => row.wait_ms)), WAIT_BUCKETS),
      firstReply: distribution(present(durations.map((row) => row.first_reply_ms)), WAIT_BUCKETS),
      duration: distribution(present(durations.map((row) => row.duration_ms)), DURATION_BUCKETS),
      questionTypes: questionTypes
        .map((row) => ({
          key: row.question_type_id ?? '',
          label: row.label ?? row.question_type_id ?? '',
          countsAs: countsAsOf(row.counts_as),
          chats: n(row.chats),
        }))
        .sort((a, b) => b.chats - a.chats || a.label.localeCompare(b.label)),
      readLevels: [1, 2, 3, 4, 5, 6].map((level) => ({
        level,
        chats: n(readLevels.find((row) => row.read_level === level)?.chats),
      })),
      ratings: [1, 2, 3, 4, 5].map((rating) => ({
        rating,
        chats: n(ratings.find((row) => row.rating === rating)?.chats),
      })),
      comments: comments.map((row) => ({
        chatId: row.chat_id,
        rating: row.rating,
        comment: row.comment ?? '',
        ratedAt: row.rated_at,
      })),
      operators: operators.map((row) => ({
        id: row.operator_id ?? '',
        name: row.display_name,
        chats: n(row.chats),
        minutes: n(row.minutes),
        rated: n(row.rated),
        averageRating: average(row.average_rating),
      })),
      browsers,
      pages,
    };
  }

  private async totals(scope: ReportScope): Promise<ReportSummary['totals']> {
    const row = await this.inScope(scope)
      .select((eb) => [
        eb.fn.countAll().as('chats'),
        eb.fn.count('first_reply_ms').as('answered'),
        eb.fn.sum('missed').as('missed'),
        eb.fn.sum('left_unanswered').as('left_unanswered'),
        eb.fn.sum(eb.case().when('transfers', '>', 0).then(1).else(0).end()).as('transferred'),
        eb.fn.sum(eb.case().when('screenshares', '>', 0).then(1).else(0).end()).as('screenshared'),
        eb.fn.count('rating').as('rated'),
        eb.fn.avg('rating').as('average_rating'),
        eb.fn.sum(eb.case().when('counts_as', '=', 'reference').then(1).else(0).end()).as('reference'),
        eb.fn.sum(eb.case().when('counts_as', '=', 'directional').then(1).else(0).end()).as('directional'),
      ])
      .executeTakeFirstOrThrow();
    return {
      chats: n(row.chats),
      answered: n(row.answered),
      missed: n(row.missed),
      leftUnanswered: n(row.left_unanswered),
      transferred: n(row.transferred),
      screenshared: n(row.screenshared),
      rated: n(row.rated),
      averageRating: average(row.average_rating),
      reference: n(row.reference),
      directional: n(row.directional),
    };
  }

  private async top(scope: ReportScope, column: 'browser' | 'page') {
    const rows = await this.inScope(scope)
      .select((eb) => [eb.ref(column).as('value'), eb.fn.countAll().as('chats')])
      .where(column, 'is not', null)
      .groupBy(column)
      .orderBy(sql`count(*)`, 'desc')
      .orderBy(column)
      .limit(TOP)
      .execute();
    return rows.map((row) => ({ key: String(row.value), label: String(row.value), chats: n(row.chats) }));
  }

  /** Per weekday-hour, the share of the range's time someone who answers the scope's chats was Online. */
  private async staffedShares(scope: ReportScope): Promise<Map<string, number>> {
    const whole = spanOf(scope, scope.timeZone);
    const span = { start: whole.start, end: Math.max(whole.start, Math.min(whole.end, scope.now ?? whole.end)) };
    let accounts = this.db.selectFrom('accounts').select('accounts.id');
    if (scope.departmentId !== null) {
      accounts = accounts
        .innerJoin('department_members', 'department_members.account_id', 'accounts.id')
        .where('department_members.department_id', '=', scope.departmentId);
    }
    const ids = (await accounts.execute()).map((row) => row.id);
    if (ids.length === 0) return new Map();
    const initial = new Set<string>();
    for (const id of ids) {
      const last = await this.db
        .selectFrom('chat_events')
        .select('detail')
        .where('actor_id', '=', id)
        .where('kind', '=', LOGGED_EVENT_KINDS.status)
        .where('at', '<', span.start)
        .orderBy('at', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (last?.detail === 'online') initial.add(id);
    }
    const rows = await this.db
      .selectFrom('chat_events')
      .select(['actor_id', 'at', 'detail'])
      .where('kind', '=', LOGGED_EVENT_KINDS.status)
      .where('at', '>=', span.start)
      .where('at', '<', span.end)
      .where('actor_id', 'in', ids)
      .orderBy('at')
      .execute();
    const changes: StatusChange[] = rows.map((row) => ({
      accountId: row.actor_id ?? '',
      at: row.at,
      online: row.detail === 'online',
    }));
    return staffedShares(scope, scope.timeZone, staffedStretches(span, initial, changes), span.end);
  }

  /** The chats behind one bar or cell, newest first, a page at a time. */
  async chats(scope: ReportScope, filter: ReportFilter, page: number): Promise<ReportChats> {
    const narrowed = this.inScope(scope).where((eb) => eb.and(filterConditions(eb, filter)));
    const [{ total }, rows] = await Promise.all([
      narrowed.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow(),
      narrowed
        .innerJoin('chats', 'chats.id', 'chat_stats.chat_id')
        .innerJoin('departments', 'departments.id', 'chat_stats.department_id')
        .leftJoin('accounts', 'accounts.id', 'chat_stats.operator_id')
        .leftJoin('question_types', 'question_types.id', 'chat_stats.question_type_id')
        .select([
          'chat_stats.chat_id',
          'chats.patron_name',
          'chats.question',
          'chats.created_at',
          'departments.name as department_name',
          'accounts.display_name as operator_name',
          'chat_stats.wait_ms',
          'chat_stats.duration_ms',
          'question_types.label as question_type_label',
          'chat_stats.rating',
        ])
        .orderBy('chat_stats.created_at', 'desc')
        .orderBy('chat_stats.chat_id')
        .limit(REPORT_CHATS_PAGE_SIZE)
        .offset((page - 1) * REPORT_CHATS_PAGE_SIZE)
        .execute(),
    ]);
    return {
      total: n(total),
      page,
      pageSize: REPORT_CHATS_PAGE_SIZE,
      chats: rows.map((row) => ({
        chatId: row.chat_id,
        patronLabel: patronLabel({ id: row.chat_id, patron: { name: row.patron_name } }),
        departmentName: row.department_name,
        question: row.question,
        createdAt: row.created_at,
        operatorName: row.operator_name,
        waitMs: row.wait_ms,
        durationMs: row.duration_ms,
        questionTypeLabel: row.question_type_label,
        rating: row.rating,
      })),
    };
  }
}

const countsAsOf = (stored: string | null): CountsAs | null =>
  stored === 'directional' || stored === 'reference' ? stored : null;

const round = (share: number) => Math.round(share * 1000) / 1000;

/** The SQL of one bar's or cell's filter (every given part must hold). */
export function filterConditions(eb: StatsBuilder, filter: ReportFilter) {
  const conditions = [];
  if (filter.day) conditions.push(eb('chat_stats.local_day', '=', filter.day));
  if (filter.week) {
    const sunday = DateTime.fromISO(filter.week, { zone: 'UTC' }).plus({ days: 6 }).toISODate() ?? filter.week;
    conditions.push(eb('chat_stats.local_day', '>=', filter.week), eb('chat_stats.local_day', '<=', sunday));
  }
  if (filter.month) {
    conditions.push(eb('chat_stats.local_day', '>=', `${filter.month}-01`));
    conditions.push(eb('chat_stats.local_day', '<=', `${filter.month}-31`));
  }
  if (filter.weekday !== undefined) conditions.push(eb('chat_stats.local_weekday', '=', filter.weekday));
  if (filter.hour !== undefined) conditions.push(eb('chat_stats.local_hour', '=', filter.hour));
  if (filter.questionType) conditions.push(eb('chat_stats.question_type_id', '=', filter.questionType));
  if (filter.countsAs) conditions.push(eb('chat_stats.counts_as', '=', filter.countsAs));
  if (filter.readLevel !== undefined) conditions.push(eb('chat_stats.read_level', '=', filter.readLevel));
  if (filter.rating !== undefined) conditions.push(eb('chat_stats.rating', '=', filter.rating));
  if (filter.operator) conditions.push(eb('chat_stats.operator_id', '=', filter.operator));
  if (filter.browser) conditions.push(eb('chat_stats.browser', '=', filter.browser));
  if (filter.askedFrom) conditions.push(eb('chat_stats.page', '=', filter.askedFrom));
  switch (filter.outcome) {
    case 'answered':
      conditions.push(eb('chat_stats.first_reply_ms', 'is not', null));
      break;
    case 'missed':
      conditions.push(eb('chat_stats.missed', '=', 1));
      break;
    case 'left-unanswered':
      conditions.push(eb('chat_stats.left_unanswered', '=', 1));
      break;
    case 'transferred':
      conditions.push(eb('chat_stats.transfers', '>', 0));
      break;
    case 'screenshared':
      conditions.push(eb('chat_stats.screenshares', '>', 0));
      break;
    case 'rated':
      conditions.push(eb('chat_stats.rating', 'is not', null));
      break;
    default:
      break;
  }
  if (filter.bucket) {
    const [figure, key] = filter.bucket.split(':');
    const column =
      figure === 'wait'
        ? 'chat_stats.wait_ms'
        : figure === 'firstReply'
          ? 'chat_stats.first_reply_ms'
          : figure === 'duration'
            ? 'chat_stats.duration_ms'
            : null;
    const bucket = (figure === 'duration' ? DURATION_BUCKETS : WAIT_BUCKETS).find((b) => b.key === key);
    if (!column || !bucket) throw new RangeError(`bucket: ${filter.bucket} is not one of the charts' bars`);
    conditions.push(eb(column, '>=', bucket.fromMs));
    if (bucket.toMs !== null) conditions.push(eb(column, '<', bucket.toMs));
  }
  return conditions;
}
