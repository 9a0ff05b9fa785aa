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
      .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
      .select('sessions.account_id')
      .where('sessions.token_hash', '=', hashToken(token))
      .where('sessions.expires_at', '>', now)
      // A deactivated account's sessions are deleted too; this holds even if that delete was lost.
      .where('accounts.active', '=', 1)
      .executeTakeFirst();
    return row?.account_id;
  }

  /** Every session of an account but (optionally) one: deactivation ends all, a password change the others. */
  async deleteAllOf(accountId: string, except?: string): Promise<void> {
    let query = this.db.deleteFrom('sessions').where('account_id', '=', accountId);
    if (except !== undefined) query = query.where('token_hash', '!=', hashToken(except));
    await query.execute();
  }

  async delete(token: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
  }
}
