import { z } from 'zod';
import {
  analyticsEntrySchema,
  cannedMessageSchema,
  chatSummarySchema,
  departmentSchema,
  messageSchema,
  operatorPresenceSchema,
  operatorProfileSchema,
  operatorStatusSchema,
  patronFieldSchema,
  patronHistoryEntrySchema,
  questionTypeSchema,
  staffChatSchema,
  staffMessageSchema,
  staffRefSchema,
} from '../protocol/models';
import type {
  ChatWithMessages,
  PatronPresenceNotice,
  StaffChatWithMessages,
  SyncResult,
  Transcript,
  TransferReturned,
  TypingNotice,
} from '../protocol/operator-contract';

/**
 * What the console checks in the server's answers before it shows them: the
 * receiving side parses every payload, whichever side that is.
 */
export const syncResultSchema = z.object({
  me: operatorProfileSchema,
  status: operatorStatusSchema,
  departments: z.array(departmentSchema),
  questionTypes: z.array(questionTypeSchema),
  patronFields: z.array(patronFieldSchema),
  chats: z.array(chatSummarySchema),
  missed: z.array(messageSchema),
  unsynced: z.array(z.string()).optional(),
  operators: z.array(operatorPresenceSchema).optional(),
}) satisfies z.ZodType<SyncResult>;

export const chatWithMessagesSchema = z.object({
  chat: chatSummarySchema,
  messages: z.array(messageSchema),
  patronHistory: z.array(patronHistoryEntrySchema).optional(),
}) satisfies z.ZodType<ChatWithMessages>;

export const transcriptSchema = chatWithMessagesSchema.extend({
  analytics: analyticsEntrySchema.nullable(),
}) satisfies z.ZodType<Transcript>;

export const statusResultSchema = z.object({ status: operatorStatusSchema });
export const chatResultSchema = z.object({ chat: chatSummarySchema });
export const messageResultSchema = z.object({ message: messageSchema });
export const analyticsResultSchema = z.object({ entry: analyticsEntrySchema });
export const endedChatsResultSchema = z.object({ chats: z.array(chatSummarySchema) });

/** The Operators list, and a staff chat with its messages. */
export const operatorsResultSchema = z.object({ operators: z.array(operatorPresenceSchema) });
export const staffChatWithMessagesSchema = z.object({
  staffChat: staffChatSchema,
  messages: z.array(staffMessageSchema),
}) satisfies z.ZodType<StaffChatWithMessages>;
export const staffMessageResultSchema = z.object({ message: staffMessageSchema });

/** `chat:transfer-offered`: the chat a colleague hands you (its `transfer` names who from, with the briefing). */
export const transferOfferSchema = z.object({ chat: chatSummarySchema });

/** `chat:transfer-returned`: the chat is yours again; `declinedBy` when the colleague said no. */
export const transferReturnedSchema = z.object({
  chat: chatSummarySchema,
  declinedBy: staffRefSchema.optional(),
}) satisfies z.ZodType<TransferReturned>;

/** `staff:list`: your staff chats, or (supervisors, with `all`) every one. */
export const staffChatsResultSchema = z.object({ staffChats: z.array(staffChatSchema) });

/** Typing on or off in a chat this operator follows; never the text. */
export const typingNoticeSchema = z.object({
  chatId: z.string().min(1),
  typing: z.boolean(),
  authorKind: z.enum(['patron', 'operator']),
  name: z.string(),
  operatorId: z.string().nullable(),
}) satisfies z.ZodType<TypingNotice>;

/** The patron's widget lost its connection, came back, or stayed away too long. */
export const patronPresenceNoticeSchema = z.object({
  chatId: z.string().min(1),
  state: z.enum(['away', 'back', 'left']),
  at: z.number().int(),
}) satisfies z.ZodType<PatronPresenceNotice>;

/** Canned messages: the list, one saved, one deleted. */
export const cannedListResultSchema = z.object({ canned: z.array(cannedMessageSchema) });
export const cannedResultSchema = z.object({ canned: cannedMessageSchema });
export const deletedResultSchema = z.object({ id: z.string().min(1) });
