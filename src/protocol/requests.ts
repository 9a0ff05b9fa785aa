import { z } from 'zod';
import { LIMITS } from './limits';
import { idSchema, operatorStatusSchema } from './models';

/** Text a person typed: trimmed, never empty, never longer than the limit. */
const typedText = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === '' ? null : value))
    .nullish()
    .transform((value) => value ?? null);

// ---- /operator ----

export const syncRequestSchema = z.object({
  /** The newest sequence number this client holds, per chat it shows. */
  lastSeqByChat: z.record(idSchema, z.number().int().nonnegative()).default({}),
});
export type SyncRequest = z.input<typeof syncRequestSchema>;

export const setStatusRequestSchema = z.object({ status: operatorStatusSchema });
export type SetStatusRequest = z.infer<typeof setStatusRequestSchema>;

export const chatRefSchema = z.object({ chatId: idSchema });
export type ChatRef = z.infer<typeof chatRefSchema>;

export const operatorSendRequestSchema = z.object({
  chatId: idSchema,
  id: idSchema,
  body: typedText(LIMITS.messageMaxLength),
});
export type OperatorSendRequest = z.input<typeof operatorSendRequestSchema>;

export const saveAnalyticsRequestSchema = z.object({
  chatId: idSchema,
  questionTypeId: idSchema,
  timeSpentMinutes: z.number().int().min(0).max(LIMITS.timeSpentMaxMinutes),
  notes: z.string().trim().max(LIMITS.notesMaxLength).default(''),
  /** The READ scale's level (1 to 6), when the library uses it. */
  readLevel: z.number().int().min(1).max(6).nullable().default(null),
});
export type SaveAnalyticsRequest = z.input<typeof saveAnalyticsRequestSchema>;

export const endedChatsRequestSchema = z.object({
  /** Page backwards: only chats that ended before this time. */
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(100).default(30),
});
export type EndedChatsRequest = z.input<typeof endedChatsRequestSchema>;

export const transferRequestSchema = z.object({
  chatId: idSchema,
  to: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('operator'), id: idSchema }),
    z.object({ kind: z.literal('department'), id: idSchema }),
  ]),
  /** A note for whoever takes the chat; staff only, never shown to the patron. */
  briefing: optionalText(LIMITS.messageMaxLength),
});
export type TransferRequest = z.input<typeof transferRequestSchema>;

/** A supervisor or admin gives a chat to a colleague (who has it at once; no offer to accept). */
export const reassignRequestSchema = z.object({ chatId: idSchema, toOperatorId: idSchema });
export type ReassignRequest = z.infer<typeof reassignRequestSchema>;

/** "Is typing" on or off; the text itself is never sent before it is. */
export const operatorTypingRequestSchema = z.object({ chatId: idSchema, typing: z.boolean() });
export type OperatorTypingRequest = z.infer<typeof operatorTypingRequestSchema>;

export const staffOpenRequestSchema = z.object({ operatorId: idSchema });
export type StaffOpenRequest = z.infer<typeof staffOpenRequestSchema>;

export const staffSendRequestSchema = z.object({
  staffChatId: idSchema,
  id: idSchema,
  body: typedText(LIMITS.messageMaxLength),
});
export type StaffSendRequest = z.input<typeof staffSendRequestSchema>;

export const staffHistoryRequestSchema = z.object({
  staffChatId: idSchema,
  afterSeq: z.number().int().nonnegative().default(0),
});
export type StaffHistoryRequest = z.input<typeof staffHistoryRequestSchema>;

export const staffListRequestSchema = z.object({
  /** Supervisors and admins: every staff chat, not only their own. */
  all: z.boolean().default(false),
});
export type StaffListRequest = z.input<typeof staffListRequestSchema>;

const readSeq = z.number().int().nonnegative();

/** "I have read this chat up to here" (sent when it is on screen and the console visible and focused). */
export const chatReadRequestSchema = z.object({ chatId: idSchema, seq: readSeq });
export type ChatReadRequest = z.infer<typeof chatReadRequestSchema>;

export const staffReadRequestSchema = z.object({ staffChatId: idSchema, seq: readSeq });
export type StaffReadRequest = z.infer<typeof staffReadRequestSchema>;

export const cannedSaveRequestSchema = z.object({
  /** Present to change an existing one. */
  id: idSchema.optional(),
  /** Personal (yours) or shared by a department (admins only). */
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('personal') }),
    z.object({ kind: z.literal('department'), departmentId: idSchema }),
  ]),
  shortcut: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(32)
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only (it is typed after /)'),
  body: typedText(LIMITS.messageMaxLength),
});
export type CannedSaveRequest = z.input<typeof cannedSaveRequestSchema>;

export const cannedRefSchema = z.object({ id: idSchema });
export type CannedRef = z.infer<typeof cannedRefSchema>;

export const emptyRequestSchema = z.object({});

// ---- /patron ----

export const widgetConfigRequestSchema = z.object({ departmentId: idSchema });
export type WidgetConfigRequest = z.infer<typeof widgetConfigRequestSchema>;

export const startChatRequestSchema = z.object({
  departmentId: idSchema,
  question: typedText(LIMITS.questionMaxLength),
  name: optionalText(LIMITS.nameMaxLength),
  email: z
    .string()
    .trim()
    .max(LIMITS.emailMaxLength)
    .refine((value) => value === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value), 'is not an email address')
    .transform((value) => (value === '' ? null : value))
    .nullish()
    .transform((value) => value ?? null),
  extraFields: z
    .record(z.string().max(40), z.string().trim().max(LIMITS.extraFieldValueMaxLength))
    .refine((fields) => Object.keys(fields).length <= LIMITS.extraFieldsMax, 'too many fields')
    .default({}),
  /** The page the widget was opened on; the loader script passes it in. */
  pageUrl: optionalText(LIMITS.urlMaxLength),
  referrer: optionalText(LIMITS.urlMaxLength),
  /** The resume token of this browser's previous chat, so the operator sees the patron's earlier chats. */
  previousResumeToken: z.string().min(16).max(128).optional(),
});
export type StartChatRequest = z.input<typeof startChatRequestSchema>;

export const resumeChatRequestSchema = z.object({
  resumeToken: z.string().min(16).max(128),
  lastSeq: z.number().int().nonnegative().default(0),
});
export type ResumeChatRequest = z.input<typeof resumeChatRequestSchema>;

export const patronSendRequestSchema = z.object({
  id: idSchema,
  body: typedText(LIMITS.messageMaxLength),
});
export type PatronSendRequest = z.input<typeof patronSendRequestSchema>;

export const patronTypingRequestSchema = z.object({ typing: z.boolean() });
export type PatronTypingRequest = z.infer<typeof patronTypingRequestSchema>;

// ---- HTTP ----

export const loginRequestSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;
