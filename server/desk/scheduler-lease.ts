import type { Kysely } from 'kysely';
import type { DeskbellTables } from '../storage/schema';

/**
 * Which server node runs a periodic job: a row per job name, held until
 * `expires_at`. The holder renews it every run; when it stops renewing (the
 * node died), another node takes it over once it has expired. The lease only
 * saves duplicate work: every effect a job has is still one conditional
 * write, so two nodes that both believe they hold it (a clock that jumped)
 * still act once.
 */
export class SchedulerLeases {
  constructor(private readonly db: Kysely<DeskbellTables>) {}

  /** True when `holder` holds the lease on `name` until now + ttlMs (taken, or renewed). */
  async hold(name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
    const expiresAt = now + ttlMs;
    const result = await this.db
      .insertInto('scheduler_leases')
      .values({ name, holder, expires_at: expiresAt })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet({ holder, expires_at: expiresAt })
          .where((eb) =>
            eb.or([eb('scheduler_leases.holder', '=', holder), eb('scheduler_leases.expires_at', '<', now)]),
          ),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Lets go at shutdown, so another node takes over at once instead of after the expiry. */
  async release(name: string, holder: string): Promise<void> {
    await this.db.deleteFrom('scheduler_leases').where('name', '=', name).where('holder', '=', holder).execute();
  }
}
