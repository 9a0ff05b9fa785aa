import type { Kysely } from 'kysely';
import type { QueueTicket } from '../../src/protocol/patron-contract';
import type { DeskbellTables } from '../storage/schema';

/** How many chats wait in a department before a ticket, and whether any waits after it (never the ticket's own chat). */
export interface QueuePlace {
  ahead: number;
  /** 1 when at least one chat waits behind the ticket, else 0. */
  behind: number;
}

/** What the queue positions read: one count, whatever the queue's length on the patron's side. */
export class QueueRepository {
  constructor(private readonly db: Kysely<DeskbellTables>) {}

  /** Chats waiting to be claimed in every department (the metrics' gauge). */
  async countWaiting(): Promise<number> {
    const row = await this.db
      .selectFrom('chats')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('status', '=', 'waiting')
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  /**
   * Chats waiting in the department ahead of `ticket` (asked earlier, or in
   * the same millisecond with a smaller id), and whether one waits behind it.
   */
  async placeOf(departmentId: string, ticket: QueueTicket): Promise<QueuePlace> {
    const waiting = this.db
      .selectFrom('chats')
      .where('department_id', '=', departmentId)
      .where('status', '=', 'waiting')
      // A patron who left (and may come back to the same place) is not counted meanwhile.
      .where('patron_away_since', 'is', null);
    // Both read one range of chats_queue_idx (department, status, patron_away_since, created_at, id).
    const [aheadRow, behindRow] = await Promise.all([
      waiting
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where((eb) =>
          eb.or([
            eb('created_at', '<', ticket.createdAt),
            eb.and([eb('created_at', '=', ticket.createdAt), eb('id', '<', ticket.chatId)]),
          ]),
        )
        .executeTakeFirst(),
      // Only whether anyone is behind matters (a new chat moves them back): one row is enough.
      waiting
        .select('id')
        .where((eb) =>
          eb.or([
            eb('created_at', '>', ticket.createdAt),
            eb.and([eb('created_at', '=', ticket.createdAt), eb('id', '>', ticket.chatId)]),
          ]),
        )
        .limit(1)
        .executeTakeFirst(),
    ]);
    // PostgreSQL's count is a bigint, which pg returns as a string.
    return { ahead: Number(aheadRow?.count ?? 0), behind: behindRow ? 1 : 0 };
  }
}
