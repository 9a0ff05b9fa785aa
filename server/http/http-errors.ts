import type { FastifyInstance, FastifyReply } from 'fastify';
import type { HttpError } from '../../src/protocol/http';

/** Sends `{ error: { code, message } }`, the one error shape of every Deskbell HTTP endpoint. */
export function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  const body: HttpError = { error: { code, message } };
  return reply.code(status).send(body);
}

/**
 * Fastify's own refusals (bad JSON, a body too big, an unknown route) get the
 * same shape; anything unexpected is logged and answered without details.
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: { statusCode?: number; message?: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return sendError(
        reply,
        status,
        status === 413 ? 'BODY_TOO_LARGE' : 'BAD_REQUEST',
        error.message ?? 'Bad request.',
      );
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, 500, 'INTERNAL', 'Something went wrong on the server.');
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, 'NOT_FOUND', `Nothing at ${request.method} ${request.url.split('?')[0] ?? ''}.`),
  );
}
