import { REPORT_OPERATOR_REQUESTS } from './reports';
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
  readMarkSchema,
  staffChatSchema,
  staffMessageSchema,
  staffRefSchema,
} from './models';
import {
  cannedRefSchema,
  cannedSaveRequestSchema,
  chatReadRequestSchema,
  chatRefSchema,
  emptyRequestSchema,
  endedChatsRequestSchema,
  operatorSendRequestSchema,
  operatorTypingRequestSchema,
  reassignRequestSchema,
  saveAnalyticsRequestSchema,
  setStatusRequestSchema,
  staffHistoryRequestSchema,
  staffListRequestSchema,
  staffOpenRequestSchema,
  staffReadRequestSchema,
  staffSendRequestSchema,
  syncRequestSchema,
  transferRequestSchema,
} from './requests';
import { DESK_OPERATOR_PUSHES, DESK_OPERATOR_REQUESTS } from './desk';
import { SCREENSHARE_OPERATOR_REQUESTS, SCREENSHARE_PUSHES, screenshareSessionSchema } from './screenshare';
import type { ClientEventsOf, PushTable, RequestTable, ServerEventsOf } from './socket-contract';
import { consoleDeskSettingsSchema } from './desk-settings';

/** The `/operator` namespace: staff consoles (browser or desktop). */
export const OPERATOR_NAMESPACE = '/operator';

// ---- what the server answers and pushes ----

export const syncResultSchema = z.object({
  me: operatorProfileSchema,
  status: operatorStatusSchema,
  departments: z.array(departmentSchema),
  questionTypes: z.array(questionTypeSchema),
  patronFields: z.array(patronFieldSchema),
  /** The analytics entry asks for the READ scale's level (an admin's desk setting). */
  readScale: z.boolean().optional(),
  /** Waiting and active chats this operator may see, and their own ended chats still missing analytics. */
  chats: z.array(chatSummarySchema),
  /** Messages after the client's last sequence number, for every chat it listed or owns. */
  missed: z.array(messageSchema),
  /**
   * Chats the client listed that this sync did not catch up: gone, no longer
   * visible to this account, or past LIMITS.syncedChatsMax. The client forgets
   * their messages and loads them afresh if it opens them again.
   */
  unsynced: z.array(z.string()).optional(),
  /** The Operators list: every staff account with the server's view of its presence. */
  operators: z.array(operatorPresenceSchema).optional(),
  /** This account's read marks: of the chats listed here, and of its staff chats. */
  readMarks: z.array(readMarkSchema).optional(),
  /** Screenshares this account is a party of that are not over (a request to answer, one waiting for Launch). */
  screenshares: z.array(screenshareSessionSchema).optional(),
});
export type SyncResult = z.infer<typeof syncResultSchema>;

export const chatWithMessagesSchema = z.object({
  chat: chatSummarySchema,
  messages: z.array(messageSchema),
  /** The same patron's earlier chats (same email or same browser), newest first; in preview and transcript. */
  patronHistory: z.array(patronHistoryEntrySchema).optional(),
});
export type ChatWithMessages = z.infer<typeof chatWithMessagesSchema>;

export const transcriptSchema = chatWithMessagesSchema.extend({
  analytics: analyticsEntrySchema.nullable(),
  /** The patron's answer to "How helpful was this chat?": staff-only. */
  rating: z
    .object({ rating: z.number().int().min(1).max(5), comment: z.string().nullable(), ratedAt: z.number().int() })
    .nullable()
    .optional(),
});
export type Transcript = z.infer<typeof transcriptSchema>;

export const staffChatWithMessagesSchema = z.object({
  staffChat: staffChatSchema,
  messages: z.array(staffMessageSchema),
});
export type StaffChatWithMessages = z.infer<typeof staffChatWithMessagesSchema>;

/** Someone is typing in a chat (never what they type). */
export const typingNoticeSchema = z.object({
  chatId: z.string().min(1),
  typing: z.boolean(),
  authorKind: z.enum(['patron', 'operator']),
  /** The operator's display name, or the patron's name (or "Patron"). */
  name: z.string(),
  /** The operator's id; null for the patron. */
  operatorId: z.string().nullable(),
});
export type TypingNotice = z.infer<typeof typingNoticeSchema>;

