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
});
export type PatronField = z.infer<typeof patronFieldSchema>;

export const operatorProfileSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  departmentIds: z.array(idSchema),
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
  endedBy: z.enum(['operator', 'patron', 'system']).nullable(),
  /** The sequence number of the chat's newest message. */
  lastSeq: z.number().int().nonnegative(),
  hasAnalytics: z.boolean(),
});
export type ChatSummary = z.infer<typeof chatSummarySchema>;

export const AUTHOR_KINDS = ['patron', 'operator', 'system'] as const;
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
});
export type PatronChatView = z.infer<typeof patronChatViewSchema>;
