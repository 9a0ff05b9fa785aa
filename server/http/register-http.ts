import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import { registerAuthRoutes } from '../auth/auth-routes';
import type { LimiterFactory } from '../sockets/rate-limiter';
import { createLoginThrottle, type LoginThrottleOptions } from '../auth/login-throttle';
import type { Repositories } from '../repositories';
import type { OperatorNamespace } from '../sockets/socket-types';
import type { Storage } from '../storage/database';
import { registerDesktopCors } from './cors';
import { registerHealthRoute } from './health-route';
import { installErrorHandlers } from './http-errors';
import { registerOriginCheck } from './origin-check';
import { registerSecurityHeaders, type WidgetOrigins } from './security-headers';
import { registerStaticFiles } from './static-files';

export interface HttpDeps {
  storage: Storage;
  repos: Repositories;
  operators: OperatorNamespace;
  now: () => number;
  distDir: string;
  /** Take the server's own host from X-Forwarded-Host (only behind the library's own proxy). */
  trustProxy: boolean;
  /** Sites that may frame the widget's chat panel; default any (`*`). */
  widgetOrigins?: WidgetOrigins;
  loginThrottle?: Partial<LoginThrottleOptions>;
  /** The throttle's store: memory alone, Redis in a cluster (rate-limiter.ts). */
  makeLimiter?: LimiterFactory;
}

/**
 * Everything served over plain HTTP: error handling, security headers, CORS
 * for the desktop app, the Origin check, cookies, health, auth, static files.
 */
export async function registerHttp(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  installErrorHandlers(app);
  // Before any route: helmet reads each route's own `helmet` option as it is added.
  await registerSecurityHeaders(app);
  registerDesktopCors(app);
  registerOriginCheck(app, { trustProxy: deps.trustProxy });
  await app.register(fastifyCookie);
  registerHealthRoute(app, deps.storage);
  registerAuthRoutes(app, {
    repos: deps.repos,
    operators: deps.operators,
    now: deps.now,
    throttle: createLoginThrottle(deps.loginThrottle, deps.makeLimiter),
  });
  await registerStaticFiles(app, { distDir: deps.distDir, widgetOrigins: deps.widgetOrigins ?? '*' });
}
