import type { Kysely } from 'kysely';
import type { DeskbellTables } from '../storage/schema';
import { hashToken, newSecretToken } from './tokens';

/** Sessions last a month of working days; logging out ends one at once. */
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/** Login sessions: the token goes to the client, only its sha256 is stored. */
export class SessionRepository {
  constructor(private readonly db: Kysely<DeskbellTables>) {}

  /** Starts a session and returns its token (the only time it exists in the clear). */
  async create(accountId: string, now: number): Promise<string> {
    const token = newSecretToken();
    await this.db
      .insertInto('sessions')
      .values({
        token_hash: hashToken(token),
        account_id: accountId,
        created_at: now,
        expires_at: now + SESSION_LIFETIME_MS,
      })
      .execute();
    return token;
  }

  /** The account a live token belongs to, or undefined for an unknown or expired one. */
  async findAccountId(token: string, now: number): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .select('account_id')
      .where('token_hash', '=', hashToken(token))
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row?.account_id;
  }

  async delete(token: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
  }
}
