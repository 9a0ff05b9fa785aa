import type { Kysely } from 'kysely';
import type { QueueTicket } from '../../src/protocol/patron-contract';
import type { DeskbellTables } from '../storage/schema';

/** What the queue positions read: one count, whatever the queue's length on the patron's side. */
export class QueueRepository {
  constructor(private readonly db: Kysely<DeskbellTables>) {}

  /** How many chats wait in the department ahead of `ticket` (asked earlier, or in the same millisecond with a smaller id). */
  async countWaitingAhead(departmentId: string, ticket: QueueTicket): Promise<number> {
    const row = await this.db
      .selectFrom('chats')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('department_id', '=', departmentId)
      .where('status', '=', 'waiting')
      .where((eb) =>
        eb.or([
          eb('created_at', '<', ticket.createdAt),
          eb.and([eb('created_at', '=', ticket.createdAt), eb('id', '<', ticket.chatId)]),
        ]),
      )
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  }
}
