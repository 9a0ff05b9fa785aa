import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { DeskbellTables } from '../storage/schema';
import type { ReportScope } from './report-repository';

/**
 * Exports for a range, streamed a page of chats at a time (keyset paging on the rollup's local day and
 * chat id), so a year of a busy desk goes out without being held in memory. CSV is written by
 * csv-stringify, which quotes what spreadsheets need quoted.
 */

const PAGE = 500;

/**
 * The chats CSV's columns, in order (documented in README's Reports section). Times are the library's
 * local time; durations whole seconds; empty where a chat has no such figure.
 */
export const CHAT_CSV_COLUMNS = [
  'chat_id',
  'department',
  'asked_at',
  'local_day',
  'weekday',
  'hour',
  'ended_at',
  'patron_name',
  'patron_email',
  'question',
  'operator',
  'wait_seconds',
  'first_reply_seconds',
  'duration_seconds',
  'transfers',
  'screenshares',
  'missed',
  'left_unanswered',
  'question_type',
  'counts_as',
  'read_level',
  'time_spent_minutes',
  'rating',
  'rating_comment',
  'browser',
  'page',
] as const;

interface ExportRow {
  chat_id: string;
  local_day: string;
  local_weekday: number;
  local_hour: number;
  created_at: number;
  ended_at: number;
  department_name: string;
  patron_name: string | null;
  patron_email: string | null;
  question: string;
  operator_name: string | null;
  wait_ms: number | null;
  first_reply_ms: number | null;
  duration_ms: number | null;
  transfers: number;
  screenshares: number;
  missed: number;
  left_unanswered: number;
  question_type_label: string | null;
  counts_as: string | null;
  read_level: number | null;
  time_spent_minutes: number | null;
  rating: number | null;
  comment: string | null;
  browser: string | null;
  page: string | null;
}

/** Every chat of the scope, a page at a time, in order of local day and id. */
async function* pagesOf(db: Kysely<DeskbellTables>, scope: ReportScope): AsyncGenerator<ExportRow[]> {
  let after: { day: string; id: string } | null = null;
  for (;;) {
    let query = db
      .selectFrom('chat_stats')
      .innerJoin('chats', 'chats.id', 'chat_stats.chat_id')
      .innerJoin('departments', 'departments.id', 'chat_stats.department_id')
      .leftJoin('accounts', 'accounts.id', 'chat_stats.operator_id')
      .leftJoin('question_types', 'question_types.id', 'chat_stats.question_type_id')
      .leftJoin('chat_ratings', 'chat_ratings.chat_id', 'chat_stats.chat_id')
      .select([
        'chat_stats.chat_id',
        'chat_stats.local_day',
        'chat_stats.local_weekday',
        'chat_stats.local_hour',
        'chat_stats.created_at',
        'chat_stats.ended_at',
        'departments.name as department_name',
        'chats.patron_name',
        'chats.patron_email',
        'chats.question',
        'accounts.display_name as operator_name',
        'chat_stats.wait_ms',
        'chat_stats.first_reply_ms',
        'chat_stats.duration_ms',
        'chat_stats.transfers',
        'chat_stats.screenshares',
        'chat_stats.missed',
        'chat_stats.left_unanswered',
        'question_types.label as question_type_label',
        'chat_stats.counts_as',
        'chat_stats.read_level',
        'chat_stats.time_spent_minutes',
        'chat_stats.rating',
        'chat_ratings.comment',
        'chat_stats.browser',
        'chat_stats.page',
      ])
      .where('chat_stats.local_day', '>=', scope.from)
      .where('chat_stats.local_day', '<=', scope.to);
    if (scope.departmentId !== null) query = query.where('chat_stats.department_id', '=', scope.departmentId);
    const cursor: { day: string; id: string } | null = after;
    if (cursor) {
      query = query.where((eb) =>
        eb.or([
          eb('chat_stats.local_day', '>', cursor.day),
          eb.and([eb('chat_stats.local_day', '=', cursor.day), eb('chat_stats.chat_id', '>', cursor.id)]),
        ]),
      );
    }
    const rows: ExportRow[] = await query
      .orderBy('chat_stats.local_day')
      .orderBy('chat_stats.chat_id')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1];
    if (!last) return;
    after = { day: last.local_day, id: last.chat_id };
  }
}

/** One line of an exported transcript: `[local time] Author: words`. */
const lineOf = (line: { created_at: number; author_name: string; body: string }, zone: string) =>
  `[${localTime(line.created_at, zone)}] ${line.author_name}: ${line.body}`;

