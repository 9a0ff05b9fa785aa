import type { Kysely } from 'kysely';
import type { FollowUp } from '../../src/protocol/desk';
import { newId } from '../storage/ids';
import type { DeskbellTables } from '../storage/schema';

export interface NewFollowUp {
  chatId: string;
  departmentId: string;
  patronName: string | null;
  email: string;
  question: string;
  createdAt: number;
}

/** Questions patrons left instead of waiting past T3, for the desk to answer by email later. */
export class FollowUpRepository {
  constructor(private readonly db: Kysely<DeskbellTables>) {}

  private select() {
    return this.db
      .selectFrom('follow_ups')
      .innerJoin('departments', 'departments.id', 'follow_ups.department_id')
      .selectAll('follow_ups')
      .select('departments.name as department_name');
  }

  /** One per chat: a second submission of the same chat finds the first (a retried request). */
  async add(followUp: NewFollowUp): Promise<FollowUp> {
    await this.db
      .insertInto('follow_ups')
      .values({
        id: newId(),
        chat_id: followUp.chatId,
        department_id: followUp.departmentId,
        patron_name: followUp.patronName,
        email: followUp.email,
        question: followUp.question,
        created_at: followUp.createdAt,
        answered_at: null,
        answered_by_name: null,
      })
      .onConflict((oc) => oc.column('chat_id').doNothing())
      .execute();
    const row = await this.select().where('follow_ups.chat_id', '=', followUp.chatId).executeTakeFirstOrThrow();
    return toFollowUp(row);
  }

  async listOpen(): Promise<FollowUp[]> {
    const rows = await this.select()
      .where('follow_ups.answered_at', 'is', null)
      .orderBy('follow_ups.created_at')
      .limit(200)
      .execute();
    return rows.map(toFollowUp);
  }

  async find(id: string): Promise<FollowUp | undefined> {
    const row = await this.select().where('follow_ups.id', '=', id).executeTakeFirst();
    return row ? toFollowUp(row) : undefined;
  }

  async markAnswered(id: string, byName: string, now: number): Promise<FollowUp | undefined> {
    await this.db
      .updateTable('follow_ups')
      .set({ answered_at: now, answered_by_name: byName })
      .where('id', '=', id)
      .where('answered_at', 'is', null)
      .execute();
    const row = await this.select().where('follow_ups.id', '=', id).executeTakeFirst();
    return row ? toFollowUp(row) : undefined;
  }
}

type Row = Awaited<ReturnType<ReturnType<FollowUpRepository['select']>['executeTakeFirstOrThrow']>>;

function toFollowUp(row: Row): FollowUp {
  return {
    id: row.id,
    chatId: row.chat_id,
    departmentId: row.department_id,
    departmentName: row.department_name,
    patronName: row.patron_name,
    email: row.email,
    question: row.question,
    createdAt: Number(row.created_at),
    answeredAt: row.answered_at === null ? null : Number(row.answered_at),
    answeredByName: row.answered_by_name,
  };
}