/** A colleague offers you a chat: the chat (its `transfer` has who from and the briefing). */
export const transferOfferSchema = z.object({ chat: chatSummarySchema });
export type TransferOffer = z.infer<typeof transferOfferSchema>;

/** Your transfer came back: nobody accepted it in time, or the colleague declined it (`declinedBy`). */
export const transferReturnedSchema = z.object({ chat: chatSummarySchema, declinedBy: staffRefSchema.optional() });
export type TransferReturned = z.infer<typeof transferReturnedSchema>;

/** The patron's widget lost its connection ('away'), came back ('back'), or stayed away too long ('left'). */
export const patronPresenceNoticeSchema = z.object({
  chatId: z.string().min(1),
  state: z.enum(['away', 'back', 'left']),
  at: z.number().int(),
});
export type PatronPresenceNotice = z.infer<typeof patronPresenceNoticeSchema>;

const chatResult = z.object({ chat: chatSummarySchema });

// ---- the contract ----

/** What a console asks; each request is answered with an `Ack` of its `ack` data. */
export const OPERATOR_REQUESTS = {
  'console:sync': { request: syncRequestSchema.prefault({}), ack: syncResultSchema },
  'status:set': { request: setStatusRequestSchema, ack: z.object({ status: operatorStatusSchema }) },
  /** Loads a chat and its messages without claiming it ("click the patron's name"). */
  'chat:preview': { request: chatRefSchema, ack: chatWithMessagesSchema },
  'chat:claim': { request: chatRefSchema, ack: chatWithMessagesSchema },
  'chat:send': { request: operatorSendRequestSchema, ack: z.object({ message: messageSchema }) },
  'chat:end': { request: chatRefSchema, ack: chatResult },
  'chat:save-analytics': { request: saveAnalyticsRequestSchema, ack: z.object({ entry: analyticsEntrySchema }) },
  'chat:transcript': { request: chatRefSchema, ack: transcriptSchema },
  'chats:ended': {
    request: endedChatsRequestSchema.prefault({}),
    ack: z.object({ chats: z.array(chatSummarySchema) }),
  },
  /** Transfer to a colleague (pending until they accept) or to a department's queue. */
  'chat:transfer': { request: transferRequestSchema, ack: chatResult },
  /** The colleague a chat was transferred to takes it (department transfers are taken with chat:claim too). */
  'chat:accept-transfer': { request: chatRefSchema, ack: chatWithMessagesSchema },
  /** The colleague a chat was transferred to says no: it stays with the operator who offered it. */
  'chat:decline-transfer': { request: chatRefSchema, ack: chatResult },
  /** A participant (not the owner) leaves a group chat. */
  'chat:leave': { request: chatRefSchema, ack: chatResult },
  /** Typing on/off, relayed to the patron and the other operators in the chat; never stored. */
  'chat:typing': { request: operatorTypingRequestSchema, ack: z.object({ relayed: z.boolean() }) },
  /**
   * Before logging out or going Offline: every active chat this operator owns goes back to its
   * department's queue, marked as returned by them; the answer lists them as they are now.
   */
  'chats:hand-back': {
    request: emptyRequestSchema.prefault({}),
    ack: z.object({ chats: z.array(chatSummarySchema) }),
  },
  /** A supervisor or admin gives a waiting or active chat to a colleague who can take it; the previous owner leaves it. */
  'chat:reassign': { request: reassignRequestSchema, ack: chatResult },
  /** A supervisor or admin takes a waiting or active chat themselves, with its whole history. */
  'chat:take-over': { request: chatRefSchema, ack: chatWithMessagesSchema },
  /** The Operators list, now. */
  'operators:list': {
    request: emptyRequestSchema.prefault({}),
    ack: z.object({ operators: z.array(operatorPresenceSchema) }),
  },
  /** The staff chat with a colleague (made on first use) and its whole history. */
  'staff:open': { request: staffOpenRequestSchema, ack: staffChatWithMessagesSchema },
  'staff:send': { request: staffSendRequestSchema, ack: z.object({ message: staffMessageSchema }) },
  /** Your staff chats; with `all`, every staff chat (supervisors and admins). */
  'staff:list': {
    request: staffListRequestSchema.prefault({}),
    ack: z.object({ staffChats: z.array(staffChatSchema) }),
  },
  /** A staff chat's messages after a sequence number: its two members, supervisors and admins. */
  'staff:history': { request: staffHistoryRequestSchema, ack: staffChatWithMessagesSchema },
  /** Your personal canned messages and the shared ones of the departments you see. */
  'canned:list': { request: emptyRequestSchema.prefault({}), ack: z.object({ canned: z.array(cannedMessageSchema) }) },
  'canned:save': { request: cannedSaveRequestSchema, ack: z.object({ canned: cannedMessageSchema }) },
  'canned:delete': { request: cannedRefSchema, ack: z.object({ id: z.string().min(1) }) },
  /** Read up to `seq` (a chat you may see); answers the stored mark, which never goes back. */
  'chat:read': { request: chatReadRequestSchema, ack: readMarkSchema },
  /** Read a staff chat of yours up to `seq`; the same rule. */
  'staff:read': { request: staffReadRequestSchema, ack: readMarkSchema },
  /** Screen sharing: Request Screenshare, Launch, signalling, Stop Share, End (src/protocol/screenshare.ts). */
  ...SCREENSHARE_OPERATOR_REQUESTS,
  /** The supervisor's Desk view: overview, whisper, watch, a colleague's status, follow-ups (src/protocol/desk.ts). */
  ...DESK_OPERATOR_REQUESTS,
  /** The Transcripts tab's search (src/protocol/reports.ts). */
  ...REPORT_OPERATOR_REQUESTS,
} as const satisfies RequestTable;

