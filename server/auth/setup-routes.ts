import type { FastifyInstance } from 'fastify';
import { SETUP_PATHS, setupCheckRequestSchema, setupRequestSchema } from '../../src/protocol/admin';
import { AccountAdmin, AdminRefusal } from '../admin/account-admin';
import { parseBody, route } from '../admin/admin-http';
import { type AuthRouteDeps, startSession } from './auth-routes';

/** Every link is unknown, used or expired the same way: nothing tells a guesser which. */
const DEAD_LINK = 'This set-up link has been used or has expired. Ask your admin for a new one.';

/**
 * A one-time set-up link, opened: `check` says whose account it is (so the
 * page can greet them), `redeem` sets their password, uses the link up and
 * logs them in. Both are open to anyone with the link, so both go through the
 * login throttle by address, like a failed login.
 */
export function registerSetupRoutes(app: FastifyInstance, deps: AuthRouteDeps): void {
  const admin = new AccountAdmin(deps.repos, deps.now);
  const throttled = async <T>(ip: string, work: () => Promise<T | undefined>): Promise<T> => {
    const outcome = await deps.throttle.attempt('set-up link', ip, work);
    if (outcome.status === 'throttled')
      throw new AdminRefusal(429, 'RATE_LIMITED', 'Too many tries; wait a while and try again.');
    if (outcome.status === 'failed') throw new AdminRefusal(404, 'NOT_FOUND', DEAD_LINK);
    return outcome.value;
  };

  app.post(
    SETUP_PATHS.check,
    route(async (request) => {
      const { token } = parseBody(setupCheckRequestSchema, request.body);
      const account = await throttled(request.ip, async () => {
        const accountId = await deps.repos.setupLinks.peek(token, deps.now());
        const found = accountId ? await deps.repos.accounts.findById(accountId) : undefined;
        return found?.active ? found : undefined;
      });
      return { username: account.username, displayName: account.displayName };
    }),
  );

  app.post(
    SETUP_PATHS.redeem,
    route(async (request, reply) => {
      const { token, password } = parseBody(setupRequestSchema, request.body);
      const accountId = await throttled(request.ip, () => deps.repos.setupLinks.redeem(token, deps.now()));
      await admin.setUpWithLink(accountId, password);
      const account = await deps.repos.accounts.findById(accountId);
      if (!account) throw new AdminRefusal(404, 'NOT_FOUND', DEAD_LINK);
      return startSession(deps, request, reply, account);
    }),
  );
}
