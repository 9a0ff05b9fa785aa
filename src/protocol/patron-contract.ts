import { REPORT_PATRON_REQUESTS } from './reports';
import { DESK_PATRON_PUSHES, DESK_PATRON_REQUESTS } from './desk';
import { z } from 'zod';
import { departmentSchema, messageSchema, patronChatViewSchema, patronFieldSchema } from './models';
import {
  emptyRequestSchema,
  patronSendRequestSchema,
  patronTypingRequestSchema,
  resumeChatRequestSchema,
  startChatRequestSchema,
  widgetConfigRequestSchema,
} from './requests';
import { deskHoursNowSchema } from './service-hours';
import { widgetSettingsSchema, widgetTextsViewSchema } from './desk-settings';
import { SCREENSHARE_PATRON_REQUESTS, SCREENSHARE_PUSHES, screenshareSessionSchema } from './screenshare';
import type { ClientEventsOf, PushTable, RequestTable, ServerEventsOf } from './socket-contract';

/** The `/patron` namespace: the chat widget on the library's web site. */
export const PATRON_NAMESPACE = '/patron';

// ---- what the server answers and pushes ----

export const widgetConfigSchema = z.object({
  department: departmentSchema,
  /** True when at least one operator monitoring the department is Online. */
  online: z.boolean(),
  patronFields: z.array(patronFieldSchema),
  /** The department's hours of service now: closed, and when it opens next (absent from older servers). */
  hours: deskHoursNowSchema.optional(),
  /** The library's words for the widget (absent from older servers: the widget's own then). */
  texts: widgetTextsViewSchema.optional(),
});
export type WidgetConfig = z.infer<typeof widgetConfigSchema>;

export const patronChatStateSchema = z.object({
  chat: patronChatViewSchema,
  messages: z.array(messageSchema),
  /** While the chat waits: its place in the department's queue (1 is next); null once claimed or ended. */
  queuePosition: z.number().int().positive().nullable().optional(),
  /** The chat's screenshare that is not over (a request to answer, one in progress), if any. */
  screenshare: screenshareSessionSchema.nullable().optional(),
});
export type PatronChatState = z.infer<typeof patronChatStateSchema>;

/** Where a waiting chat stands in its queue: 1 is next; null once it is no longer waiting. */
export const queuePositionSchema = z.object({
  chatId: z.string().min(1),
  position: z.number().int().positive().nullable(),
});
export type QueuePosition = z.infer<typeof queuePositionSchema>;

/** A waiting chat's place in queue order: when the question was asked, then its id (the widget's own is its chat's). */
export const queueTicketSchema = z.object({ createdAt: z.number().int(), chatId: z.string().min(1) });
export type QueueTicket = z.infer<typeof queueTicketSchema>;

/**
 * A chat joined or left a department's queue, told once to every chat waiting
 * there: each widget whose ticket comes after it moves back or up by one.
 */
export const queueMoveSchema = z.object({
  departmentId: z.string().min(1),
  change: z.enum(['joined', 'left']),
  ticket: queueTicketSchema,
});
export type QueueMove = z.infer<typeof queueMoveSchema>;

/** The librarian is typing, or stopped (never the text); `name` is the operator's display name. */
export const patronTypingNoticeSchema = z.object({ chatId: z.string().min(1), typing: z.boolean(), name: z.string() });
export type PatronTypingNotice = z.infer<typeof patronTypingNoticeSchema>;

// ---- the contract ----

/** What the widget asks; each request is answered with an `Ack` of its `ack` data. */
export const PATRON_REQUESTS = {
  'widget:config': { request: widgetConfigRequestSchema, ack: widgetConfigSchema },
  'chat:start': {
    request: startChatRequestSchema,
    ack: patronChatStateSchema.extend({ resumeToken: z.string().min(1) }),
  },
  'chat:resume': { request: resumeChatRequestSchema, ack: patronChatStateSchema },
  'chat:send': { request: patronSendRequestSchema, ack: z.object({ message: messageSchema }) },
  /** The patron ends the chat from the widget. */
  'chat:leave': { request: emptyRequestSchema.prefault({}), ack: z.object({ chat: patronChatViewSchema }) },
  /** Typing on/off, relayed to the operators in the chat; never stored. */
  'chat:typing': { request: patronTypingRequestSchema, ack: z.object({ relayed: z.boolean() }) },
  /** Screen sharing: Join or No thanks, the screenshare window, signalling, End (src/protocol/screenshare.ts). */
  ...SCREENSHARE_PATRON_REQUESTS,
  /** Leave the question for a reply by email instead of waiting (offered after T3; src/protocol/desk.ts). */
  ...DESK_PATRON_REQUESTS,
  /** Rate the chat once it has ended (src/protocol/reports.ts). */
  ...REPORT_PATRON_REQUESTS,
} as const satisfies RequestTable;

/** What the server tells the widget unasked. */
export const PATRON_PUSHES = {
  'chat:message': messageSchema,
  /** The chat was claimed or ended. */
  'chat:status': patronChatViewSchema,
  /** The chat's own place, exactly (it just joined a queue by a transfer); one chat's room. */
  'queue:position': queuePositionSchema,
  /** Another chat joined or left the queue (one push to the department's waiting patrons). */
  'queue:moved': queueMoveSchema,
  'chat:typing': patronTypingNoticeSchema,
  /** An admin changed the widget's words or the pre-chat form's fields: every open widget shows them at once. */
  'widget:settings': widgetSettingsSchema,
  ...SCREENSHARE_PUSHES,
  ...DESK_PATRON_PUSHES,
} as const satisfies PushTable;

export type PatronRequests = typeof PATRON_REQUESTS;
export type PatronPushes = typeof PATRON_PUSHES;
export type PatronClientEvents = ClientEventsOf<PatronRequests>;
export type PatronServerEvents = ServerEventsOf<PatronPushes>;
