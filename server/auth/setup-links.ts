import type { Kysely } from 'kysely';
import { SETUP_LINK_DAYS } from '../../src/protocol/admin';
import type { DeskbellTables } from '../storage/schema';
import { hashToken, newSecretToken } from './tokens';

const LIFETIME_MS = SETUP_LINK_DAYS * 24 * 60 * 60_000;

/**
 * One-time set-up links: a new account's (or a reset password's) first login
 * without a temporary password to type. Only the token's hash is stored; a
 * link is used by one conditional delete, so it works once, and a newer link
 * for the same account replaces the older one.
 */
export class SetupLinks {
  constructor(private readonly db: Kysely<DeskbellTables>) {}

  async issue(accountId: string, now: number): Promise<string> {
    const token = newSecretToken();
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('account_setup_links').where('account_id', '=', accountId).execute();
      await trx
        .insertInto('account_setup_links')
        .values({ token_hash: hashToken(token), account_id: accountId, expires_at: now + LIFETIME_MS })
        .execute();
    });
    return token;
  }

  /** Whose link it is, without using it; undefined for an unknown, used or expired link. */
  async peek(token: string, now: number): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('account_setup_links')
      .select('account_id')
      .where('token_hash', '=', hashToken(token))
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row?.account_id;
  }

  /** Uses the link: the account's id for the one caller whose delete took it, else undefined. */
  async redeem(token: string, now: number): Promise<string | undefined> {
    const row = await this.db
      .deleteFrom('account_setup_links')
      .where('token_hash', '=', hashToken(token))
      .where('expires_at', '>', now)
      .returning('account_id')
      .executeTakeFirst();
    return row?.account_id;
  }

  /** The account's links end (it chose a password another way, or was deactivated). */
  async revokeAll(accountId: string): Promise<void> {
    await this.db.deleteFrom('account_setup_links').where('account_id', '=', accountId).execute();
  }
}
