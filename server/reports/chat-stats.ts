import type { Kysely } from 'kysely';
import { chatFigures, localBucket, pageOf } from '../../src/domain/chat-figures';
import { isValidTimeZone } from '../../src/domain/service-hours';
import { machineTimeZone, TIME_ZONE_SETTING } from '../departments/library-time-zone';
import type { DeskbellTables } from '../storage/schema';
import { LOGGED_EVENT_KINDS, recordChatEvent } from './chat-event-log';
import { indexTranscript } from './transcript-search';

/**
 * The rollup the Reports page reads: one `chat_stats` row per ended chat, worked out from the chat's
 * events, its analytics entry and its rating, and bucketed by the library's local day and hour. It is
 * rebuilt whole, in the caller's transaction, whenever one of those changes after the chat ended, so
 * there is one way to compute it and a late change (a rating, a corrected entry) can never drift.
 */

/** What the chat's end adds in its own transaction: the first answer's time, the rollup, the search index. */
export async function recordChatEnd(db: Kysely<DeskbellTables>, chatId: string): Promise<void> {
  await recordFirstReply(db, chatId);
  await refreshChatStats(db, chatId);
  await indexTranscript(db, chatId);
}

/** Rebuilds an ended chat's rollup row; does nothing for a chat that has not ended. */
export async function refreshChatStats(db: Kysely<DeskbellTables>, chatId: string): Promise<void> {
  const chat = await db
    .selectFrom('chats')
    .leftJoin('analytics', 'analytics.chat_id', 'chats.id')
    .leftJoin('question_types', 'question_types.id', 'analytics.question_type_id')
    .leftJoin('chat_ratings', 'chat_ratings.chat_id', 'chats.id')
    .select([
      'chats.id',
      'chats.department_id',
      'chats.created_at',
      'chats.ended_at',
      'chats.ended_by',
      'chats.owner_id',
      'chats.browser',
      'chats.page_url',
      'analytics.question_type_id',
      'analytics.time_spent_minutes',
      'analytics.read_level',
      'analytics.operator_id as analytics_operator_id',
      'question_types.counts_as',
      'chat_ratings.rating',
    ])
    .where('chats.id', '=', chatId)
    .executeTakeFirst();
  if (!chat || chat.ended_at === null) return;
  const events = await db.selectFrom('chat_events').select(['kind', 'at']).where('chat_id', '=', chatId).execute();
  const figures = chatFigures({
    createdAt: chat.created_at,
    endedAt: chat.ended_at,
    endedBy: chat.ended_by,
    events,
  });
  const bucket = localBucket(chat.created_at, await storedTimeZone(db));
  const row = {
    department_id: chat.department_id,
    created_at: chat.created_at,
    ended_at: chat.ended_at,
    local_day: bucket.day,
    local_weekday: bucket.weekday,
    local_hour: bucket.hour,
    wait_ms: figures.waitMs,
    first_reply_ms: figures.firstReplyMs,
    duration_ms: figures.durationMs,
    transfers: figures.transfers,
    screenshares: figures.screenshares,
    missed: figures.missed ? 1 : 0,
    left_unanswered: figures.leftUnanswered ? 1 : 0,
    // Who answered: the owner at the end, else whoever filed the entry (a chat ended from the queue has none).
    operator_id: chat.owner_id ?? chat.analytics_operator_id ?? null,
    question_type_id: chat.question_type_id ?? null,
    counts_as: chat.counts_as ?? null,
    read_level: chat.read_level ?? null,
    time_spent_minutes: chat.time_spent_minutes ?? null,
    rating: chat.rating ?? null,
    browser: chat.browser,
    page: pageOf(chat.page_url),
  };
  await db
    .insertInto('chat_stats')
    .values({ chat_id: chatId, ...row })
    .onConflict((oc) => oc.column('chat_id').doUpdateSet(row))
    .execute();
}

/** The library's time zone as stored (read inside the caller's transaction), else the machine's. */
async function storedTimeZone(db: Kysely<DeskbellTables>): Promise<string> {
  const row = await db
    .selectFrom('desk_settings')
    .select('value_json')
    .where('key', '=', TIME_ZONE_SETTING)
    .executeTakeFirst();
  if (!row) return machineTimeZone();
  try {
    const zone: unknown = JSON.parse(row.value_json);
    return typeof zone === 'string' && isValidTimeZone(zone) ? zone : machineTimeZone();
  } catch {
    return machineTimeZone();
  }
}

