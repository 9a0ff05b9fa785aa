import type { Kysely } from 'kysely';
import { newId } from '../storage/ids';
import type { DeskbellTables } from '../storage/schema';

/**
 * The one append-only log the Reports page counts from. Every row is written in the transaction of the
 * change it describes (a chat queued, claimed, transferred, ended, rated; a screenshare started or
 * ended; an operator's status), so the log and the chats never disagree. A chat's transitions log the
 * type of the line they write ('claimed', 'transfer-requested', 'ended', ...), the rest their own kinds.
 */
export const LOGGED_EVENT_KINDS = {
  queued: 'queued',
  /** Written when the chat ends, at the time of the first staff message (the send path stays two statements). */
  firstReply: 'first-reply',
  rated: 'rated',
  analyticsSaved: 'analytics-saved',
  screenshareStarted: 'screenshare-started',
  screenshareEnded: 'screenshare-ended',
  /** An operator's effective status: `detail` is 'online', 'away' or 'offline'. */
  status: 'status',
} as const;

export interface NewChatEvent {
  at: number;
  kind: string;
  chatId?: string | null;
  departmentId?: string | null;
  actorId?: string | null;
  value?: number | null;
  detail?: string | null;
}

export async function recordChatEvent(db: Kysely<DeskbellTables>, event: NewChatEvent): Promise<void> {
  await db
    .insertInto('chat_events')
    .values({
      id: newId(),
      at: event.at,
      kind: event.kind,
      chat_id: event.chatId ?? null,
      department_id: event.departmentId ?? null,
      actor_id: event.actorId ?? null,
      value: event.value ?? null,
      detail: event.detail ?? null,
    })
    .execute();
}
