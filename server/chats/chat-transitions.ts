import type { Kysely } from 'kysely';
import type { ChatDecision, ChatMachineState } from '../../src/domain/chat-state-machine';
import type { ChatEvent, ChatSummary } from '../../src/protocol/models';
import type { DeskbellTables } from '../storage/schema';
import type { Transition } from './chat-repository';
import { selectChatSummaries, toChatSummary } from './chat-rows';
import { loadTeamFacts, NO_TEAM, withTeam } from './chat-team-rows';
import { insertMessage } from './message-store';
import { recordChatEvent } from '../reports/chat-event-log';
import { recordChatEnd } from '../reports/chat-stats';
import { systemMessage } from './system-message';

/** A chat as the state machine sees it, with the sequence number it was read at. */
export interface LoadedChat {
  chat: ChatSummary;
  state: ChatMachineState;
}

/**
 * Stores what the state machine decided. The write is conditional on the
 * chat's `last_seq` being what it was when the chat was read: every change
 * and every message bumps it, so a concurrent writer (another operator,
 * another server, the patron) makes this write miss and the caller decides
 * again on fresh facts. The chat row, its participants, its pending transfer
 * and the system message change in one transaction.
 */
export class ChatTransitions {
  constructor(private readonly db: Kysely<DeskbellTables>) {}

  /** The chat and its machine state, from one read of its row and one of its team (participants, transfer). */
  async load(chatId: string): Promise<LoadedChat | undefined> {
    const row = await selectChatSummaries(this.db).where('chats.id', '=', chatId).executeTakeFirst();
    if (!row) return undefined;
    const team = (await loadTeamFacts(this.db, [chatId])).get(chatId) ?? NO_TEAM;
    const chat = withTeam(toChatSummary(row), team);
    return {
      chat,
      state: {
        status: chat.status,
        departmentId: chat.departmentId,
        backupDepartmentId: chat.backupDepartmentId ?? null,
        owner: chat.ownerId ? { id: chat.ownerId, name: chat.ownerName ?? '' } : null,
        participants: team.participants,
        transfer: team.transfer,
        patronAway:
          row.patron_away_since !== null
            ? {
                since: row.patron_away_since,
                returnBy: row.patron_return_by ?? row.patron_away_since,
                leftAt: row.patron_left_at,
              }
            : null,
        returnedBy: chat.returnedBy ?? null,
      },
    };
  }

  /** Writes the decision; undefined when the chat changed since it was loaded (decide again). */
  async apply(loaded: LoadedChat, decision: ChatDecision, now: number): Promise<Transition | undefined> {
    const { notice, next } = decision;
    if (!notice) return undefined;
    const before = loaded.state;
    const chatId = loaded.chat.id;
    const message = await this.db.transaction().execute(async (trx) => {
      const endedNow = next.status === 'ended' && before.status !== 'ended';
      const newOwner = next.owner && next.owner.id !== before.owner?.id;
      const row = await trx
        .updateTable('chats')
        .set((eb) => ({
          status: next.status,
          owner_id: next.owner?.id ?? null,
          department_id: next.departmentId,
          last_seq: eb('last_seq', '+', 1),
          patron_away_since: next.patronAway?.since ?? null,
          patron_return_by: next.patronAway?.returnBy ?? null,
          patron_left_at: next.patronAway?.leftAt ?? null,
          returned_by_id: next.returnedBy?.id ?? null,
          returned_by_name: next.returnedBy?.name ?? null,
          ...(newOwner ? { claimed_at: now } : {}),
          ...(endedNow ? { ended_at: now, ended_by: endedByOf(notice) } : {}),
        }))
        .where('id', '=', chatId)
        .where('last_seq', '=', loaded.chat.lastSeq)
        .returning('last_seq')
        .executeTakeFirst();
      if (!row) return undefined;

      const stays = new Set(next.participants.map((member) => member.id));
      for (const member of before.participants) {
        if (stays.has(member.id)) continue;
        await trx
          .updateTable('chat_participants')
          .set({ left_at: now })
          .where('chat_id', '=', chatId)
          .where('account_id', '=', member.id)
          .execute();
      }
      const had = new Set(before.participants.map((member) => member.id));
      for (const member of next.participants) {
        if (had.has(member.id)) continue;
        await trx
          .insertInto('chat_participants')
          .values({ chat_id: chatId, account_id: member.id, joined_at: now, left_at: null })
          .onConflict((oc) => oc.columns(['chat_id', 'account_id']).doUpdateSet({ joined_at: now, left_at: null }))
          .execute();
      }

      if (before.transfer !== next.transfer) {
        await trx.deleteFrom('chat_transfers').where('chat_id', '=', chatId).execute();
        if (next.transfer) {
          await trx
            .insertInto('chat_transfers')
            .values({
              chat_id: chatId,
              from_id: next.transfer.from.id,
              to_kind: next.transfer.to.kind,
              to_id: next.transfer.to.id,
              briefing: next.transfer.briefing,
              previous_department_id: next.transfer.previousDepartmentId,
              created_at: next.transfer.createdAt,
              expires_at: next.transfer.expiresAt,
            })
            .execute();
        }
      }

      const stored = await insertMessage(trx, systemMessage(chatId, notice.body, notice.event, now), row.last_seq);
      await recordChatEvent(trx, {
        at: now,
        kind: notice.event.type,
        chatId,
        departmentId: next.departmentId,
        actorId: actorOf(notice.event),
        detail: next.transfer && !before.transfer ? `${next.transfer.to.kind}:${next.transfer.to.id}` : null,
      });
      if (endedNow) await recordChatEnd(trx, chatId);
      return stored;
    });
    if (!message) return undefined;
    return { chat: await this.summaryAfter(loaded, decision, { lastSeq: message.seq, now }), message };
  }

