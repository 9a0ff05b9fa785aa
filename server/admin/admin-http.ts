import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Role } from '../../src/protocol/models';
import type { Account } from '../auth/account-repository';
import { tokenFromRequest } from '../auth/request-token';
import type { DeskbellContext } from '../context';
import { sendError } from '../http/http-errors';
import { AdminRefusal } from './account-admin';
import type { AuditActor } from './audit-repository';

/** What every administration route shares: who is asking, may they, the body parsed, a refusal answered. */

/** The signed-in account of a request, with its token; refusals are thrown as AdminRefusal. */
export async function signedIn(
  ctx: DeskbellContext,
  request: FastifyRequest,
): Promise<{ account: Account; token: string }> {
  const token = tokenFromRequest(request.headers);
  const accountId = token ? await ctx.repos.sessions.findAccountId(token, ctx.now()) : undefined;
  const account = accountId ? await ctx.repos.accounts.findById(accountId) : undefined;
  if (!token || !account) throw new AdminRefusal(403, 'UNAUTHORIZED', 'Log in first.');
  return { account, token };
}

/** Only these roles; an account on a temporary password must choose its own first. */
export async function withRole(
  ctx: DeskbellContext,
  request: FastifyRequest,
  allowed: readonly Role[],
): Promise<Account> {
  const { account } = await signedIn(ctx, request);
  if (!allowed.includes(account.role)) {
    throw new AdminRefusal(403, 'FORBIDDEN', 'Only an admin can do that.');
  }
  if (account.mustChangePassword) {
    throw new AdminRefusal(403, 'PASSWORD_CHANGE_REQUIRED', 'Choose a new password first.');
  }
  return account;
}

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'body';
    throw new AdminRefusal(400, 'BAD_REQUEST', `${field}: ${issue?.message ?? 'is not valid'}`);
  }
  return parsed.data;
}

export const actorOf = (account: Account): AuditActor => ({ id: account.id, name: account.displayName });

export function idParam(request: FastifyRequest): string {
  const id = (request.params as { id?: unknown }).id;
  if (typeof id !== 'string' || id === '' || id.length > 64) {
    throw new AdminRefusal(400, 'BAD_REQUEST', 'id: is not an account id');
  }
  return id;
}

/** Runs a route body; a refusal becomes its `{ error }` answer, anything else goes to the error handler. */
export function route(handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      return await handler(request, reply);
    } catch (error) {
      if (error instanceof AdminRefusal) {
        const status = error.code === 'UNAUTHORIZED' ? 401 : error.status;
        return sendError(reply, status, error.code, error.message);
      }
      throw error;
    }
  };
}
