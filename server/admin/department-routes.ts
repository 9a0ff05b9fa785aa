import type { FastifyInstance } from 'fastify';
import {
  type AdminDepartment,
  DEPARTMENT_PATHS,
  newDepartmentRequestSchema,
  reorderDepartmentsRequestSchema,
  timeZoneRequestSchema,
  updateDepartmentRequestSchema,
} from '../../src/protocol/admin';
import { isValidTimeZone } from '../../src/domain/service-hours';
import { slugify } from '../config/library-settings';
import type { DeskbellContext } from '../context';
import { TIME_ZONE_SETTING, libraryTimeZone } from '../departments/library-time-zone';
import { rooms } from '../sockets/rooms';
import { AdminRefusal } from './account-admin';
import { actorOf, parseBody, route, withRole } from './admin-http';

/**
 * Departments and their hours of service, for admins. Retiring keeps the
 * rows (history joins them for its names); the widget and the console stop
 * offering the department. Every change is audited with before and after.
 */
export function registerDepartmentRoutes(app: FastifyInstance, ctx: DeskbellContext): void {
  const departments = ctx.repos.departments;
  const adminOnly = (request: Parameters<typeof withRole>[1]) => withRole(ctx, request, ['admin']);

  const describe = async (id: string): Promise<AdminDepartment> => {
    const row = (await departments.listWithDetails()).find((department) => department.id === id);
    if (!row) throw new AdminRefusal(404, 'NOT_FOUND', `There is no department with the id "${id}".`);
    return { ...row, monitorIds: await departments.monitorsOf(id) };
  };
  const idOf = (params: unknown): string => {
    const id = (params as { id?: unknown }).id;
    if (typeof id !== 'string' || id === '' || id.length > 64)
      throw new AdminRefusal(400, 'BAD_REQUEST', 'id: is not a department id');
    return id;
  };
  const audit = (actor: ReturnType<typeof actorOf>, action: string, id: string, before: unknown, after: unknown) =>
    ctx.repos.audit.record(actor, { action, targetKind: 'department', targetId: id, before, after }, ctx.now());

  app.get(
    DEPARTMENT_PATHS.departments,
    route(async (request) => {
      await adminOnly(request);
      const rows = await departments.listWithDetails();
      return {
        departments: await Promise.all(
          rows.map(async (row) => ({ ...row, monitorIds: await departments.monitorsOf(row.id) })),
        ),
        timeZone: await libraryTimeZone(departments),
      };
    }),
  );

  app.post(
    DEPARTMENT_PATHS.departments,
    route(async (request, reply) => {
      const me = await adminOnly(request);
      const body = parseBody(newDepartmentRequestSchema, request.body);
      const id = body.id ?? slugify(body.name);
      if ((await departments.listWithDetails()).some((department) => department.id === id)) {
        throw new AdminRefusal(
          409,
          'DEPARTMENT_TAKEN',
          `id: a department "${id}" exists already (retired ones keep theirs).`,
        );
      }
      await departments.create({ id, name: body.name });
      const department = await describe(id);
      await audit(actorOf(me), 'department.created', id, null, department);
      void reply.code(201);
      return { department };
    }),
  );

  app.patch(
    `${DEPARTMENT_PATHS.departments}/:id`,
    route(async (request) => {
      const me = await adminOnly(request);
      const id = idOf(request.params);
      const changes = parseBody(updateDepartmentRequestSchema, request.body);
      const before = await describe(id);
      if (changes.monitorIds) {
        const known = new Set((await ctx.repos.accounts.listAll()).map((account) => account.id));
        const unknown = changes.monitorIds.find((accountId) => !known.has(accountId));
        if (unknown !== undefined)
          throw new AdminRefusal(400, 'BAD_REQUEST', `monitorIds: there is no active account "${unknown}".`);
      }
      await departments.update(id, {
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.hours !== undefined ? { hours: changes.hours } : {}),
      });
      if (changes.monitorIds) {
        await departments.setMonitors(id, changes.monitorIds);
        // Whose monitoring changed: their consoles reconnect by themselves and join the right rooms.
        const changed = new Set(
          [...before.monitorIds, ...changes.monitorIds].filter(
            (accountId) => before.monitorIds.includes(accountId) !== changes.monitorIds?.includes(accountId),
          ),
        );
        for (const accountId of changed) ctx.operators.in(rooms.operator(accountId)).disconnectSockets(true);
      }
      const department = await describe(id);
      await audit(actorOf(me), 'department.updated', id, before, department);
      return { department };
    }),
  );

  app.post(
    DEPARTMENT_PATHS.order,
    route(async (request) => {
      const me = await adminOnly(request);
      const { ids } = parseBody(reorderDepartmentsRequestSchema, request.body);
      const before = (await departments.listWithDetails()).map((department) => department.id);
      const unknown = ids.find((id) => !before.includes(id));
      if (unknown !== undefined)
        throw new AdminRefusal(400, 'BAD_REQUEST', `ids: there is no department "${unknown}".`);
      await departments.reorder(ids);
      const after = (await departments.listWithDetails()).map((department) => department.id);
      await audit(actorOf(me), 'department.reordered', '*', before, after);
      return { ids: after };
    }),
  );

  for (const [path, active] of [
    [`${DEPARTMENT_PATHS.departments}/:id/retire`, false],
    [`${DEPARTMENT_PATHS.departments}/:id/restore`, true],
  ] as const) {
    app.post(
      path,
      route(async (request) => {
        const me = await adminOnly(request);
        const id = idOf(request.params);
        const before = await describe(id);
        await departments.update(id, { active });
        const department = await describe(id);
        await audit(actorOf(me), active ? 'department.restored' : 'department.retired', id, before, department);
        return { department };
      }),
    );
  }

  app.put(
    DEPARTMENT_PATHS.timeZone,
    route(async (request) => {
      const me = await adminOnly(request);
      const { timeZone } = parseBody(timeZoneRequestSchema, request.body);
      if (!isValidTimeZone(timeZone)) {
        throw new AdminRefusal(
          400,
          'BAD_REQUEST',
          `timeZone: "${timeZone}" is not a time zone like Europe/London or America/Chicago.`,
        );
      }
      const before = await libraryTimeZone(departments);
      await departments.writeSetting(TIME_ZONE_SETTING, timeZone, ctx.now());
      // Reports count by the library's local day and hour: the chats already counted move to the new zone's.
      if (before !== timeZone) await ctx.repos.reports.rebucket(timeZone);
      await ctx.repos.audit.record(
        actorOf(me),
        { action: 'desk.time-zone', targetKind: 'desk', targetId: null, before, after: timeZone },
        ctx.now(),
      );
      return { timeZone };
    }),
  );
}
