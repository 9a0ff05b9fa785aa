import type { Kysely } from 'kysely';
import {
  type ScreenshareEvent,
  screenshareEventSchema,
  type StaffChat,
  type StaffMessage,
} from '../../src/protocol/models';
import { newId } from '../storage/ids';
import type { DeskbellTables } from '../storage/schema';

export interface NewStaffMessage {
  staffChatId: string;
  id: string;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: number;
  /** A screenshare step's line. */
  event?: ScreenshareEvent;
}

/** The pair's ids in stored order (smaller first), so two colleagues share exactly one chat. */
function pair(one: string, other: string): [string, string] {
  return one < other ? [one, other] : [other, one];
}

/**
 * Staff-to-staff chats: one archived chat per pair of colleagues, its
 * messages numbered like patron chats (the sequence bumped in the same
 * transaction as the insert; a retried client id is stored once).
 */
export class StaffChatRepository {
  constructor(private readonly db: Kysely<DeskbellTables>) {}

  /** The chat between two colleagues, made on first use. */
  async open(one: string, other: string, now: number): Promise<StaffChat> {
    const [a, b] = pair(one, other);
    await this.db
      .insertInto('staff_chats')
      .values({ id: newId(), member_a: a, member_b: b, created_at: now, last_seq: 0, last_message_at: null })
      .onConflict((oc) => oc.columns(['member_a', 'member_b']).doNothing())
      .execute();
    const found = await this.findByPair(a, b);
    if (!found) throw new Error('staff chat vanished after it was made');
    return found;
  }

  private async findByPair(a: string, b: string): Promise<StaffChat | undefined> {
    const [chat] = await this.select((query) => query.where('staff_chats.member_a', '=', a).where('member_b', '=', b));
    return chat;
  }

  async find(id: string): Promise<StaffChat | undefined> {
    const [chat] = await this.select((query) => query.where('staff_chats.id', '=', id));
    return chat;
  }

  /** Chats the account is in, or every staff chat (supervisors reviewing them); newest activity first. */
  async list(filter: { memberId: string } | { all: true }): Promise<StaffChat[]> {
    return this.select((query) =>
      'all' in filter
        ? query
        : query.where((eb) =>
            eb.or([eb('staff_chats.member_a', '=', filter.memberId), eb('staff_chats.member_b', '=', filter.memberId)]),
          ),
    );
  }

  private async select(
    narrow: (query: ReturnType<StaffChatRepository['baseQuery']>) => ReturnType<StaffChatRepository['baseQuery']>,
  ): Promise<StaffChat[]> {
    const rows = await narrow(this.baseQuery())
      .orderBy('staff_chats.last_message_at', 'desc')
      .orderBy('staff_chats.created_at', 'desc')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      members: [
        { id: row.member_a, name: row.a_name },
        { id: row.member_b, name: row.b_name },
      ],
      createdAt: row.created_at,
      lastSeq: row.last_seq,
      lastMessageAt: row.last_message_at,
    }));
  }

  private baseQuery() {
    return this.db
      .selectFrom('staff_chats')
      .innerJoin('accounts as a', 'a.id', 'staff_chats.member_a')
      .innerJoin('accounts as b', 'b.id', 'staff_chats.member_b')
      .selectAll('staff_chats')
      .select(['a.display_name as a_name', 'b.display_name as b_name']);
  }

  /** Stores a message once; the same client id again returns the stored one with created=false. */
  async append(input: NewStaffMessage): Promise<{ message: StaffMessage; created: boolean }> {
    const existing = await this.findMessage(input.staffChatId, input.id);
    if (existing) return { message: existing, created: false };
    const message = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('staff_chats')
        .set((eb) => ({ last_seq: eb('last_seq', '+', 1), last_message_at: input.createdAt }))
        .where('id', '=', input.staffChatId)
        .returning('last_seq')
        .executeTakeFirstOrThrow();
      const raced = await trx
        .selectFrom('staff_messages')
        .select('id')
        .where('staff_chat_id', '=', input.staffChatId)
        .where('id', '=', input.id)
        .executeTakeFirst();
      if (raced) return undefined;
      const values = {
        staff_chat_id: input.staffChatId,
        id: input.id,
        seq: row.last_seq,
        author_id: input.authorId,
        author_name: input.authorName,
        body: input.body,
        created_at: input.createdAt,
        event: input.event ? JSON.stringify(input.event) : null,
      };
      await trx.insertInto('staff_messages').values(values).execute();
      return toStaffMessage(values);
    });
    if (message) return { message, created: true };
    const stored = await this.findMessage(input.staffChatId, input.id);
    if (!stored) throw new Error('staff message vanished after a concurrent insert');
    return { message: stored, created: false };
  }

  async findMessage(staffChatId: string, id: string): Promise<StaffMessage | undefined> {
    const row = await this.db
      .selectFrom('staff_messages')
      .selectAll()
      .where('staff_chat_id', '=', staffChatId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toStaffMessage(row) : undefined;
  }

  async listMessages(staffChatId: string, afterSeq = 0): Promise<StaffMessage[]> {
    const rows = await this.db
      .selectFrom('staff_messages')
      .selectAll()
      .where('staff_chat_id', '=', staffChatId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .execute();
    return rows.map(toStaffMessage);
  }
}

function toStaffMessage(row: {
  staff_chat_id: string;
  id: string;
  seq: number;
  author_id: string;
  author_name: string;
  body: string;
  created_at: number;
  event?: string | null;
}): StaffMessage {
  const message: StaffMessage = {
    id: row.id,
    staffChatId: row.staff_chat_id,
    seq: row.seq,
    authorId: row.author_id,
    authorName: row.author_name,
    body: row.body,
    createdAt: row.created_at,
  };
  const event = row.event ? screenshareEventSchema.safeParse(JSON.parse(row.event)) : null;
  if (event?.success) message.event = event.data;
  return message;
}
