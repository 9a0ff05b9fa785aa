import { newId } from '../storage/ids';
import type { DeskbellContext } from '../context';
import { isDatabaseUnavailable } from '../storage/database-errors';
import { watchForDarkDesks } from './dark-desk-watch';
import { climbEscalationLadders } from './escalation-watch';

const LEASE = 'desk-watch';

/**
 * The one scheduler of the supervisor's desk: every few seconds, on the one
 * node that holds the `desk-watch` lease, it climbs the escalation ladders and
 * checks every department's coverage. Nothing it decides lives only in
 * memory: rungs and alarms are rows, so a restart (or another node taking
 * the lease over) carries on where it stopped and never acts twice.
 * Returns the function that stops it (and lets the lease go).
 */
export function startDeskWatch(ctx: DeskbellContext): () => Promise<void> {
  const holder = newId();
  const ttlMs = ctx.timings.deskWatchIntervalMs * 3;
  let running = false;
  const tick = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const now = ctx.now();
      if (!(await ctx.repos.leases.hold(LEASE, holder, now, ttlMs))) return;
      await climbEscalationLadders(ctx, now);
      await watchForDarkDesks(ctx, now);
    } catch (error) {
      if (isDatabaseUnavailable(error)) ctx.log.warn({ err: error }, 'desk watch waits for the database');
      else ctx.log.error({ err: error }, 'desk watch failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void ctx.inFlight.track(tick()), ctx.timings.deskWatchIntervalMs);
  timer.unref?.();
  return async () => {
    clearInterval(timer);
    await ctx.repos.leases.release(LEASE, holder).catch(() => undefined);
  };
}
