import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import { type LoginResult, SESSION_COOKIE } from '../../src/protocol/http';
import { loginRequestSchema } from '../../src/protocol/requests';
import type { OperatorProfile } from '../../src/protocol/models';
import { DESKTOP_APP_ORIGIN } from '../http/cors';
import { sendError } from '../http/http-errors';
import type { Repositories } from '../repositories';
import { rooms } from '../sockets/rooms';
import type { OperatorNamespace } from '../sockets/socket-types';
import { type Account, toProfile } from './account-repository';
import type { LoginThrottle } from './login-throttle';
import { verifyPassword } from './passwords';
import { sessionKey, tokenFromRequest } from './request-token';
import { SESSION_LIFETIME_MS } from './session-repository';
import { registerSetupRoutes } from './setup-routes';

export interface AuthRouteDeps {
  repos: Repositories;
  throttle: LoginThrottle;
  operators: OperatorNamespace;
  now: () => number;
}

/**
 * `POST /api/login`, `POST /api/logout`, `GET /api/me`. Login sets the
 * httpOnly session cookie (for the browser console) and answers the desktop
 * app and non-browser clients with the bearer token too; both name the same
 * stored session.
 */
export function registerAuthRoutes(app: FastifyInstance, deps: AuthRouteDeps): void {
  app.post('/api/login', async (request, reply) => {
    const parsed = loginRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || 'body';
      return sendError(reply, 400, 'BAD_REQUEST', `${field}: ${issue?.message ?? 'is not valid'}`);
    }
    const { username, password } = parsed.data;
    const outcome = await deps.throttle.attempt(username, request.ip, async () => {
      const credentials = await deps.repos.accounts.findCredentials(username);
      const valid = await verifyPassword(credentials?.passwordHash ?? null, password);
      return valid && credentials ? await deps.repos.accounts.findById(credentials.id) : undefined;
    });
    if (outcome.status === 'throttled') {
      void reply.header('retry-after', String(Math.ceil(outcome.retryAfterMs / 1000)));
      return sendError(reply, 429, 'RATE_LIMITED', 'Too many failed logins; wait a while and try again.');
    }
    if (outcome.status === 'failed') {
      return sendError(reply, 401, 'UNAUTHORIZED', 'The username or password is not right.');
    }
    return startSession(deps, request, reply, outcome.value);
  });

  app.post('/api/logout', async (request, reply) => {
    const token = tokenFromRequest(request.headers);
    if (token) {
      await deps.repos.sessions.delete(token);
      // Sockets opened with this session close too: logging out means out everywhere it was used.
      deps.operators.in(rooms.session(sessionKey(token))).disconnectSockets(true);
    }
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  registerSetupRoutes(app, deps);

  app.get('/api/me', async (request, reply) => {
    const operator = await currentOperator(request, deps);
    if (!operator) return sendError(reply, 401, 'UNAUTHORIZED', 'Log in first.');
    return { operator };
  });
}

/** A new session for the account: the httpOnly cookie, and the token for those who may read it. */
export async function startSession(
  deps: Pick<AuthRouteDeps, 'repos' | 'now'>,
  request: FastifyRequest,
  reply: FastifyReply,
  account: Account,
): Promise<LoginResult> {
  const token = await deps.repos.sessions.create(account.id, deps.now());
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: request.protocol === 'https',
    maxAge: Math.floor(SESSION_LIFETIME_MS / 1000),
  });
  // Page script never sees the token that is also the httpOnly cookie; the desktop app and scripts need it.
  return mayReadToken(request.headers) ? { token, operator: toProfile(account) } : { operator: toProfile(account) };
}

/**
 * The desktop app (its own origin) and clients that are not browsers (no
 * Origin, no Sec-Fetch-Site) get the bearer token; a browser page does not,
 * so script on it (an injected one included) cannot carry the session away.
 */
function mayReadToken(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  if (origin !== undefined) return origin.toLowerCase() === DESKTOP_APP_ORIGIN;
  return headers['sec-fetch-site'] === undefined;
}

async function currentOperator(request: FastifyRequest, deps: AuthRouteDeps): Promise<OperatorProfile | undefined> {
  const token = tokenFromRequest(request.headers);
  if (!token) return undefined;
  const accountId = await deps.repos.sessions.findAccountId(token, deps.now());
  const account = accountId ? await deps.repos.accounts.findById(accountId) : undefined;
  return account && toProfile(account);
}
