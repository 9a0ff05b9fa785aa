import type { Kysely } from 'kysely';
import type { TransferFacts } from '../../src/domain/chat-state-machine';
import type { ChatSummary, StaffRef, TransferTarget } from '../../src/protocol/models';
import type { DeskbellTables } from '../storage/schema';

/**
 * The team side of a chat, read beside its row: who else is in it
 * (participants) and the pending transfer, if any. Kept in their own tables
 * so the chats row keeps only what every chat has.
 */
export interface ChatTeamFacts {
  participants: StaffRef[];
  transfer: TransferFacts | null;
}

/** Postgres and SQLite both take a few thousand parameters; chat lists are far smaller, but chunk anyway. */
const CHUNK = 500;

export async function loadTeamFacts(
  db: Kysely<DeskbellTables>,
  chatIds: readonly string[],
): Promise<Map<string, ChatTeamFacts>> {
  const facts = new Map<string, ChatTeamFacts>();
  for (const id of chatIds) facts.set(id, { participants: [], transfer: null });
  for (let start = 0; start < chatIds.length; start += CHUNK) {
    const ids = chatIds.slice(start, start + CHUNK);
    const [members, transfers] = await Promise.all([
      db
        .selectFrom('chat_participants')
        .innerJoin('accounts', 'accounts.id', 'chat_participants.account_id')
        .select(['chat_participants.chat_id', 'accounts.id', 'accounts.display_name'])
        .where('chat_participants.chat_id', 'in', ids)
        .where('chat_participants.left_at', 'is', null)
        .orderBy('chat_participants.joined_at')
        .orderBy('accounts.id')
        .execute(),
      db
        .selectFrom('chat_transfers')
        .innerJoin('accounts as sender', 'sender.id', 'chat_transfers.from_id')
        .leftJoin('accounts as colleague', 'colleague.id', 'chat_transfers.to_id')
        .leftJoin('departments', 'departments.id', 'chat_transfers.to_id')
        .selectAll('chat_transfers')
        .select([
          'sender.display_name as from_name',
          'colleague.display_name as colleague_name',
          'departments.name as department_name',
        ])
        .where('chat_transfers.chat_id', 'in', ids)
        .execute(),
    ]);
    for (const member of members) {
      facts.get(member.chat_id)?.participants.push({ id: member.id, name: member.display_name });
    }
    for (const row of transfers) {
      const entry = facts.get(row.chat_id);
      if (!entry) continue;
      const to: TransferTarget =
        row.to_kind === 'department'
          ? { kind: 'department', id: row.to_id, name: row.department_name ?? row.to_id }
          : { kind: 'operator', id: row.to_id, name: row.colleague_name ?? row.to_id };
      entry.transfer = {
        from: { id: row.from_id, name: row.from_name },
        to,
        briefing: row.briefing,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        previousDepartmentId: row.previous_department_id,
      };
    }
  }
  return facts;
}

/** Adds the participants and the pending transfer (without the server-only undo facts) to each summary. */
export async function withTeamFacts(db: Kysely<DeskbellTables>, chats: ChatSummary[]): Promise<ChatSummary[]> {
  if (chats.length === 0) return chats;
  const facts = await loadTeamFacts(
    db,
    chats.map((chat) => chat.id),
  );
  return chats.map((chat) => withTeam(chat, facts.get(chat.id) ?? NO_TEAM));
}

export const NO_TEAM: ChatTeamFacts = { participants: [], transfer: null };

/** One summary with its team facts, as clients see them (the transfer without the server-only undo facts). */
export function withTeam(chat: ChatSummary, team: ChatTeamFacts): ChatSummary {
  const { transfer } = team;
  return {
    ...chat,
    participants: team.participants,
    transfer: transfer
      ? {
          from: transfer.from,
          to: transfer.to,
          briefing: transfer.briefing,
          createdAt: transfer.createdAt,
          expiresAt: transfer.expiresAt,
        }
      : null,
  };
}
