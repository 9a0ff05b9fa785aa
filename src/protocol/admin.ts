import { z } from 'zod';
import { idSchema, operatorStatusSchema, roleSchema } from './models';
import { serviceHoursSchema } from './service-hours';

/**
 * Administration over HTTP (`/api/admin/*`, `/api/me/*`): rare, form-shaped
 * changes that a page makes and an admin script may make too, so plain JSON
 * requests rather than socket events. Every body is parsed with these
 * schemas on the server; the console uses the same ones to type its calls.
 */

export const ADMIN_PATHS = {
  accounts: '/api/admin/accounts',
  account: (id: string) => `/api/admin/accounts/${encodeURIComponent(id)}`,
  resetPassword: (id: string) => `/api/admin/accounts/${encodeURIComponent(id)}/reset-password`,
  deactivate: (id: string) => `/api/admin/accounts/${encodeURIComponent(id)}/deactivate`,
  reactivate: (id: string) => `/api/admin/accounts/${encodeURIComponent(id)}/reactivate`,
  audit: '/api/admin/audit',
  myPassword: '/api/me/password',
  myProfile: '/api/me/profile',
} as const;

/** How long a set-up link works. */
export const SETUP_LINK_DAYS = 7;
/** `/api/setup/check` (who the link is for) and `/api/setup` (choose the password; logs in). */
export const SETUP_PATHS = { check: '/api/setup/check', redeem: '/api/setup' } as const;
/** The console's address part that carries a set-up link's token. */
export const SETUP_HASH_PREFIX = '#setup=';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, 'is 2 to 40 letters, digits, dots, dashes or underscores');
const displayNameSchema = z.string().trim().min(1, 'is empty').max(80, 'is longer than 80 characters');
const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `is shorter than ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `is longer than ${PASSWORD_MAX_LENGTH} characters`);
const departmentIdsSchema = z
  .array(idSchema)
  .max(100)
  .transform((ids) => [...new Set(ids)]);

/** A staff account as the Administration page lists it. */
export const staffAccountSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  departmentIds: z.array(idSchema),
  /** False once deactivated: cannot log in; its name stays on its history. */
  active: z.boolean(),
  /** Must choose a new password at the next login (a new account, a reset). */
  mustChangePassword: z.boolean(),
  /** The status they last chose; live presence is the Operators list's business. */
  status: operatorStatusSchema,
  /** The last time one of their consoles was connected; null if never. */
  lastSeenAt: z.number().int().nullable(),
  createdAt: z.number().int(),
});
export type StaffAccount = z.infer<typeof staffAccountSchema>;

export const newAccountRequestSchema = z.strictObject({
  username: usernameSchema,
  displayName: displayNameSchema,
  role: roleSchema,
  departmentIds: departmentIdsSchema.default([]),
});
export type NewAccountRequest = z.input<typeof newAccountRequestSchema>;

export const updateAccountRequestSchema = z
  .strictObject({
    displayName: displayNameSchema.optional(),
    role: roleSchema.optional(),
    departmentIds: departmentIdsSchema.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'give displayName, role or departmentIds');
export type UpdateAccountRequest = z.input<typeof updateAccountRequestSchema>;

/** A new account or a reset: the temporary password, shown to the admin once, to hand on. */
export const temporaryPasswordResultSchema = z.object({
  account: staffAccountSchema,
  temporaryPassword: z.string(),
  /**
   * The same first login as a one-time link (`/console/#setup=<token>`, valid SETUP_LINK_DAYS): the
   * person opens it and chooses their password, no temporary one to type. Either works, once.
   */
  setupToken: z.string(),
});
export type TemporaryPasswordResult = z.infer<typeof temporaryPasswordResultSchema>;

export const accountListSchema = z.object({ accounts: z.array(staffAccountSchema) });
export const accountResultSchema = z.object({ account: staffAccountSchema });

export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1, 'is empty').max(PASSWORD_MAX_LENGTH),
  newPassword: passwordSchema,
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

export const changeProfileRequestSchema = z.strictObject({ displayName: displayNameSchema });
export type ChangeProfileRequest = z.infer<typeof changeProfileRequestSchema>;

/** One recorded administrative change: who, what, when, before and after. */
export const auditEntrySchema = z.object({
  id: idSchema,
  at: z.number().int(),
  actorId: idSchema.nullable(),
  /** The actor's name then; "deskbell admin" for the command line. */
  actorName: z.string(),
  action: z.string(),
  targetKind: z.string(),
  targetId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditListSchema = z.object({ entries: z.array(auditEntrySchema) });

// ---- departments and hours ----

export const DEPARTMENT_PATHS = {
  departments: '/api/admin/departments',
  department: (id: string) => `/api/admin/departments/${encodeURIComponent(id)}`,
  order: '/api/admin/departments/order',
  retire: (id: string) => `/api/admin/departments/${encodeURIComponent(id)}/retire`,
  restore: (id: string) => `/api/admin/departments/${encodeURIComponent(id)}/restore`,
  timeZone: '/api/admin/time-zone',
} as const;

const departmentNameSchema = z.string().trim().min(1, 'is empty').max(80, 'is longer than 80 characters');

/** A department as the Administration page lists it. */
export const adminDepartmentSchema = z.object({
  id: idSchema,
  name: z.string(),
  sortOrder: z.number().int(),
  /** False once retired: its history stays, the widget and the console no longer offer it. */
  active: z.boolean(),
  /** Null: always open. */
  hours: serviceHoursSchema.nullable(),
  monitorIds: z.array(idSchema),
});
export type AdminDepartment = z.infer<typeof adminDepartmentSchema>;

export const departmentListSchema = z.object({ departments: z.array(adminDepartmentSchema), timeZone: z.string() });

export const newDepartmentRequestSchema = z.strictObject({
  name: departmentNameSchema,
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'is lower-case letters, digits and -, as in the widget’s script tag')
    .optional(),
});
export type NewDepartmentRequest = z.input<typeof newDepartmentRequestSchema>;

export const updateDepartmentRequestSchema = z
  .strictObject({
    name: departmentNameSchema.optional(),
    hours: serviceHoursSchema.nullable().optional(),
    monitorIds: z
      .array(idSchema)
      .max(500)
      .transform((ids) => [...new Set(ids)])
      .optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'give name, hours or monitorIds');
export type UpdateDepartmentRequest = z.input<typeof updateDepartmentRequestSchema>;

export const reorderDepartmentsRequestSchema = z.strictObject({ ids: z.array(idSchema).min(1).max(200) });
export const timeZoneRequestSchema = z.strictObject({ timeZone: z.string().min(1).max(64) });

export const setupCheckRequestSchema = z.strictObject({ token: z.string().min(16).max(200) });
export const setupCheckResultSchema = z.object({ username: z.string(), displayName: z.string() });
export type SetupCheckResult = z.infer<typeof setupCheckResultSchema>;
export const setupRequestSchema = z.strictObject({ token: z.string().min(16).max(200), password: passwordSchema });
export type SetupRequest = z.infer<typeof setupRequestSchema>;
