import { LOGGED_EVENT_KINDS } from '../reports/chat-event-log';
import type { Insertable, Kysely } from 'kysely';
import type { ActorFacts } from '../../src/domain/chat-access';
import type { ChatSummary, Message } from '../../src/protocol/models';
import { newId } from '../storage/ids';
import { CompiledOnce } from '../storage/compiled-query';
import { sqliteFileOf, writeOnFile } from '../storage/database';
import type { ChatsTable, DeskbellTables } from '../storage/schema';
import { visibleTo, writableBy } from './chat-access-query';
import { selectChatSummaries, toChatSummary } from './chat-rows';
import { withTeamFacts } from './chat-team-rows';

export interface NewChat {
  departmentId: string;
  question: string;
  patronName: string | null;
  patronEmail: string | null;
  patronIp: string | null;
  pageUrl: string | null;
  referrer: string | null;
  userAgent: string | null;
  browser: string | null;
  extraFields: Record<string, string>;
  resumeTokenHash: string;
  createdAt: number;
  /** The browser's earlier chat's lineage (chat:start with a previous resume token); a new one otherwise. */
  lineageId?: string | null;
  /** The department's name when the caller has it (chat:start looked the department up); read otherwise. */
  departmentName?: string;
}

/** A state change that also wrote a system message ("Alice has joined the chat."). */
export interface Transition {
  chat: ChatSummary;
  message: Message;
}

/**
 * Chats as stored: creating one, finding it, and the lists a console or the
 * queue reads. Changes of state (claim, end, transfer, ...) are not written
 * here: ChatTransitions (chat-transitions.ts) stores what the state machine
 * decided, conditional on the chat's `last_seq` as it was read.
 */
type NewChatRow = Insertable<ChatsTable> & { id: string; created_at: number; lineage_id: string };
/** A new chat's 'queued' line in the reports' log. */
type QueuedLine = { id: string; at: number; chatId: string; departmentId: string };

export class ChatRepository {
  /** Every patron's start runs it: built and compiled once. */
  private readonly insertChat: CompiledOnce<NewChatRow, unknown>;
  /** Its line in the reports' log, in the same transaction: compiled once too. */
  private readonly insertQueued: CompiledOnce<QueuedLine, unknown>;

  constructor(private readonly db: Kysely<DeskbellTables>) {
    this.insertQueued = new CompiledOnce(db, (query, v) =>
      query.insertInto('chat_events').values({
        id: v.id,
        at: v.at,
        kind: LOGGED_EVENT_KINDS.queued,
        chat_id: v.chatId,
        department_id: v.departmentId,
        actor_id: null,
        value: null,
        detail: null,
      }),
    );
    this.insertChat = new CompiledOnce(db, (query, v) =>
      query.insertInto('chats').values({
        id: v.id,
        department_id: v.department_id,
        status: v.status,
        question: v.question,
        patron_name: v.patron_name,
        patron_email: v.patron_email,
        patron_ip: v.patron_ip,
        page_url: v.page_url,
        referrer: v.referrer,
        user_agent: v.user_agent,
        browser: v.browser,
        extra_fields: v.extra_fields,
        resume_token_hash: v.resume_token_hash,
        owner_id: v.owner_id,
        created_at: v.created_at,
        claimed_at: v.claimed_at,
        ended_at: v.ended_at,
        ended_by: v.ended_by,
        last_seq: v.last_seq,
        lineage_id: v.lineage_id,
      }),
    );
  }

  /**
   * The new chat's two inserts in one transaction. On SQLite both run in one turn of the event loop,
   * straight on the file, as a group of sends does (message-store.ts, writeOnFile): through Kysely's
   * transaction they took several promise hops and its mutex before the chat could be announced
   * (issue 10, item 2: the new-chat alert).
   */
  private async writeNewChat(row: NewChatRow, queued: QueuedLine): Promise<void> {
    const file = sqliteFileOf(this.db);
    if (file) {
      this.sqliteNewChat ??= file.transaction((chatRow: NewChatRow, line: QueuedLine) => {
        this.insertChat.runOnFile(this.db, file, chatRow);
        this.insertQueued.runOnFile(this.db, file, line);
      });
      const write = this.sqliteNewChat;
      await writeOnFile(this.db, file, () => write(row, queued));
      return;
    }
    await this.db.transaction().execute(async (trx) => {
      await this.insertChat.execute(trx, row);
      await this.insertQueued.execute(trx, queued);
    });
  }

  private sqliteNewChat: ((row: NewChatRow, queued: QueuedLine) => void) | undefined;

  /** One summary with its participants and pending transfer. */
  private async one(chat: ChatSummary): Promise<ChatSummary> {
    const [withTeam] = await withTeamFacts(this.db, [chat]);
    return withTeam ?? chat;
  }

