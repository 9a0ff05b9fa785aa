import type { Kysely } from 'kysely';
import type { OperatorStatus } from '../../src/protocol/models';
import type { DeskbellTables } from '../storage/schema';
import { LOGGED_EVENT_KINDS, recordChatEvent } from './chat-event-log';

/**
 * Operators' effective status over time, for the Reports page's "was the desk staffed" overlay: what
 * colleagues saw (the chosen status while connected, Offline once a lost connection's grace ran out).
 * A line is written only when the status differs from the account's last one, so reconnecting
 * windows and repeated choices add nothing.
 */
export class StatusLog {
  constructor(
    private readonly db: Kysely<DeskbellTables>,
    private readonly now: () => number = Date.now,
  ) {}

  async record(accountId: string, status: OperatorStatus): Promise<void> {
    const last = await this.db
      .selectFrom('chat_events')
      .select('detail')
      .where('actor_id', '=', accountId)
      .where('kind', '=', LOGGED_EVENT_KINDS.status)
      .orderBy('at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (last?.detail === status) return;
    await recordChatEvent(this.db, {
      at: this.now(),
      kind: LOGGED_EVENT_KINDS.status,
      actorId: accountId,
      detail: status,
    });
  }

  /** Best effort: a status line that cannot be written must not fail the status change itself. */
  note(accountId: string, status: OperatorStatus): void {
    this.record(accountId, status).catch(() => undefined);
  }
}
