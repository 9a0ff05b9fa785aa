import type { Kysely } from 'kysely';
import { DeskbellError } from '../../src/protocol/ack';
import type { ChatEvent, Message } from '../../src/protocol/models';
import type { DeskbellTables } from '../storage/schema';
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

/** Raised inside the transaction to roll back the sequence bump when a concurrent retry stored the message first. */
class AlreadyStored extends Error {
  constructor(readonly stored: Message) {
    super('already stored');
  }
}

/**
 * Stores chat messages. Each gets the chat's next sequence number in the same
 * transaction that inserts it (`last_seq = last_seq + 1` on the chat row, which
 * also serialises concurrent writers to that chat), and the guard is part of that
 * same conditional update, so a chat that ended a moment ago takes no more messages.
 */
export class MessageStore {
  constructor(private readonly db: Kysely<DeskbellTables>) {}

  async find(chatId: string, id: string, db: Kysely<DeskbellTables> = this.db): Promise<Message | undefined> {
    const row = await db
      .selectFrom('messages')
      .selectAll()
      .where('chat_id', '=', chatId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toMessage(row) : undefined;
  }

  /** Stores a message once; a retry of a stored id returns the stored message with created=false. */
  async append(input: NewMessage, guard: SendGuard): Promise<AppendResult> {
    const existing = await this.find(input.chatId, input.id);
    if (existing) return { kind: 'stored', message: sameAuthorOrThrow(existing, input), created: false };
    try {
      return await this.db.transaction().execute(async (trx) => {
        const bump = trx
          .updateTable('chats')
          .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
          .where('id', '=', input.chatId)
          .where('operatorId' in guard ? writableBy(guard.operatorId) : openForPatron());
        const row = await bump.returning('last_seq').executeTakeFirst();
        if (!row) return { kind: 'refused' } as const;
        // A concurrent retry of the same id may have committed after the first look (it held the chat
        // row before us): its insert wins, ours does nothing, and the sequence bump is rolled back.
        const message = await insertMessageIfNew(trx, input, row.last_seq);
        if (!message) throw new AlreadyStored(await this.findOrFail(input.chatId, input.id, trx));
        return { kind: 'stored', message, created: true } as const;
      });
    } catch (error) {
      if (error instanceof AlreadyStored)
        return { kind: 'stored', message: sameAuthorOrThrow(error.stored, input), created: false };
      throw error;
    }
  }

  private async findOrFail(chatId: string, id: string, db: Kysely<DeskbellTables>): Promise<Message> {
    const stored = await this.find(chatId, id, db);
    if (!stored) throw new Error(`message ${id} of chat ${chatId} conflicted but cannot be read`);
    return stored;
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

/** The same, unless the chat already has a message with this id: then nothing is inserted and undefined is returned. */
async function insertMessageIfNew(
  db: Kysely<DeskbellTables>,
  input: NewMessage,
  seq: number,
): Promise<Message | undefined> {
  const row = messageRow(input, seq);
  const inserted = await db
    .insertInto('messages')
    .values(row)
    .onConflict((oc) => oc.columns(['chat_id', 'id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted ? toMessage(row) : undefined;
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
