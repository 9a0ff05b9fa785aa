import type { Kysely } from 'kysely';
import type { AnalyticsEntry } from '../../src/protocol/models';
import { LOGGED_EVENT_KINDS, recordChatEvent } from '../reports/chat-event-log';
import { refreshChatStats } from '../reports/chat-stats';
import type { DeskbellTables } from '../storage/schema';

export interface NewAnalyticsEntry {
  chatId: string;
  questionTypeId: string;
  timeSpentMinutes: number;
  notes: string;
  operatorId: string;
  savedAt: number;
  /** The READ scale's level; none when the library does not use it. */
  readLevel?: number | null;
}

/** The analytics entry saved after End Chat: one per chat; saving again replaces it. */
export class AnalyticsRepository {
  constructor(private readonly db: Kysely<DeskbellTables>) {}

  async save(entry: NewAnalyticsEntry): Promise<AnalyticsEntry> {
    const values = {
      chat_id: entry.chatId,
      question_type_id: entry.questionTypeId,
      time_spent_minutes: entry.timeSpentMinutes,
      notes: entry.notes,
      operator_id: entry.operatorId,
      saved_at: entry.savedAt,
      read_level: entry.readLevel ?? null,
    };
    // The entry, the log's line and the chat's figures in one transaction.
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('analytics')
        .values(values)
        .onConflict((oc) =>
          oc.column('chat_id').doUpdateSet({
            question_type_id: values.question_type_id,
            time_spent_minutes: values.time_spent_minutes,
            notes: values.notes,
            operator_id: values.operator_id,
            saved_at: values.saved_at,
            read_level: values.read_level,
          }),
        )
        .execute();
      await recordChatEvent(trx, {
        at: entry.savedAt,
        kind: LOGGED_EVENT_KINDS.analyticsSaved,
        chatId: entry.chatId,
        actorId: entry.operatorId,
        detail: entry.questionTypeId,
        value: entry.readLevel ?? null,
      });
      await refreshChatStats(trx, entry.chatId);
    });
    const saved = await this.find(entry.chatId);
    if (!saved) throw new Error(`analytics for chat ${entry.chatId} vanished after saving`);
    return saved;
  }

  async find(chatId: string): Promise<AnalyticsEntry | undefined> {
    const row = await this.db
      .selectFrom('analytics')
      .innerJoin('question_types', 'question_types.id', 'analytics.question_type_id')
      .innerJoin('accounts', 'accounts.id', 'analytics.operator_id')
      .select([
        'analytics.chat_id',
        'analytics.question_type_id',
        'question_types.label',
        'analytics.time_spent_minutes',
        'analytics.notes',
        'analytics.operator_id',
        'accounts.display_name',
        'analytics.saved_at',
        'analytics.read_level',
      ])
      .where('analytics.chat_id', '=', chatId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      chatId: row.chat_id,
      questionTypeId: row.question_type_id,
      questionTypeLabel: row.label,
      timeSpentMinutes: row.time_spent_minutes,
      notes: row.notes,
      operatorId: row.operator_id,
      operatorName: row.display_name,
      savedAt: row.saved_at,
      readLevel: row.read_level,
    };
  }
}
