import type { Kysely } from 'kysely';
import type { ReadMark } from '../../src/protocol/models';
import type { DeskbellTables } from '../storage/schema';

export type ReadMarkKind = ReadMark['kind'];

/**
 * How far each account has read each patron chat and staff chat. A mark only
 * moves forward: a late or repeated "read up to 3" after "read up to 5" (two
 * windows, a slow connection) leaves 5, decided by the upsert itself so two
 * windows racing cannot undo each other.
 */
export class ReadMarkRepository {
  constructor(private readonly db: Kysely<DeskbellTables>) {}

  /** Moves the mark to `seq` unless it is already there or further; answers the stored mark. */
  async advance(accountId: string, target: Omit<ReadMark, 'seq'>, seq: number, now: number): Promise<ReadMark> {
    await this.db
      .insertInto('read_marks')
      .values({ account_id: accountId, kind: target.kind, target_id: target.id, seq, updated_at: now })
      .onConflict((oc) =>
        oc
          .columns(['account_id', 'kind', 'target_id'])
          .doUpdateSet((eb) => ({ seq: eb.ref('excluded.seq'), updated_at: eb.ref('excluded.updated_at') }))
          .where((eb) => eb('read_marks.seq', '<', eb.ref('excluded.seq'))),
      )
      .execute();
    const row = await this.db
      .selectFrom('read_marks')
      .select('seq')
      .where('account_id', '=', accountId)
      .where('kind', '=', target.kind)
      .where('target_id', '=', target.id)
      .executeTakeFirstOrThrow();
    return { kind: target.kind, id: target.id, seq: row.seq };
  }

  /** The account's marks on these chats (the ones a sync lists) and on every staff chat of its. */
  async forSync(accountId: string, chatIds: readonly string[]): Promise<ReadMark[]> {
    const rows = await this.db
      .selectFrom('read_marks')
      .select(['kind', 'target_id', 'seq'])
      .where('account_id', '=', accountId)
      .where((eb) =>
        eb.or([
          eb('kind', '=', 'staff'),
          // `IN ()` is not valid SQL: with no chats listed only the staff marks come back.
          ...(chatIds.length > 0 ? [eb.and([eb('kind', '=', 'chat'), eb('target_id', 'in', [...chatIds])])] : []),
        ]),
      )
      .execute();
    return rows.map((row) => ({ kind: row.kind === 'staff' ? 'staff' : 'chat', id: row.target_id, seq: row.seq }));
  }
}
