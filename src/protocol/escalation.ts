import { z } from 'zod';
import { idSchema } from './models';

/**
 * A department's escalation ladder: how long a chat may wait unclaimed
 * before the desk raises its voice. After T1 the chirp repeats more often and
 * the pop-ups come back; after T2 the supervisors on duty are alerted and the
 * backup department (if any) sees the chat too; after T3 the patron is
 * offered to leave their question for a reply by email.
 */
export const escalationLadderSchema = z
  .strictObject({
    t1Seconds: z
      .number()
      .int()
      .min(10, 'is shorter than 10 seconds')
      .max(4 * 3600, 'is longer than 4 hours'),
    t2Seconds: z
      .number()
      .int()
      .min(10, 'is shorter than 10 seconds')
      .max(4 * 3600, 'is longer than 4 hours'),
    t3Seconds: z
      .number()
      .int()
      .min(10, 'is shorter than 10 seconds')
      .max(4 * 3600, 'is longer than 4 hours'),
    backupDepartmentId: idSchema.nullable(),
  })
  .refine((ladder) => ladder.t1Seconds < ladder.t2Seconds, { message: 'T2 comes before T1', path: ['t2Seconds'] })
  .refine((ladder) => ladder.t2Seconds < ladder.t3Seconds, { message: 'T3 comes before T2', path: ['t3Seconds'] });
export type EscalationLadder = z.infer<typeof escalationLadderSchema>;

/** Defaults that work without configuration: 2, 5 and 10 minutes, no backup department. */
export const DEFAULT_ESCALATION_LADDER: EscalationLadder = {
  t1Seconds: 2 * 60,
  t2Seconds: 5 * 60,
  t3Seconds: 10 * 60,
  backupDepartmentId: null,
};

/** 0: not escalated; 1, 2, 3: past T1, T2, T3. */
export const escalationStepSchema = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);
export type EscalationStep = z.infer<typeof escalationStepSchema>;

/** What `GET` and `PUT` answer: the department's ladder (the defaults when none was set), and the defaults. */
export const escalationResultSchema = z.object({ ladder: escalationLadderSchema, defaults: escalationLadderSchema });
export type EscalationResult = z.infer<typeof escalationResultSchema>;

/** `PUT /api/admin/departments/:id/escalation`: the ladder, or null for the defaults. */
export const escalationRequestSchema = z.strictObject({ ladder: escalationLadderSchema.nullable() });
export const ESCALATION_ROUTE = '/api/admin/departments/:id/escalation';
export const escalationPath = (departmentId: string) =>
  ESCALATION_ROUTE.replace(':id', encodeURIComponent(departmentId));
