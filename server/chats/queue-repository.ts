import type { Kysely } from 'kysely';
import type { QueueTicket } from '../../src/protocol/patron-contract';
import type { DeskbellTables } from '../storage/schema';

/** How many chats wait in a department before and after a ticket (never counting the ticket's own chat). */
export interface QueuePlace {
  ahead: number;
  behind: number;
}

/** What the queue positions read: one count, whatever the queue's length on the patron's side. */
export class QueueRepository {
  constructor(private readonly db: Kysely<DeskbellTables>) {}

  /**
   * Chats waiting in the department ahead of `ticket` (asked earlier, or in
   * the same millisecond with a smaller id) and behind it, in one query.
   */
  async placeOf(departmentId: string, ticket: QueueTicket): Promise<QueuePlace> {
    const row = await this.db
      .selectFrom('chats')
      .select((eb) => {
        const ahead = eb.or([
          eb('created_at', '<', ticket.createdAt),
          eb.and([eb('created_at', '=', ticket.createdAt), eb('id', '<', ticket.chatId)]),
        ]);
        const behind = eb.or([
          eb('created_at', '>', ticket.createdAt),
          eb.and([eb('created_at', '=', ticket.createdAt), eb('id', '>', ticket.chatId)]),
        ]);
        return [
          eb.fn.sum<number | string>(eb.case().when(ahead).then(1).else(0).end()).as('ahead'),
          eb.fn.sum<number | string>(eb.case().when(behind).then(1).else(0).end()).as('behind'),
        ];
      })
      .where('department_id', '=', departmentId)
      .where('status', '=', 'waiting')
      .executeTakeFirst();
    // SUM over no rows is NULL; PostgreSQL's is a bigint, which pg returns as a string.
    return { ahead: Number(row?.ahead ?? 0), behind: Number(row?.behind ?? 0) };
  }
}