  /**
   * Stores a new waiting chat and answers with its summary as written: a new
   * chat has no owner, team, transfer or analytics yet, so nothing is read back,
   * and nothing is parsed back either: the summary is built from the values the
   * caller gave (already parsed from the patron's request), as `find` would read
   * them. Every new chat's alert waits for this (issue 10, item 2).
   */
  async create(chat: NewChat): Promise<ChatSummary> {
    const id = newId();
    const departmentName = chat.departmentName ?? (await this.departmentName(chat.departmentId));
    const lineageId = chat.lineageId ?? id;
    // The chat and the log's 'queued' line in one transaction: reports count from the log.
    await this.writeNewChat(
      {
        id,
        department_id: chat.departmentId,
        status: 'waiting',
        question: chat.question,
        patron_name: chat.patronName,
        patron_email: chat.patronEmail,
        patron_ip: chat.patronIp,
        page_url: chat.pageUrl,
        referrer: chat.referrer,
        user_agent: chat.userAgent,
        browser: chat.browser,
        extra_fields: JSON.stringify(chat.extraFields),
        resume_token_hash: chat.resumeTokenHash,
        owner_id: null,
        created_at: chat.createdAt,
        claimed_at: null,
        ended_at: null,
        ended_by: null,
        last_seq: 0,
        lineage_id: lineageId,
      },
      { id: newId(), at: chat.createdAt, chatId: id, departmentId: chat.departmentId },
    );
    return {
      id,
      departmentId: chat.departmentId,
      departmentName,
      status: 'waiting',
      question: chat.question,
      patron: {
        name: chat.patronName,
        email: chat.patronEmail,
        ip: chat.patronIp,
        pageUrl: chat.pageUrl,
        referrer: chat.referrer,
        userAgent: chat.userAgent,
        browser: chat.browser,
        extraFields: { ...chat.extraFields },
      },
      ownerId: null,
      ownerName: null,
      createdAt: chat.createdAt,
      claimedAt: null,
      endedAt: null,
      endedBy: null,
      lastSeq: 0,
      hasAnalytics: false,
      patronAwaySince: null,
      patronLeftAt: null,
      patronReturnBy: null,
      returnedBy: null,
      escalationStep: 0,
      backupDepartmentId: null,
      participants: [],
      transfer: null,
    };
  }

  private async departmentName(departmentId: string): Promise<string> {
    const row = await this.db
      .selectFrom('departments')
      .select('name')
      .where('id', '=', departmentId)
      .executeTakeFirstOrThrow();
    return row.name;
  }

  async find(id: string): Promise<ChatSummary | undefined> {
    const row = await selectChatSummaries(this.db).where('chats.id', '=', id).executeTakeFirst();
    return row ? this.one(toChatSummary(row)) : undefined;
  }

  async findOrThrow(id: string): Promise<ChatSummary> {
    return this.one(
      toChatSummary(await selectChatSummaries(this.db).where('chats.id', '=', id).executeTakeFirstOrThrow()),
    );
  }

  async findByResumeTokenHash(tokenHash: string): Promise<ChatSummary | undefined> {
    const row = await selectChatSummaries(this.db).where('chats.resume_token_hash', '=', tokenHash).executeTakeFirst();
    return row ? this.one(toChatSummary(row)) : undefined;
  }

  /**
   * What a console lists: waiting and active chats it may see, and its own
   * ended chats still missing their analytics entry.
   */
  async listOpen(reader: ActorFacts): Promise<ChatSummary[]> {
    const rows = await selectChatSummaries(this.db)
      .where((eb) =>
        eb.or([
          eb.and([eb('chats.status', 'in', ['waiting', 'active']), visibleTo(reader)]),
          eb.and([
            eb('chats.status', '=', 'ended'),
            eb('chats.owner_id', '=', reader.id),
            eb('analytics.chat_id', 'is', null),
          ]),
        ]),
      )
      .orderBy('chats.created_at')
      .orderBy('chats.id')
      .execute();
    return withTeamFacts(this.db, rows.map(toChatSummary));
  }

  /** Active chats this account may write in (it owns them or takes part in them): the ones its sockets must follow. */
  async listOwnedActive(accountId: string): Promise<ChatSummary[]> {
    const rows = await selectChatSummaries(this.db).where(writableBy(accountId)).orderBy('chats.created_at').execute();
    return withTeamFacts(this.db, rows.map(toChatSummary));
  }

  /** Ended chats this account may read, newest first, paging back with `before`. */
  async listEnded(reader: ActorFacts, page: { before?: number | undefined; limit: number }): Promise<ChatSummary[]> {
    let query = selectChatSummaries(this.db).where('chats.status', '=', 'ended').where(visibleTo(reader));
    if (page.before !== undefined) query = query.where('chats.ended_at', '<', page.before);
    const rows = await query.orderBy('chats.ended_at', 'desc').orderBy('chats.id', 'desc').limit(page.limit).execute();
    return withTeamFacts(this.db, rows.map(toChatSummary));
  }

  /** Whether the same browser started another chat after this one (its token then only links, never resumes). */
  async hasLaterInLineage(chat: ChatSummary): Promise<boolean> {
    const self = await this.db.selectFrom('chats').select('lineage_id').where('id', '=', chat.id).executeTakeFirst();
    const lineage = self?.lineage_id ?? chat.id;
    const later = await this.db
      .selectFrom('chats')
      .select('id')
      .where('lineage_id', '=', lineage)
      .where('id', '!=', chat.id)
      .where('created_at', '>=', chat.createdAt)
      .executeTakeFirst();
    return later !== undefined;
  }

  /** The lineage of the chat a resume token belongs to (for a returning browser's next chat). */
  async findLineageByResumeTokenHash(tokenHash: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('chats')
      .select(['id', 'lineage_id'])
      .where('resume_token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? (row.lineage_id ?? row.id) : undefined;
  }
}
