import type { DeskbellContext } from '../context';
import { rooms } from '../sockets/rooms';
import { departmentCoverage } from './coverage';

/**
 * The dark-desk alarm, acted on: for each department, note when someone is
 * Online for it, raise the alarm when it has been dark too long in its hours
 * and clear it when someone comes back or the desk closes. Raising and
 * clearing are conditional writes, so only the node whose write took tells
 * the supervisors (`desk:alarm`), once.
 */
export async function watchForDarkDesks(ctx: DeskbellContext, now: number): Promise<void> {
  for (const { decision, view, watched } of await departmentCoverage(ctx, now)) {
    // Once per department, not on every run: the row is there from the first.
    if (!watched) await ctx.repos.deskWatch.startWatching(view.id, now);
    if (decision.kind === 'covered' || decision.kind === 'clear') await ctx.repos.deskWatch.markCovered(view.id, now);
    if (decision.kind === 'raise' && (await ctx.repos.deskWatch.raiseAlarm(view.id, now))) {
      ctx.log.warn({ departmentId: view.id, darkSince: decision.darkSince }, 'dark desk: nobody is Online in hours');
      ctx.operators
        .to(rooms.supervisors())
        .emit('desk:alarm', { department: { ...view, coverage: 'alarm' }, raised: true });
    }
    if (decision.kind === 'clear' && (await ctx.repos.deskWatch.clearAlarm(view.id))) {
      ctx.log.info({ departmentId: view.id }, 'dark desk: covered again');
      ctx.operators.to(rooms.supervisors()).emit('desk:alarm', { department: view, raised: false });
    }
  }
}
