import { z } from 'zod';
import { LIMITS } from './limits';

/** Staff statuses, as the library's practice names them. */
export const OPERATOR_STATUSES = ['online', 'internal', 'away', 'offline'] as const;
export const operatorStatusSchema = z.enum(OPERATOR_STATUSES);
export type OperatorStatus = z.infer<typeof operatorStatusSchema>;

export const ROLES = ['operator', 'supervisor', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const CHAT_STATUSES = ['waiting', 'active', 'ended'] as const;
export const chatStatusSchema = z.enum(CHAT_STATUSES);
export type ChatStatus = z.infer<typeof chatStatusSchema>;

/** Ids are opaque text: uuids made by the server, or client-made uuids for messages. */
export const idSchema = z.string().min(1).max(64);
export type Id = z.infer<typeof idSchema>;

export const departmentSchema = z.object({
  id: idSchema,
  name: z.string(),
});
export type Department = z.infer<typeof departmentSchema>;

export const questionTypeSchema = z.object({
  id: idSchema,
  label: z.string(),
  /** How reference statistics count it (NISO Z39.7): a reference question or a directional one. */
  countsAs: z.enum(['reference', 'directional']).default('reference'),
});
export type QuestionType = z.infer<typeof questionTypeSchema>;

/** A field the library adds to the widget's pre-chat form (e.g. "Library card number"). */
export const patronFieldSchema = z.object({
  key: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[a-z][a-z0-9_]*$/, 'field keys are lower-case letters, digits and _'),
  label: z.string().min(1).max(80),
  /** The patron must fill it in before the chat starts (the widget asks, the server checks); absent: optional. */
  required: z.boolean().optional(),
});
export type PatronField = z.infer<typeof patronFieldSchema>;

export const operatorProfileSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  departmentIds: z.array(idSchema),
  /** A temporary password (new account, reset): the console asks for a new one before anything else. */
  mustChangePassword: z.boolean().optional(),
});
export type OperatorProfile = z.infer<typeof operatorProfileSchema>;

/** What the operator sees of the patron: the "patron info" tab. */
export const patronInfoSchema = z.object({
  name: z.string().nullable(),
  email: z.string().nullable(),
  ip: z.string().nullable(),
  /** The page the widget was opened on. */
  pageUrl: z.string().nullable(),
  /** Where the patron came to that page from, when the browser says. */
  referrer: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** A short readable browser name derived from the user agent, e.g. "Chrome 120 on Windows". */
  browser: z.string().nullable(),
  extraFields: z.record(z.string(), z.string()),
});
export type PatronInfo = z.infer<typeof patronInfoSchema>;

/** Someone on the staff, as chats and transfers name them. */
export const staffRefSchema = z.object({ id: idSchema, name: z.string() });
export type StaffRef = z.infer<typeof staffRefSchema>;

/** Where a transfer goes: a colleague, or a department's queue. */
export const transferTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('operator'), id: idSchema, name: z.string() }),
  z.object({ kind: z.literal('department'), id: idSchema, name: z.string() }),
]);
export type TransferTarget = z.infer<typeof transferTargetSchema>;

/** A transfer waiting to be accepted (colleague) or claimed (department). Staff only: the briefing is never shown to the patron. */
export const pendingTransferSchema = z.object({
  from: staffRefSchema,
  to: transferTargetSchema,
  briefing: z.string().nullable(),
  createdAt: z.number().int(),
  /** Nobody accepted by then: the chat returns to `from`. */
  expiresAt: z.number().int(),
});
export type PendingTransfer = z.infer<typeof pendingTransferSchema>;

export const chatSummarySchema = z.object({
  id: idSchema,
  departmentId: idSchema,
  departmentName: z.string(),
  status: chatStatusSchema,
  question: z.string(),
  patron: patronInfoSchema,
  ownerId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  createdAt: z.number().int(),
  claimedAt: z.number().int().nullable(),
  endedAt: z.number().int().nullable(),
  /** `missed`: nobody answered before the patron left (the analytics count it as missed). */
  endedBy: z.enum(['operator', 'patron', 'system', 'missed']).nullable(),
  /** The sequence number of the chat's newest message. */
  lastSeq: z.number().int().nonnegative(),
  hasAnalytics: z.boolean(),
  /** Operators in the chat beside its owner (a group chat after a transfer). */
  participants: z.array(staffRefSchema).optional(),
  /** A transfer waiting to be accepted; a waiting chat with one is "marked as a transfer". */
  transfer: pendingTransferSchema.nullable().optional(),
  /** When the patron's widget lost its connection and has not come back; null while connected. */
  patronAwaySince: z.number().int().nullable().optional(),
  /** When the patron was declared gone (away past the return period) and has not come back; null otherwise. */
  patronLeftAt: z.number().int().nullable().optional(),
  /** While the patron is away: when the chat stops waiting for them (a waiting chat then ends unanswered). */
  patronReturnBy: z.number().int().nullable().optional(),
  /** A waiting chat its operator handed back to the queue ("Returned by Alice"); null once claimed. */
  returnedBy: staffRefSchema.nullable().optional(),
  /** The rung of its department's escalation ladder a waiting chat has climbed (0: none; 1..3: past T1..T3). */
  escalationStep: z.number().int().min(0).max(3).optional(),
  /** The backup department that sees this waiting chat too, since it passed T2. */
  backupDepartmentId: idSchema.nullable().optional(),
});
export type ChatSummary = z.infer<typeof chatSummarySchema>;