/**
 * Ended chats without a rollup row (chats that ended before reports existed, or a seeded year):
 * computed in pages, each page in one transaction. Run at start-up; cheap when nothing is missing.
 */
export async function backfillChatStats(db: Kysely<DeskbellTables>, pageSize = 500): Promise<number> {
  let done = 0;
  for (;;) {
    const missing = await db
      .selectFrom('chats')
      .leftJoin('chat_stats', 'chat_stats.chat_id', 'chats.id')
      .select('chats.id')
      .where('chats.status', '=', 'ended')
      .where('chat_stats.chat_id', 'is', null)
      .limit(pageSize)
      .execute();
    if (missing.length === 0) return done;
    await db.transaction().execute(async (trx) => {
      for (const { id } of missing) {
        await eventsFromLines(trx, id);
        await refreshChatStats(trx, id);
        await indexTranscript(trx, id);
      }
    });
    done += missing.length;
    if (missing.length < pageSize) return done;
  }
}

/**
 * A chat that ended before the event log existed has its story only in its system lines, each with
 * its structured event: the log is written from them once (and the first staff message), so the
 * rollup is computed the same way as for every other chat.
 */
async function eventsFromLines(db: Kysely<DeskbellTables>, chatId: string): Promise<void> {
  const logged = await db.selectFrom('chat_events').select('kind').where('chat_id', '=', chatId).execute();
  if (logged.length > 0) {
    // Logged, but not ended by the server (a chat written by an import or scripts/seed-reports.ts).
    if (!logged.some((event) => event.kind === LOGGED_EVENT_KINDS.firstReply)) await recordFirstReply(db, chatId);
    return;
  }
  const chat = await db
    .selectFrom('chats')
    .select(['created_at', 'department_id'])
    .where('id', '=', chatId)
    .executeTakeFirstOrThrow();
  await recordChatEvent(db, {
    at: chat.created_at,
    kind: LOGGED_EVENT_KINDS.queued,
    chatId,
    departmentId: chat.department_id,
  });
  const lines = await db
    .selectFrom('messages')
    .select(['created_at', 'event'])
    .where('chat_id', '=', chatId)
    .where('event', 'is not', null)
    .execute();
  for (const line of lines) {
    const kind = loggedKindOfLine(line.event);
    if (kind) await recordChatEvent(db, { at: line.created_at, kind, chatId, departmentId: chat.department_id });
  }
  await recordFirstReply(db, chatId);
}

/** The chat's first staff message, logged at its own time (read from the chat's messages, by its key). */
async function recordFirstReply(db: Kysely<DeskbellTables>, chatId: string): Promise<void> {
  const firstReply = await db
    .selectFrom('messages')
    .select(['created_at', 'author_id'])
    .where('chat_id', '=', chatId)
    .where('author_kind', '=', 'operator')
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  if (!firstReply) return;
  await recordChatEvent(db, {
    at: firstReply.created_at,
    kind: LOGGED_EVENT_KINDS.firstReply,
    chatId,
    actorId: firstReply.author_id,
  });
}

/** The logged kind a system line's event stands for: its type, or a screenshare's start and end. */
export function loggedKindOfLine(eventJson: string | null): string | null {
  if (!eventJson) return null;
  try {
    const event = JSON.parse(eventJson) as { type?: unknown; step?: unknown };
    if (event.type === 'screenshare') {
      if (event.step === 'started') return LOGGED_EVENT_KINDS.screenshareStarted;
      if (event.step === 'ended') return LOGGED_EVENT_KINDS.screenshareEnded;
      return null;
    }
    return typeof event.type === 'string' ? event.type : null;
  } catch {
    return null;
  }
}

/** Every rollup row bucketed again (the library's time zone changed). */
export async function rebucketChatStats(db: Kysely<DeskbellTables>, timeZone: string): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('chat_stats')
      .select(['chat_id', 'created_at'])
      .where('chat_id', '>', after)
      .orderBy('chat_id')
      .limit(1000)
      .execute();
    if (rows.length === 0) return;
    await db.transaction().execute(async (trx) => {
      for (const row of rows) {
        const bucket = localBucket(row.created_at, timeZone);
        await trx
          .updateTable('chat_stats')
          .set({ local_day: bucket.day, local_weekday: bucket.weekday, local_hour: bucket.hour })
          .where('chat_id', '=', row.chat_id)
          .execute();
      }
    });
    after = rows[rows.length - 1]?.chat_id ?? after;
  }
}
