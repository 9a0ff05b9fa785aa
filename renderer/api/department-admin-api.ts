import { z } from 'zod';
import {
  adminDepartmentSchema,
  DEPARTMENT_PATHS,
  departmentListSchema,
  type AdminDepartment,
  type NewDepartmentRequest,
  type UpdateDepartmentRequest,
  escalationPath,
  escalationResultSchema,
  type EscalationLadder,
  type EscalationResult,
} from '../../src/protocol';
import type { AdminRequest } from './admin-request';

/** Departments and hours of service (`/api/admin/departments`, `/api/admin/time-zone`), admins only. */
export interface DepartmentAdminApi {
  /** Every department, retired ones too, in the desk's order; and the library's time zone. */
  listDepartments(token?: string): Promise<{ departments: AdminDepartment[]; timeZone: string }>;
  createDepartment(request: NewDepartmentRequest, token?: string): Promise<AdminDepartment>;
  updateDepartment(id: string, request: UpdateDepartmentRequest, token?: string): Promise<AdminDepartment>;
  /** The listed departments first, in that order; answers the whole order as the server now has it. */
  reorderDepartments(ids: string[], token?: string): Promise<string[]>;
  retireDepartment(id: string, token?: string): Promise<AdminDepartment>;
  restoreDepartment(id: string, token?: string): Promise<AdminDepartment>;
  setTimeZone(timeZone: string, token?: string): Promise<string>;
  /** The department's escalation ladder (the defaults when none was set), and the defaults. */
  getLadder(id: string, token?: string): Promise<EscalationResult>;
  /** Null: back to the defaults. */
  setLadder(id: string, ladder: EscalationLadder | null, token?: string): Promise<EscalationResult>;
}

const departmentResultSchema = z.object({ department: adminDepartmentSchema });
const orderResultSchema = z.object({ ids: z.array(z.string()) });
const timeZoneResultSchema = z.object({ timeZone: z.string() });

export function departmentAdminCalls(request: AdminRequest): DepartmentAdminApi {
  const one = async (path: string, method: 'POST' | 'PATCH', body: unknown, token: string | undefined) =>
    (await request(departmentResultSchema, path, { method, body, token })).department;
  return {
    listDepartments: (token) => request(departmentListSchema, DEPARTMENT_PATHS.departments, { token }),
    createDepartment: (body, token) => one(DEPARTMENT_PATHS.departments, 'POST', body, token),
    updateDepartment: (id, body, token) => one(DEPARTMENT_PATHS.department(id), 'PATCH', body, token),
    reorderDepartments: async (ids, token) =>
      (await request(orderResultSchema, DEPARTMENT_PATHS.order, { method: 'POST', body: { ids }, token })).ids,
    retireDepartment: (id, token) => one(DEPARTMENT_PATHS.retire(id), 'POST', undefined, token),
    restoreDepartment: (id, token) => one(DEPARTMENT_PATHS.restore(id), 'POST', undefined, token),
    getLadder: (id, token) => request(escalationResultSchema, escalationPath(id), { token }),
    setLadder: (id, ladder, token) =>
      request(escalationResultSchema, escalationPath(id), { method: 'PUT', body: { ladder }, token }),
    setTimeZone: async (timeZone, token) =>
      (await request(timeZoneResultSchema, DEPARTMENT_PATHS.timeZone, { method: 'PUT', body: { timeZone }, token }))
        .timeZone,
  };
}