export const AUTHOR_KINDS = ['patron', 'operator', 'system'] as const;

/** Whose screen a screenshare shows: the host's (the operator who asked) or the guest's (patron or colleague). */
export const SCREENSHARE_DIRECTIONS = ['host-shares', 'guest-shares'] as const;
export const screenshareDirectionSchema = z.enum(SCREENSHARE_DIRECTIONS);
export type ScreenshareDirection = z.infer<typeof screenshareDirectionSchema>;

/** The steps of a screenshare that are lines of the chat and of its transcript. */
export const SCREENSHARE_STEPS = [
  'requested',
  'joined',
  'declined',
  'expired',
  'cancelled',
  'started',
  'stopped',
  'ended',
] as const;

/** A screenshare step, in a patron chat's system line or a staff chat's line. */
export const screenshareEventSchema = z.object({
  type: z.literal('screenshare'),
  sessionId: idSchema,
  step: z.enum(SCREENSHARE_STEPS),
  direction: screenshareDirectionSchema,
  /** Who did it (asked, joined, shared, hung up); null when the desk did (expired, connection lost). */
  by: z.string().nullable(),
  /** `ended`: how long the session was connected (0 when it never started). */
  durationMs: z.number().int().nonnegative().nullable(),
});
export type ScreenshareEvent = z.infer<typeof screenshareEventSchema>;

/**
 * What a system message records, for clients that show more than its text.
 * Seen by the patron too, so nothing staff-only (no briefing) goes in here.
 */
export const chatEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('claimed'), operator: staffRefSchema }),
  /** `missed`: the patron left before anyone answered and did not come back in time. */
  z.object({ type: z.literal('ended'), by: z.enum(['operator', 'patron', 'system', 'missed']) }),
  z.object({ type: z.literal('transfer-requested'), from: staffRefSchema, to: transferTargetSchema }),
  z.object({ type: z.literal('transfer-accepted'), from: staffRefSchema, to: staffRefSchema }),
  z.object({ type: z.literal('transfer-returned'), to: staffRefSchema }),
  z.object({ type: z.literal('transfer-declined'), by: staffRefSchema, to: staffRefSchema }),
  z.object({ type: z.literal('joined'), operator: staffRefSchema }),
  z.object({ type: z.literal('left'), operator: staffRefSchema }),
  z.object({ type: z.literal('patron-left') }),
  /** The patron's widget stayed disconnected (a waiting chat leaves the queue, keeping its place). */
  z.object({ type: z.literal('patron-away') }),
  z.object({ type: z.literal('patron-back') }),
  /** The owner handed the chat back to its department's queue (leaving, or their console vanished). */
  z.object({
    type: z.literal('handed-back'),
    operator: staffRefSchema,
    why: z.enum(['leaving', 'connection-lost']),
  }),
  /** A supervisor or admin (`by`) gave the chat to `to`; `from` had it (null: it was waiting). */
  z.object({ type: z.literal('reassigned'), by: staffRefSchema, from: staffRefSchema.nullable(), to: staffRefSchema }),
  /** A supervisor or admin (`by`) took the chat themselves; `from` had it (null: it was waiting). */
  z.object({ type: z.literal('taken-over'), by: staffRefSchema, from: staffRefSchema.nullable() }),
  screenshareEventSchema,
]);
export type ChatEvent = z.infer<typeof chatEventSchema>;
export const messageSchema = z.object({
  /** Client-generated id; a retried send with the same id is stored once. */
  id: idSchema,
  chatId: idSchema,
  /** Per-chat sequence number given by the server, 1, 2, 3, ... */
  seq: z.number().int().positive(),
  authorKind: z.enum(AUTHOR_KINDS),
  authorId: idSchema.nullable(),
  authorName: z.string(),
  body: z.string(),
  createdAt: z.number().int(),
  /** System messages: the structured event the text describes. */
  event: chatEventSchema.optional(),
});
export type Message = z.infer<typeof messageSchema>;

