import { z } from 'zod';
import { chatRefSchema, emptyRequestSchema } from './requests';
import { escalationLadderSchema, escalationStepSchema } from './escalation';
import { LIMITS } from './limits';
import { chatSummarySchema, idSchema, messageSchema, operatorPresenceSchema, operatorStatusSchema } from './models';
import { deskHoursNowSchema } from './service-hours';
import type { PushTable, RequestTable } from './socket-contract';

/**
 * The supervisor's live desk: the Desk view's overview of every department
 * (hours, who covers it, the dark-desk alarm), staff-only notes of a chat
 * (a supervisor's whisper, watching, a colleague's status set), the
 * escalation of waiting chats and the follow-ups patrons left instead of
 * waiting. Spread into the operator and patron contracts.
 */

export const STAFF_NOTE_KINDS = ['whisper', 'watching', 'status-set', 'follow-up'] as const;

/** A staff-only line of a patron chat: never sent to the patron's side, shown in the staff transcript. */
export const staffNoteSchema = z.object({
  id: idSchema,
  chatId: idSchema,
  at: z.number().int(),
  authorId: idSchema.nullable(),
  authorName: z.string(),
  kind: z.enum(STAFF_NOTE_KINDS),
  body: z.string(),
});
export type StaffNote = z.infer<typeof staffNoteSchema>;

/** Whether a department is covered now, as the dark-desk watch last decided. */
export const COVERAGE_STATES = ['covered', 'dark', 'alarm', 'closed'] as const;

export const deskDepartmentSchema = z.object({
  id: idSchema,
  name: z.string(),
  hours: deskHoursNowSchema,
  coverage: z.enum(COVERAGE_STATES),
  /** Nobody Online for it since then (in hours); null when covered or closed. */
  darkSince: z.number().int().nullable(),
  /** Someone is Online for it outside its hours (a forgotten Online at closing time). */
  onlineOutsideHours: z.boolean(),
  ladder: escalationLadderSchema,
});
export type DeskDepartment = z.infer<typeof deskDepartmentSchema>;

export const followUpSchema = z.object({
  id: idSchema,
  chatId: idSchema,
  departmentId: idSchema,
  departmentName: z.string(),
  patronName: z.string().nullable(),
  email: z.string(),
  question: z.string(),
  createdAt: z.number().int(),
  answeredAt: z.number().int().nullable(),
  answeredByName: z.string().nullable(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

export const deskOverviewSchema = z.object({
  departments: z.array(deskDepartmentSchema),
  /** Follow-ups nobody has answered yet, oldest first. */
  followUps: z.array(followUpSchema),
  /** How long a department may stay dark in its hours before the alarm. */
  darkDeskMs: z.number().int().positive(),
});
export type DeskOverview = z.infer<typeof deskOverviewSchema>;

export const whisperRequestSchema = z.object({
  chatId: idSchema,
  body: z.string().trim().min(1, 'is empty').max(LIMITS.messageMaxLength),
});
export const setColleagueStatusRequestSchema = z.object({ operatorId: idSchema, status: operatorStatusSchema });
export const followUpRefSchema = z.object({ followUpId: idSchema });

/** A waiting chat climbed a rung of its department's ladder (1: T1, 2: T2, 3: T3). */
export const chatEscalatedSchema = z.object({ chat: chatSummarySchema, step: escalationStepSchema });
export type ChatEscalated = z.infer<typeof chatEscalatedSchema>;

/** The dark-desk alarm was raised or cleared for a department (supervisors and admins hear it). */
export const deskAlarmSchema = z.object({ department: deskDepartmentSchema, raised: z.boolean() });
export type DeskAlarm = z.infer<typeof deskAlarmSchema>;

export const DESK_OPERATOR_REQUESTS = {
  /** The Desk view's departments and open follow-ups (supervisors and admins). */
  'desk:overview': { request: emptyRequestSchema.prefault({}), ack: deskOverviewSchema },
  /** Write privately to the operators of a chat; never sent to the patron (supervisors and admins). */
  'chat:whisper': { request: whisperRequestSchema, ack: z.object({ note: staffNoteSchema }) },
  /** Open a chat read-only and follow it live; its operators see a note that a supervisor is watching. */
  'chat:watch': {
    request: chatRefSchema,
    ack: z.object({ chat: chatSummarySchema, messages: z.array(messageSchema), notes: z.array(staffNoteSchema) }),
  },
  /** The staff-only notes of a chat (whispers, supervisor actions), for whoever may see it. */
  'chat:staff-notes': { request: chatRefSchema, ack: z.object({ notes: z.array(staffNoteSchema) }) },
  /** Set a colleague's status (a forgotten Online at closing time): supervisors and admins. */
  'operators:set-status': {
    request: setColleagueStatusRequestSchema,
    ack: z.object({ presence: operatorPresenceSchema }),
  },
  /** Mark a follow-up answered (by email, outside Deskbell). */
  'follow-ups:answered': { request: followUpRefSchema, ack: z.object({ followUp: followUpSchema }) },
} as const satisfies RequestTable;

export const DESK_OPERATOR_PUSHES = {
  /** A waiting chat you may see climbed a rung of the escalation ladder. */
  'chat:escalated': chatEscalatedSchema,
  /** A department's dark-desk alarm was raised or cleared. */
  'desk:alarm': deskAlarmSchema,
  /** A staff-only note in a chat you follow (a whisper, a supervisor watching). */
  'chat:staff-note': staffNoteSchema,
  /** A patron left a question for a reply by email, or one was marked answered. */
  'follow-up:changed': followUpSchema,
} as const satisfies PushTable;

/** The patron leaves their question and contact details instead of waiting longer (offered after T3). */
export const leaveFollowUpRequestSchema = z.object({
  name: z.string().trim().max(LIMITS.nameMaxLength).optional(),
  email: z.email('is not an email address').max(LIMITS.emailMaxLength),
  question: z.string().trim().min(1, 'is empty').max(LIMITS.questionMaxLength),
});
export type LeaveFollowUpRequest = z.infer<typeof leaveFollowUpRequestSchema>;

export const DESK_PATRON_REQUESTS = {
  'chat:leave-follow-up': { request: leaveFollowUpRequestSchema, ack: z.object({ followUpId: idSchema }) },
} as const satisfies RequestTable;

export const DESK_PATRON_PUSHES = {
  /** Nobody has claimed the chat for long: the widget offers to leave the question for a reply by email. */
  'chat:follow-up-offered': z.object({ chatId: idSchema }),
} as const satisfies PushTable;