/** What the server tells a console unasked. */
export const OPERATOR_PUSHES = {
  /** A patron started a chat in a department this operator monitors. */
  'chat:new': chatSummarySchema,
  /** A chat changed: claimed (by whom), ended, analytics saved. */
  'chat:updated': chatSummarySchema,
  'chat:message': messageSchema,
  /** This account's status changed (from another window, or by the server). */
  'status:changed': z.object({ status: operatorStatusSchema }),
  /** A colleague's presence changed (status, connection, or Offline after the grace period). */
  'operators:presence': operatorPresenceSchema,
  /** A colleague transferred a chat to you: accept it with chat:accept-transfer. */
  'chat:transfer-offered': transferOfferSchema,
  /** Nobody accepted your transfer in time, or the colleague declined it: the chat is yours again. */
  'chat:transfer-returned': transferReturnedSchema,
  /** A supervisor gave you a chat: it is yours now, with its whole history (it belongs under My chats). */
  'chat:assigned': chatWithMessagesSchema,
  /** Someone in a chat you follow is typing, or stopped. */
  'chat:typing': typingNoticeSchema,
  /** The patron of a chat you follow lost their connection, came back, or left. */
  'chat:patron-presence': patronPresenceNoticeSchema,
  /** A message in one of your staff chats (or any, for supervisors who opened it). */
  'staff:message': staffMessageSchema,
  /** Another window of this account read a chat or staff chat further. */
  'reads:marked': readMarkSchema,
  /**
   * An admin changed the Question Types or the patron fields: the lists console:sync gave, as
   * they now are (a console open all day has the new ones in its next analytics entry).
   */
  'desk:settings': consoleDeskSettingsSchema,
  ...SCREENSHARE_PUSHES,
  ...DESK_OPERATOR_PUSHES,
} as const satisfies PushTable;

export type OperatorRequests = typeof OPERATOR_REQUESTS;
export type OperatorPushes = typeof OPERATOR_PUSHES;
export type OperatorClientEvents = ClientEventsOf<OperatorRequests>;
export type OperatorServerEvents = ServerEventsOf<OperatorPushes>;