export const analyticsEntrySchema = z.object({
  chatId: idSchema,
  questionTypeId: idSchema,
  questionTypeLabel: z.string(),
  timeSpentMinutes: z.number().int().min(0).max(LIMITS.timeSpentMaxMinutes),
  notes: z.string(),
  operatorId: idSchema,
  operatorName: z.string(),
  savedAt: z.number().int(),
  /** The READ scale's level (1 to 6), when the library uses it. */
  readLevel: z.number().int().min(1).max(6).nullable().default(null),
});
export type AnalyticsEntry = z.infer<typeof analyticsEntrySchema>;

/** What the patron sees of their own chat: no staff-only details. */
export const patronChatViewSchema = z.object({
  id: idSchema,
  departmentName: z.string(),
  status: chatStatusSchema,
  question: z.string(),
  operatorName: z.string().nullable(),
  createdAt: z.number().int(),
  lastSeq: z.number().int().nonnegative(),
  /** Nobody has claimed it for long (past T3): the widget offers to leave the question for a reply by email. */
  followUpOffered: z.boolean().optional(),
});
export type PatronChatView = z.infer<typeof patronChatViewSchema>;

/** An operator on the Operators list: the server's view of their presence. */
export const operatorPresenceSchema = z.object({
  id: idSchema,
  displayName: z.string(),
  role: roleSchema,
  /** Offline once the connection has been gone longer than the grace period. */
  status: operatorStatusSchema,
  /** False while no window of theirs is connected (during the grace period the status is kept). */
  connected: z.boolean(),
  departmentIds: z.array(idSchema),
});
export type OperatorPresence = z.infer<typeof operatorPresenceSchema>;

/** An earlier chat of the same patron (same email, or the same browser's resume token). */
export const patronHistoryEntrySchema = z.object({
  chatId: idSchema,
  departmentName: z.string(),
  question: z.string(),
  status: chatStatusSchema,
  ownerName: z.string().nullable(),
  createdAt: z.number().int(),
  endedAt: z.number().int().nullable(),
  /** How it was recognised. */
  match: z.enum(['email', 'browser']),
});
export type PatronHistoryEntry = z.infer<typeof patronHistoryEntrySchema>;

/** A staff-to-staff chat between two colleagues; archived, readable by both and by supervisors. */
export const staffChatSchema = z.object({
  id: idSchema,
  members: z.array(staffRefSchema),
  createdAt: z.number().int(),
  lastSeq: z.number().int().nonnegative(),
  lastMessageAt: z.number().int().nullable(),
});
export type StaffChat = z.infer<typeof staffChatSchema>;

export const staffMessageSchema = z.object({
  /** Client-generated id; a retried send with the same id is stored once. */
  id: idSchema,
  staffChatId: idSchema,
  seq: z.number().int().positive(),
  authorId: idSchema,
  authorName: z.string(),
  body: z.string(),
  createdAt: z.number().int(),
  /** A screenshare step (the author is who did it). */
  event: screenshareEventSchema.optional(),
});
export type StaffMessage = z.infer<typeof staffMessageSchema>;

/**
 * How far an account has read a patron chat (`chat`) or a staff chat (`staff`):
 * the newest sequence number read. Kept by the server per account, so unread
 * counts survive a reload and reach the account's other windows.
 */
export const readMarkSchema = z.object({
  kind: z.enum(['chat', 'staff']),
  id: idSchema,
  seq: z.number().int().nonnegative(),
});
export type ReadMark = z.infer<typeof readMarkSchema>;

export const CANNED_SCOPES = ['personal', 'department'] as const;

/** A saved answer: personal (its owner's), or shared by a department (managed by admins). */
export const cannedMessageSchema = z.object({
  id: idSchema,
  scope: z.enum(CANNED_SCOPES),
  /** The owner of a personal one; null for shared ones. */
  ownerId: idSchema.nullable(),
  /** The department of a shared one; null for personal ones. */
  departmentId: idSchema.nullable(),
  /** Typed after `/` in the message box, e.g. `hours`. */
  shortcut: z.string(),
  body: z.string(),
  updatedAt: z.number().int(),
});
export type CannedMessage = z.infer<typeof cannedMessageSchema>;