const seconds = (ms: number | null) => (ms === null ? '' : Math.round(ms / 1000));
const localTime = (at: number, zone: string) => DateTime.fromMillis(at, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss");

/** The chats CSV: a header, then one line per chat; with `withText`, a last column of each transcript. */
export async function* chatsCsv(
  db: Kysely<DeskbellTables>,
  scope: ReportScope,
  withText: boolean,
): AsyncGenerator<string> {
  yield stringify([[...CHAT_CSV_COLUMNS, ...(withText ? ['transcript'] : [])]]);
  for await (const rows of pagesOf(db, scope)) {
    const texts = withText ? await transcriptTexts(db, rows, scope.timeZone) : new Map<string, string>();
    yield stringify(
      rows.map((row) => [
        row.chat_id,
        row.department_name,
        localTime(row.created_at, scope.timeZone),
        row.local_day,
        row.local_weekday,
        row.local_hour,
        localTime(row.ended_at, scope.timeZone),
        row.patron_name ?? '',
        row.patron_email ?? '',
        row.question,
        row.operator_name ?? '',
        seconds(row.wait_ms),
        seconds(row.first_reply_ms),
        seconds(row.duration_ms),
        row.transfers,
        row.screenshares,
        row.missed,
        row.left_unanswered,
        row.question_type_label ?? '',
        row.counts_as ?? '',
        row.read_level ?? '',
        row.time_spent_minutes ?? '',
        row.rating ?? '',
        row.comment ?? '',
        row.browser ?? '',
        row.page ?? '',
        ...(withText ? [texts.get(row.chat_id) ?? ''] : []),
      ]),
    );
  }
}

/** Every transcript of the scope: one JSON document per line (`json`), or plain text with a rule between chats. */
export async function* transcriptsExport(
  db: Kysely<DeskbellTables>,
  scope: ReportScope,
  format: 'json' | 'text',
): AsyncGenerator<string> {
  for await (const rows of pagesOf(db, scope)) {
    const messages = await messagesOf(
      db,
      rows.map((row) => row.chat_id),
    );
    for (const row of rows) {
      const lines = messages.get(row.chat_id) ?? [];
      if (format === 'json') {
        yield `${JSON.stringify({
          chatId: row.chat_id,
          department: row.department_name,
          askedAt: localTime(row.created_at, scope.timeZone),
          endedAt: localTime(row.ended_at, scope.timeZone),
          patronName: row.patron_name,
          patronEmail: row.patron_email,
          question: row.question,
          operator: row.operator_name,
          questionType: row.question_type_label,
          rating: row.rating,
          messages: lines.map((line) => ({
            at: localTime(line.created_at, scope.timeZone),
            authorKind: line.author_kind,
            author: line.author_name,
            body: line.body,
          })),
        })}\n`;
      } else {
        yield [
          `Chat ${row.chat_id} · ${row.department_name} · asked ${localTime(row.created_at, scope.timeZone)}`,
          `Patron: ${row.patron_name ?? '(no name)'}${row.patron_email ? ` <${row.patron_email}>` : ''}`,
          `Question: ${row.question}`,
          '',
          ...lines.map((line) => lineOf(line, scope.timeZone)),
          '',
          '----------------------------------------',
          '',
        ].join('\n');
      }
    }
  }
}

async function messagesOf(db: Kysely<DeskbellTables>, chatIds: string[]) {
  const byChat = new Map<
    string,
    Array<{ created_at: number; author_kind: string; author_name: string; body: string }>
  >();
  if (chatIds.length === 0) return byChat;
  const rows = await db
    .selectFrom('messages')
    .select(['chat_id', 'created_at', 'author_kind', 'author_name', 'body'])
    .where('chat_id', 'in', chatIds)
    .orderBy('chat_id')
    .orderBy('seq')
    .execute();
  for (const row of rows) {
    const list = byChat.get(row.chat_id) ?? [];
    list.push(row);
    byChat.set(row.chat_id, list);
  }
  return byChat;
}

async function transcriptTexts(db: Kysely<DeskbellTables>, rows: ExportRow[], zone: string) {
  const messages = await messagesOf(
    db,
    rows.map((row) => row.chat_id),
  );
  const texts = new Map<string, string>();
  for (const [chatId, lines] of messages) {
    texts.set(chatId, lines.map((line) => lineOf(line, zone)).join('\n'));
  }
  return texts;
}
