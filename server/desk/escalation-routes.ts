import type { FastifyInstance } from 'fastify';
import { DEFAULT_ESCALATION_LADDER, ESCALATION_ROUTE, escalationRequestSchema } from '../../src/protocol/escalation';
import { AdminRefusal } from '../admin/account-admin';
import { actorOf, parseBody, route, withRole } from '../admin/admin-http';
import type { DeskbellContext } from '../context';

/**
 * A department's escalation ladder, for admins: read it (the defaults when
 * none was set) and set it (null: back to the defaults). Audited with before
 * and after; the desk watch reads the new ladder at its next run.
 */
export function registerEscalationRoutes(app: FastifyInstance, ctx: DeskbellContext): void {
  const path = ESCALATION_ROUTE;
  const departmentOf = async (params: unknown) => {
    const id = (params as { id?: unknown }).id;
    const found = typeof id === 'string' ? await ctx.repos.departments.find(id) : undefined;
    if (!found) throw new AdminRefusal(404, 'NOT_FOUND', 'id: there is no such department (or it is retired).');
    return found;
  };

  app.get(
    path,
    route(async (request) => {
      await withRole(ctx, request, ['admin', 'supervisor']);
      const department = await departmentOf(request.params);
      return { ladder: await ctx.repos.deskWatch.ladderOf(department.id), defaults: DEFAULT_ESCALATION_LADDER };
    }),
  );

  app.put(
    path,
    route(async (request) => {
      const me = await withRole(ctx, request, ['admin']);
      const department = await departmentOf(request.params);
      const { ladder } = parseBody(escalationRequestSchema, request.body);
      if (ladder?.backupDepartmentId) {
        if (ladder.backupDepartmentId === department.id)
          throw new AdminRefusal(400, 'BAD_REQUEST', 'ladder.backupDepartmentId: is this department itself');
        if (!(await ctx.repos.departments.find(ladder.backupDepartmentId)))
          throw new AdminRefusal(400, 'BAD_REQUEST', 'ladder.backupDepartmentId: there is no such department');
      }
      const before = await ctx.repos.deskWatch.ladderOf(department.id);
      await ctx.repos.deskWatch.setLadder(department.id, ladder);
      const after = await ctx.repos.deskWatch.ladderOf(department.id);
      await ctx.repos.audit.record(
        actorOf(me),
        { action: 'department.escalation', targetKind: 'department', targetId: department.id, before, after },
        ctx.now(),
      );
      return { ladder: after, defaults: DEFAULT_ESCALATION_LADDER };
    }),
  );
}
