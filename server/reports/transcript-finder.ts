import type { Kysely } from 'kysely';
import type { ActorFacts } from '../../src/domain/chat-access';
import type { ChatSummary } from '../../src/protocol/models';
import { TRANSCRIPT_SEARCH_PAGE_SIZE, type TranscriptSearch } from '../../src/protocol/reports';
import { visibleTo } from '../chats/chat-access-query';
import { selectChatSummaries, toChatSummary } from '../chats/chat-rows';
import { withTeamFacts } from '../chats/chat-team-rows';
import type { DeskbellTables } from '../storage/schema';
import { matchesText } from './transcript-search';

/**
 * The Transcripts tab's search over ended chats: words through each database's full-text index
 * (transcript-search.ts), the rest on the rollup's indexed columns, and only chats the reader may
 * see (the same rule as every chat list: visibleTo). Newest first, a page at a time.
 */
export class TranscriptFinder {
  constructor(private readonly db: Kysely<DeskbellTables>) {}

  async search(
    reader: ActorFacts,
    search: TranscriptSearch & { page: number },
  ): Promise<{ total: number; chats: ChatSummary[] }> {
    let query = selectChatSummaries(this.db)
      .innerJoin('chat_stats', 'chat_stats.chat_id', 'chats.id')
      .where('chats.status', '=', 'ended')
      .where(visibleTo(reader));
    if (search.text) query = query.where(matchesText(this.db, search.text, 'chats.id'));
    if (search.patron) {
      const like = `%${search.patron.toLowerCase().replace(/[%_]/g, '')}%`;
      query = query.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['chats.patron_name']), 'like', like),
          eb(eb.fn('lower', ['chats.patron_email']), 'like', like),
        ]),
      );
    }
    if (search.operatorId) query = query.where('chat_stats.operator_id', '=', search.operatorId);
    if (search.departmentId) query = query.where('chats.department_id', '=', search.departmentId);
    if (search.questionTypeId) query = query.where('chat_stats.question_type_id', '=', search.questionTypeId);
    if (search.rating !== undefined) query = query.where('chat_stats.rating', '=', search.rating);
    if (search.from) query = query.where('chat_stats.local_day', '>=', search.from);
    if (search.to) query = query.where('chat_stats.local_day', '<=', search.to);
    const [counted, rows] = await Promise.all([
      query
        .clearSelect()
        .select((eb) => eb.fn.countAll().as('total'))
        .executeTakeFirstOrThrow(),
      query
        .orderBy('chats.ended_at', 'desc')
        .orderBy('chats.id', 'desc')
        .limit(TRANSCRIPT_SEARCH_PAGE_SIZE)
        .offset((search.page - 1) * TRANSCRIPT_SEARCH_PAGE_SIZE)
        .execute(),
    ]);
    return { total: Number(counted.total), chats: await withTeamFacts(this.db, rows.map(toChatSummary)) };
  }
}
