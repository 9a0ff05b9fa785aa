import { type Kysely, type Selectable } from 'kysely';
import { z } from 'zod';
import {
  type ChatSummary,
  type Message,
  type PatronChatView,
  type ChatEvent,
  AUTHOR_KINDS,
  chatEventSchema,
  chatStatusSchema,
} from '../../src/protocol/models';
import type { DeskbellTables, MessagesTable } from '../storage/schema';

/**
 * How chat rows become the protocol's shapes. Stored text with a fixed set of
 * values (status, author kind) and JSON columns are parsed here, explicitly,
 * so a bad row shows up as a clear error instead of a malformed event.
 */

const extraFieldsSchema = z.record(z.string(), z.string());
const endedBySchema = z.enum(['operator', 'patron', 'system', 'missed']).nullable();
const authorKindSchema = z.enum(AUTHOR_KINDS);

/** The select every ChatSummary is built from: the chat with its department, owner and analytics flag. */
export function selectChatSummaries(db: Kysely<DeskbellTables>) {
  return db
    .selectFrom('chats')
    .innerJoin('departments', 'departments.id', 'chats.department_id')
    .leftJoin('accounts', 'accounts.id', 'chats.owner_id')
    .leftJoin('analytics', 'analytics.chat_id', 'chats.id')
    .selectAll('chats')
    .select([
      'departments.name as department_name',
      'accounts.display_name as owner_name',
      'analytics.chat_id as analytics_chat_id',
    ]);
}

export type ChatSummaryRow = Awaited<ReturnType<ReturnType<typeof selectChatSummaries>['executeTakeFirstOrThrow']>>;

export function parseExtraFields(text: string): Record<string, string> {
  try {
    return extraFieldsSchema.parse(JSON.parse(text));
  } catch {
    return {};
  }
}

export function toChatSummary(row: ChatSummaryRow): ChatSummary {
  return {
    id: row.id,
    departmentId: row.department_id,
    departmentName: row.department_name,
    status: chatStatusSchema.parse(row.status),
    question: row.question,
    patron: {
      name: row.patron_name,
      email: row.patron_email,
      ip: row.patron_ip,
      pageUrl: row.page_url,
      referrer: row.referrer,
      userAgent: row.user_agent,
      browser: row.browser,
      extraFields: parseExtraFields(row.extra_fields),
    },
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    createdAt: row.created_at,
    claimedAt: row.claimed_at,
    endedAt: row.ended_at,
    endedBy: endedBySchema.parse(row.ended_by),
    lastSeq: row.last_seq,
    hasAnalytics: row.analytics_chat_id !== null,
    // Declared gone is no longer "away": the console shows one or the other.
    patronAwaySince: row.patron_left_at === null ? row.patron_away_since : null,
    patronLeftAt: row.patron_left_at,
    patronReturnBy: row.patron_return_by,
    returnedBy: row.returned_by_id ? { id: row.returned_by_id, name: row.returned_by_name ?? '' } : null,
    escalationStep: row.escalation_step,
    backupDepartmentId: row.backup_department_id,
  };
}

/** What the patron may see of a chat: no staff-only details. */
export function toPatronView(chat: ChatSummary): PatronChatView {
  return {
    id: chat.id,
    departmentName: chat.departmentName,
    status: chat.status,
    question: chat.question,
    operatorName: chat.ownerName,
    createdAt: chat.createdAt,
    lastSeq: chat.lastSeq,
    followUpOffered: chat.status === 'waiting' && (chat.escalationStep ?? 0) >= 3,
  };
}

/** A stored event that does not parse (a newer server wrote it?) is dropped; the text still tells the story. */
function parseEvent(text: string | null | undefined): ChatEvent | undefined {
  if (!text) return undefined;
  try {
    const parsed = chatEventSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function toMessage(row: Selectable<MessagesTable>): Message {
  const event = parseEvent(row.event);
  return {
    id: row.id,
    chatId: row.chat_id,
    seq: row.seq,
    authorKind: authorKindSchema.parse(row.author_kind),
    authorId: row.author_id,
    authorName: row.author_name,
    body: row.body,
    createdAt: row.created_at,
    // Left out (not null) when absent, so plain messages look as they always did.
    ...(event ? { event } : {}),
  };
}
