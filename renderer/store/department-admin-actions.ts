import type { AdminDepartment } from '../../src/protocol';
import type { AdminApi } from '../api/admin-api';
import type { DepartmentAdminSlice } from './admin-types';
import type { ConsoleRuntime } from './console-runtime';
import type { ConsoleState } from './console-state';

type Set = (partial: Partial<ConsoleState> | ((state: ConsoleState) => Partial<ConsoleState>)) => void;
type Get = () => ConsoleState;

export const initialDepartmentAdminState: Pick<
  DepartmentAdminSlice,
  'adminDepartments' | 'adminDepartmentsError' | 'libraryTimeZone'
> = {
  adminDepartments: null,
  adminDepartmentsError: null,
  libraryTimeZone: null,
};

/**
 * The Departments and hours screen's actions. Like the accounts', each
 * resolves to the server's refusal in words (or null), and every change
 * reloads the audit log, which records it.
 */
export function departmentAdminActions(
  runtime: ConsoleRuntime,
  api: () => AdminApi,
  set: Set,
  get: Get,
): Omit<DepartmentAdminSlice, keyof typeof initialDepartmentAdminState> {
  const changed = (department: AdminDepartment) => {
    set((state) => ({
      adminDepartments: state.adminDepartments
        ? state.adminDepartments.some((item) => item.id === department.id)
          ? state.adminDepartments.map((item) => (item.id === department.id ? department : item))
          : [...state.adminDepartments, department]
        : state.adminDepartments,
    }));
    void get().loadAudit();
  };
  const attempt = async (change: () => Promise<void>): Promise<string | null> => {
    try {
      await change();
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  };

  return {
    async loadAdminDepartments() {
      try {
        const { departments, timeZone } = await api().listDepartments(runtime.token);
        set({ adminDepartments: departments, libraryTimeZone: timeZone, adminDepartmentsError: null });
      } catch (error) {
        set({ adminDepartmentsError: (error as Error).message });
      }
    },

    createDepartment: (request) =>
      attempt(async () => {
        const department = await api().createDepartment(request, runtime.token);
        changed(department);
        get().announce(`${department.name} added.`);
      }),

    updateDepartment: (id, request) =>
      attempt(async () => {
        const department = await api().updateDepartment(id, request, runtime.token);
        changed(department);
        get().announce(`${department.name} saved.`);
      }),

    moveDepartment: (id, by) =>
      attempt(async () => {
        const list = get().adminDepartments ?? [];
        const from = list.findIndex((department) => department.id === id);
        const to = from + by;
        if (from < 0 || to < 0 || to >= list.length) return;
        const ids = list.map((department) => department.id);
        ids.splice(to, 0, ...ids.splice(from, 1));
        const order = await api().reorderDepartments(ids, runtime.token);
        set((state) => ({
          adminDepartments: order
            .map((orderedId) => state.adminDepartments?.find((department) => department.id === orderedId))
            .filter((department): department is AdminDepartment => department !== undefined),
        }));
        const name = list[from]?.name ?? id;
        get().announce(`${name} moved ${by < 0 ? 'up' : 'down'}: number ${order.indexOf(id) + 1} of ${order.length}.`);
        void get().loadAudit();
      }),

    retireDepartment: (id) =>
      attempt(async () => {
        const department = await api().retireDepartment(id, runtime.token);
        changed(department);
        get().announce(`${department.name} retired.`);
      }),

    restoreDepartment: (id) =>
      attempt(async () => {
        const department = await api().restoreDepartment(id, runtime.token);
        changed(department);
        get().announce(`${department.name} restored.`);
      }),

    async loadLadder(id) {
      try {
        return await api().getLadder(id, runtime.token);
      } catch (error) {
        return (error as Error).message;
      }
    },

    saveLadder: (id, ladder) =>
      attempt(async () => {
        await api().setLadder(id, ladder, runtime.token);
        void get().loadAudit();
      }),

    setLibraryTimeZone: (timeZone) =>
      attempt(async () => {
        set({ libraryTimeZone: await api().setTimeZone(timeZone, runtime.token) });
        get().announce(`Time zone saved: ${timeZone}.`);
        void get().loadAudit();
      }),
  };
}
