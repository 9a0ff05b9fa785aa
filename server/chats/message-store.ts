import { type Kysely, PostgresAdapter, type Selectable } from 'kysely';
import { DeskbellError } from '../../src/protocol/ack';
import type { ChatEvent, Message } from '../../src/protocol/models';
import { CompiledOnce } from '../storage/compiled-query';
import { GroupCommit } from '../storage/group-commit';
import type { DeskbellTables, MessagesTable } from '../storage/schema';
import { openForPatron, writableBy } from './chat-access-query';
import { toMessage } from './chat-rows';

export interface NewMessage {
  chatId: string;
  /** Client-made id: the same id sent again finds the stored message. */
  id: string;
  authorKind: Message['authorKind'];
  authorId: string | null;
  authorName: string;
  body: string;
  createdAt: number;
  /** System messages: the structured event (stored as JSON). */
  event?: ChatEvent;
}

/**
 * Who may still write, checked in the same conditional update that takes the
 * sequence number: an operator while the access rule says so (an active chat
 * they own or take part in), the patron (and the system's lines about them)
 * until the chat has ended. The rules are chat-access-query.ts's.
 */
export type SendGuard = { operatorId: string } | { patron: true };

export type AppendResult = { kind: 'stored'; message: Message; created: boolean } | { kind: 'refused' };

/** Groups of sends written side by side on PostgreSQL (of the pool's 10 connections; the rest serve everything else). */
const POSTGRES_WRITERS = 4;

interface StoreJob {
  input: NewMessage;
  guard: SendGuard;
}

type MessageRow = ReturnType<typeof messageRow>;

/**
 * Stores chat messages. Each gets the chat's next sequence number in the same
 * transaction that inserts it (`last_seq = last_seq + 1 ... RETURNING` on the
 * chat row, which also serialises concurrent writers to that chat), and the
 * guard is part of that same conditional update, so a chat that ended a
 * moment ago takes no more messages. A send is two statements, each compiled
 * once (compiled-query.ts), and sends that arrive together share one
 * transaction and one commit (group-commit.ts); each is answered after it.
 */
export class MessageStore {
  private readonly groups: GroupCommit<StoreJob, AppendResult>;
  private readonly bumpForPatron: CompiledOnce<{ chatId: string }, { last_seq: number }>;
  private readonly bumpForOperator: CompiledOnce<{ chatId: string; operatorId: string }, { last_seq: number }>;
  private readonly unbump: CompiledOnce<{ chatId: string }, unknown>;
  private readonly insertIfNew: CompiledOnce<MessageRow, { id: string }>;
  private readonly findOne: CompiledOnce<{ chatId: string; id: string }, Selectable<MessagesTable>>;

  constructor(private readonly db: Kysely<DeskbellTables>) {
    const bump = (query: Kysely<DeskbellTables>, chatId: string) =>
      query
        .updateTable('chats')
        .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
        .where('id', '=', chatId);
    this.bumpForPatron = new CompiledOnce(db, (query, v) =>
      bump(query, v.chatId).where(openForPatron()).returning('last_seq'),
    );
    this.bumpForOperator = new CompiledOnce(db, (query, v) =>
      bump(query, v.chatId).where(writableBy(v.operatorId)).returning('last_seq'),
    );
    this.unbump = new CompiledOnce(db, (query, v) =>
      query
        .updateTable('chats')
        .set((eb) => ({ last_seq: eb('last_seq', '-', 1) }))
        .where('id', '=', v.chatId),
    );
    this.insertIfNew = new CompiledOnce(db, (query, v) =>
      query
        .insertInto('messages')
        .values({
          chat_id: v.chat_id,
          id: v.id,
          seq: v.seq,
          author_kind: v.author_kind,
          author_id: v.author_id,
          author_name: v.author_name,
          body: v.body,
          created_at: v.created_at,
          event: v.event,
        })
        .onConflict((oc) => oc.columns(['chat_id', 'id']).doNothing())
        .returning('id'),
    );
    this.findOne = new CompiledOnce(db, (query, v) =>
      query.selectFrom('messages').selectAll().where('chat_id', '=', v.chatId).where('id', '=', v.id),
    );
    this.groups = new GroupCommit(
      db,
      (trx, job) => this.store(trx, job),
      (job) => job.input.chatId,
      // PostgreSQL's pool writes several groups at once; SQLite has one connection, so one group at a time.
      db.getExecutor().adapter instanceof PostgresAdapter ? POSTGRES_WRITERS : 1,
    );
  }

  async find(chatId: string, id: string, db: Kysely<DeskbellTables> = this.db): Promise<Message | undefined> {
    const { rows } = await this.findOne.execute(db, { chatId, id });
    return rows[0] ? toMessage(rows[0]) : undefined;
  }

  /** Stores a message once; a retry of a stored id returns the stored message with created=false. */
  append(input: NewMessage, guard: SendGuard): Promise<AppendResult> {
    return this.groups.submit({ input, guard });
  }

  /** One send inside a group's transaction: take the next seq (if the guard allows), then insert unless stored. */
  private async store(trx: Kysely<DeskbellTables>, { input, guard }: StoreJob): Promise<AppendResult> {
    const bumped =
      'operatorId' in guard
        ? await this.bumpForOperator.execute(trx, { chatId: input.chatId, operatorId: guard.operatorId })
        : await this.bumpForPatron.execute(trx, { chatId: input.chatId });
    const seq = bumped.rows[0]?.last_seq;
    if (seq === undefined) return { kind: 'refused' };
    const row = messageRow(input, seq);
    const inserted = await this.insertIfNew.execute(trx, row);
    if (inserted.rows.length > 0) return { kind: 'stored', message: toMessage(row), created: true };
    // The id is stored already (a retry, or a retry of it in this very group): give the chat its seq back,
    // which is safe because this transaction holds the chat row since the bump, and answer with the stored one.
    await this.unbump.execute(trx, { chatId: input.chatId });
    const stored = await this.find(input.chatId, input.id, trx);
    if (!stored) throw new Error(`message ${input.id} of chat ${input.chatId} conflicted but cannot be read`);
    return { kind: 'stored', message: sameAuthorOrThrow(stored, input), created: false };
  }

  /** Messages of a chat with a sequence number above `afterSeq`, oldest first. */
  async listAfter(chatId: string, afterSeq: number): Promise<Message[]> {
    const rows = await this.db
      .selectFrom('messages')
      .selectAll()
      .where('chat_id', '=', chatId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .execute();
    return rows.map(toMessage);
  }
}

/** Inserts a message with a sequence number already taken from the chat row (inside the caller's transaction). */
export async function insertMessage(db: Kysely<DeskbellTables>, input: NewMessage, seq: number): Promise<Message> {
  const row = messageRow(input, seq);
  await db.insertInto('messages').values(row).execute();
  return toMessage(row);
}

function messageRow(input: NewMessage, seq: number) {
  return {
    chat_id: input.chatId,
    id: input.id,
    seq,
    author_kind: input.authorKind,
    author_id: input.authorId,
    author_name: input.authorName,
    body: input.body,
    created_at: input.createdAt,
    event: input.event ? JSON.stringify(input.event) : null,
  };
}

function sameAuthorOrThrow(stored: Message, input: NewMessage): Message {
  if (stored.authorKind !== input.authorKind || stored.authorId !== input.authorId) {
    throw new DeskbellError('BAD_REQUEST', 'id: this message id is already used in this chat; make a new one');
  }
  return stored;
}
