import type { Kysely } from 'kysely';
import type { ChatStatus } from '../../src/protocol/models';
import type { DeskbellTables } from '../storage/schema';

/** How many deadlines one upkeep tick acts on; the rest wait for the next tick. */
const BATCH = 100;

/** An open chat as the presence sweep sees it. */
export interface OpenChatPresence {
  id: string;
  status: ChatStatus;
  departmentId: string;
  patronAwaySince: number | null;
}

/**
 * The stored deadlines that keep every patron in someone's hands: a patron's
 * return period (on the chat row) and the moment a vanished operator's chats
 * go back to the queue (on the account). Acting on a deadline is always a
 * conditional write, so with several server processes each fires once.
 */
export class LifecycleRepository {
  constructor(private readonly db: Kysely<DeskbellTables>) {}

  /** Open chats whose patron has been away past the return period: not yet declared gone, or back in the queue. */
  async listPatronsPastReturn(now: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('chats')
      .select('id')
      .where('patron_return_by', '<=', now)
      .where('status', '!=', 'ended')
      // An answered chat's patron is declared gone once; a chat back in the queue (handed back after that) ends.
      .where((eb) => eb.or([eb('patron_left_at', 'is', null), eb('status', '=', 'waiting')]))
      .orderBy('patron_return_by')
      .limit(BATCH)
      .execute();
    return rows.map((row) => row.id);
  }

  /** Open chats asked before `askedBefore`, for the sweep that finds patrons gone without a word (a restart). */
  async listOpenChats(askedBefore: number): Promise<OpenChatPresence[]> {
    const rows = await this.db
      .selectFrom('chats')
      .select(['id', 'status', 'department_id', 'patron_away_since'])
      .where('status', '!=', 'ended')
      .where('created_at', '<', askedBefore)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      status: row.status as ChatStatus,
      departmentId: row.department_id,
      patronAwaySince: row.patron_away_since,
    }));
  }

  /** The operator's last console went away: their chats return to the queue at `dueAt` unless one reconnects. */
  async setHandbackDue(accountId: string, dueAt: number): Promise<void> {
    await this.db
      .updateTable('accounts')
      .set({ handback_due_at: dueAt })
      .where('id', '=', accountId)
      .where('handback_due_at', 'is', null)
      .execute();
  }

  /** A console of the operator is connected: nothing is due. */
  async clearHandbackDue(accountId: string): Promise<void> {
    await this.db
      .updateTable('accounts')
      .set({ handback_due_at: null })
      .where('id', '=', accountId)
      .where('handback_due_at', 'is not', null)
      .execute();
  }

  async listHandbacksDue(now: number): Promise<Array<{ accountId: string; dueAt: number }>> {
    const rows = await this.db
      .selectFrom('accounts')
      .select(['id', 'handback_due_at'])
      .where('handback_due_at', '<=', now)
      .orderBy('handback_due_at')
      .limit(BATCH)
      .execute();
    return rows.map((row) => ({ accountId: row.id, dueAt: Number(row.handback_due_at) }));
  }

  /** Takes a due hand-back for this process: true for exactly one caller, however many processes ask. */
  async takeHandbackDue(accountId: string, dueAt: number): Promise<boolean> {
    const result = await this.db
      .updateTable('accounts')
      .set({ handback_due_at: null })
      .where('id', '=', accountId)
      .where('handback_due_at', '=', dueAt)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Operators who own an active chat and have no hand-back due (the sweep checks they are connected). */
  async listOwnersWithoutDeadline(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('chats')
      .innerJoin('accounts', 'accounts.id', 'chats.owner_id')
      .select('accounts.id')
      .distinct()
      .where('chats.status', '=', 'active')
      .where('accounts.handback_due_at', 'is', null)
      .execute();
    return rows.map((row) => row.id);
  }

  /** The active chats an operator owns, oldest first. */
  async listActiveChatsOwnedBy(accountId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('chats')
      .select('id')
      .where('owner_id', '=', accountId)
      .where('status', '=', 'active')
      .orderBy('created_at')
      .execute();
    return rows.map((row) => row.id);
  }
}
