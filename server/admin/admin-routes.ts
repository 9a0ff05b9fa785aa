import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  ADMIN_PATHS,
  changePasswordRequestSchema,
  changeProfileRequestSchema,
  newAccountRequestSchema,
  updateAccountRequestSchema,
} from '../../src/protocol/admin';
import { toProfile } from '../auth/account-repository';
import { verifyPassword } from '../auth/passwords';
import type { DeskbellContext } from '../context';
import { handBackChats } from '../operators/hand-back';
import { rooms } from '../sockets/rooms';
import { AccountAdmin, AdminRefusal } from './account-admin';
import { actorOf, idParam, parseBody, route, signedIn, withRole } from './admin-http';

const AUDIT_PAGE_MAX = 500;

/**
 * Administration over HTTP. Plain JSON requests, not socket events: they are
 * rare and form-shaped, a script can make them with curl, and each answers
 * one person. What a change means live is done here: a deactivated
 * account's chats go back to the queue and its consoles are closed; a new
 * role or departments reconnect its consoles so they join the right rooms.
 */
export function registerAdminRoutes(app: FastifyInstance, ctx: DeskbellContext): void {
  const admin = new AccountAdmin(ctx.repos, ctx.now);
  const adminOnly = (request: FastifyRequest) => withRole(ctx, request, ['admin']);

  /** Their consoles reconnect (the client does so by itself) and join the rooms their account now calls for. */
  const reconnectConsoles = (accountId: string) => ctx.operators.in(rooms.operator(accountId)).disconnectSockets(true);

  app.get(
    ADMIN_PATHS.accounts,
    route(async (request) => {
      await adminOnly(request);
      return { accounts: await admin.list() };
    }),
  );

  app.post(
    ADMIN_PATHS.accounts,
    route(async (request, reply) => {
      const me = await adminOnly(request);
      const body = parseBody(newAccountRequestSchema, request.body);
      const result = await admin.create(actorOf(me), body);
      void reply.code(201);
      return result;
    }),
  );

  app.patch(
    `${ADMIN_PATHS.accounts}/:id`,
    route(async (request) => {
      const me = await adminOnly(request);
      const id = idParam(request);
      const changes = parseBody(updateAccountRequestSchema, request.body);
      const before = await admin.get(id);
      const account = await admin.update(actorOf(me), id, changes);
      const roomsChanged = before.role !== account.role || before.departmentIds.join() !== account.departmentIds.join();
      if (roomsChanged) reconnectConsoles(id);
      else if (before.displayName !== account.displayName) await announcePresence(ctx, id);
      return { account };
    }),
  );

  app.post(
    `${ADMIN_PATHS.accounts}/:id/reset-password`,
    route(async (request) => {
      const me = await adminOnly(request);
      const id = idParam(request);
      const result = await admin.resetPassword(actorOf(me), id);
      // Every session ended with the old password; their consoles find that out now, not at the next reload.
      if (id !== me.id) reconnectConsoles(id);
      return result;
    }),
  );

  app.post(
    `${ADMIN_PATHS.accounts}/:id/deactivate`,
    route(async (request) => {
      const me = await adminOnly(request);
      const id = idParam(request);
      const account = await admin.deactivate(actorOf(me), id);
      const gone = await ctx.repos.accounts.findById(id);
      // Their chats go back to the queue first, so the patrons are told while the room still has them.
      if (gone) await handBackChats(ctx, gone, 'leaving');
      await ctx.repos.lifecycle.clearHandbackDue(id);
      ctx.operators.in(rooms.operator(id)).disconnectSockets(true);
      ctx.presence.removed(id);
      return { account };
    }),
  );

  app.post(
    `${ADMIN_PATHS.accounts}/:id/reactivate`,
    route(async (request) => {
      const me = await adminOnly(request);
      const account = await admin.reactivate(actorOf(me), idParam(request));
      await announcePresence(ctx, account.id);
      return { account };
    }),
  );

  app.get(
    ADMIN_PATHS.audit,
    route(async (request) => {
      await adminOnly(request);
      const raw = (request.query as { limit?: unknown }).limit;
      const limit = raw === undefined ? 200 : Number(raw);
      if (!Number.isInteger(limit) || limit < 1 || limit > AUDIT_PAGE_MAX) {
        throw new AdminRefusal(400, 'BAD_REQUEST', `limit: must be a whole number from 1 to ${AUDIT_PAGE_MAX}`);
      }
      return { entries: await ctx.repos.audit.listNewest(limit) };
    }),
  );

  app.post(
    ADMIN_PATHS.myPassword,
    route(async (request) => {
      const { account, token } = await signedIn(ctx, request);
      const body = parseBody(changePasswordRequestSchema, request.body);
      const stored = await ctx.repos.accounts.passwordHashOf(account.id);
      if (!(await verifyPassword(stored ?? null, body.currentPassword))) {
        throw new AdminRefusal(400, 'WRONG_PASSWORD', 'currentPassword: is not your current password.');
      }
      if (body.currentPassword === body.newPassword) {
        throw new AdminRefusal(400, 'BAD_REQUEST', 'newPassword: must differ from the current one.');
      }
      await admin.changeOwnPassword(account.id, body.newPassword, token);
      return { ok: true };
    }),
  );

  app.post(
    ADMIN_PATHS.myProfile,
    route(async (request) => {
      const { account } = await signedIn(ctx, request);
      const body = parseBody(changeProfileRequestSchema, request.body);
      await admin.renameSelf(account.id, body.displayName);
      await announcePresence(ctx, account.id);
      const fresh = await ctx.repos.accounts.findById(account.id);
      return { operator: toProfile(fresh ?? account) };
    }),
  );
}

/** Colleagues' Operators lists show the account as it is now. */
async function announcePresence(ctx: DeskbellContext, accountId: string): Promise<void> {
  const presence = await ctx.presence.presenceOf(accountId);
  if (presence) ctx.operators.emit('operators:presence', presence);
}
