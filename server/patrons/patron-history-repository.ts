import type { Kysely } from 'kysely';
import type { ChatSummary, PatronHistoryEntry } from '../../src/protocol/models';
import { chatStatusSchema } from '../../src/protocol/models';
import type { ActorFacts } from '../../src/domain/chat-access';
import type { DeskbellTables } from '../storage/schema';
import { visibleTo } from '../chats/chat-access-query';

/** Enough for the patron info tab; older ones are in the transcripts list. */
const HISTORY_LIMIT = 20;

/**
 * A returning patron's earlier chats: the same email, or the same browser
 * (chats started with a resume token of an earlier chat share its lineage),
 * among the chats the reader may see (`may('see', ...)`, as a query).
 */
export class PatronHistoryRepository {
  constructor(private readonly db: Kysely<DeskbellTables>) {}

  async earlierChats(chat: ChatSummary, reader: ActorFacts): Promise<PatronHistoryEntry[]> {
    const self = await this.db.selectFrom('chats').select('lineage_id').where('id', '=', chat.id).executeTakeFirst();
    const lineage = self?.lineage_id ?? chat.id;
    const email = chat.patron.email;
    const rows = await this.db
      .selectFrom('chats')
      .innerJoin('departments', 'departments.id', 'chats.department_id')
      .leftJoin('accounts', 'accounts.id', 'chats.owner_id')
      .select([
        'chats.id',
        'chats.question',
        'chats.status',
        'chats.created_at',
        'chats.ended_at',
        'chats.patron_email',
        'chats.lineage_id',
        'departments.name as department_name',
        'accounts.display_name as owner_name',
      ])
      .where('chats.id', '!=', chat.id)
      .where('chats.created_at', '<=', chat.createdAt)
      .where(visibleTo(reader))
      .where((eb) =>
        email
          ? eb.or([eb('chats.lineage_id', '=', lineage), eb('chats.patron_email', '=', email)])
          : eb('chats.lineage_id', '=', lineage),
      )
      .orderBy('chats.created_at', 'desc')
      .limit(HISTORY_LIMIT)
      .execute();
    return rows.map((row) => ({
      chatId: row.id,
      departmentName: row.department_name,
      question: row.question,
      status: chatStatusSchema.parse(row.status),
      ownerName: row.owner_name,
      createdAt: row.created_at,
      endedAt: row.ended_at,
      match: row.lineage_id === lineage ? 'browser' : 'email',
    }));
  }
}