  /**
   * The chat as it is after `decision` was written, built from what was read and what was written
   * rather than read again (tests/integration/transition-summary.test.ts compares the two). Only a
   * chat returning to a department it was not in asks for that department's name.
   */
  private async summaryAfter(
    loaded: LoadedChat,
    { next, notice }: ChatDecision,
    written: { lastSeq: number; now: number },
  ): Promise<ChatSummary> {
    const before = loaded.chat;
    const endedNow = next.status === 'ended' && before.status !== 'ended';
    const newOwner = next.owner !== null && next.owner.id !== before.ownerId;
    return withTeam(
      {
        ...before,
        status: next.status,
        departmentId: next.departmentId,
        departmentName: await this.departmentName(before, next),
        ownerId: next.owner?.id ?? null,
        ownerName: next.owner?.name ?? null,
        claimedAt: newOwner ? written.now : before.claimedAt,
        endedAt: endedNow ? written.now : before.endedAt,
        endedBy: endedNow ? endedByOf(notice) : before.endedBy,
        lastSeq: written.lastSeq,
        patronAwaySince: next.patronAway && next.patronAway.leftAt === null ? next.patronAway.since : null,
        patronLeftAt: next.patronAway?.leftAt ?? null,
        patronReturnBy: next.patronAway?.returnBy ?? null,
        returnedBy: next.returnedBy ?? null,
      },
      { participants: [...next.participants], transfer: next.transfer },
    );
  }

  private async departmentName(before: ChatSummary, next: ChatMachineState): Promise<string> {
    if (next.departmentId === before.departmentId) return before.departmentName;
    const to = next.transfer?.to;
    if (to?.kind === 'department' && to.id === next.departmentId) return to.name;
    const row = await this.db
      .selectFrom('departments')
      .select('name')
      .where('id', '=', next.departmentId)
      .executeTakeFirstOrThrow();
    return row.name;
  }

  /** Chats whose pending transfer expired by `now`: the upkeep returns them to their original operator. */
  async listExpiredTransfers(now: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('chat_transfers')
      .select('chat_id')
      .where('expires_at', '<=', now)
      .orderBy('expires_at')
      .limit(100)
      .execute();
    return rows.map((row) => row.chat_id);
  }
}

/** The staff member a line names as having acted (claimed, transferred, took over), if any. */
function actorOf(event: ChatEvent): string | null {
  if ('operator' in event) return event.operator.id;
  if ('by' in event && typeof event.by === 'object' && event.by !== null) return event.by.id;
  if ('from' in event && typeof event.from === 'object' && event.from !== null && 'id' in event.from)
    return event.from.id;
  return null;
}

/** Who ended a chat, as its row records it: the one the 'ended' line names, or the system. */
function endedByOf(notice: ChatDecision['notice']): NonNullable<ChatSummary['endedBy']> {
  return notice?.event.type === 'ended' ? notice.event.by : 'system';
}
