import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { HealthResult } from '../../src/protocol/http';
import type { Storage } from '../storage/database';
import { sendError } from './http-errors';

/**
 * `GET /health`: 200 when the server can reach its database, 503 when it
 * cannot. It names no version: anyone may ask, and a version tells an attacker
 * which known holes to try.
 */
export function registerHealthRoute(app: FastifyInstance, storage: Storage): void {
  app.get('/health', async (request, reply) => {
    try {
      await sql`select 1`.execute(storage.db);
    } catch (error) {
      request.log.error({ err: error }, 'health check could not reach the database');
      return sendError(reply, 503, 'DATABASE_UNAVAILABLE', 'The database does not answer.');
    }
    const result: HealthResult = { ok: true, database: storage.kind };
    return result;
  });
}
