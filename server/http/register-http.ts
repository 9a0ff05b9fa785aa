import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import { registerAuthRoutes } from '../auth/auth-routes';
import { createLoginThrottle, type LoginThrottleOptions } from '../auth/login-throttle';
import type { Repositories } from '../repositories';
import type { OperatorNamespace } from '../sockets/socket-types';
import type { Storage } from '../storage/database';
import { registerDesktopCors } from './cors';
import { registerHealthRoute } from './health-route';
import { installErrorHandlers } from './http-errors';
import { registerOriginCheck } from './origin-check';
import { registerStaticFiles } from './static-files';

export interface HttpDeps {
  storage: Storage;
  repos: Repositories;
  operators: OperatorNamespace;
  now: () => number;
  distDir: string;
  version: string;
  /** Take the server's own host from X-Forwarded-Host (only behind the library's own proxy). */
  trustProxy: boolean;
  loginThrottle?: Partial<LoginThrottleOptions>;
}

/**
 * Everything served over plain HTTP: error handling, CORS for the desktop
 * app, the Origin check, cookies, health, auth, static files.
 */
export async function registerHttp(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  installErrorHandlers(app);
  registerDesktopCors(app);
  registerOriginCheck(app, { trustProxy: deps.trustProxy });
  await app.register(fastifyCookie);
  registerHealthRoute(app, deps.storage, deps.version);
  registerAuthRoutes(app, {
    repos: deps.repos,
    operators: deps.operators,
    now: deps.now,
    throttle: createLoginThrottle(deps.loginThrottle),
  });
  await registerStaticFiles(app, { distDir: deps.distDir });
}
