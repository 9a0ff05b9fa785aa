import { chatAccessOf, isMember } from '../../src/domain/chat-access';
import { isOpen } from '../../src/domain/screenshare-session';
import { DeskbellError } from '../../src/protocol/ack';
import type { ChatSummary } from '../../src/protocol/models';
import type { DeskbellContext } from '../context';
import { whereabouts } from '../cluster/census';
import type { StoredScreenshare } from './screenshare-repository';
import { changeScreenshare } from './screenshare-service';

/**
 * What ends a screenshare without anyone clicking End: a request nobody
 * answered, a Join nobody launched, a side whose connection stayed away past
 * the grace, a chat that ended or that the host is no longer in. Each is a
 * stored deadline or a stored fact acted on with a conditional write (see
 * changeScreenshare), so after a restart it still happens, and once.
 */

/** A refusal means someone else changed the session first: nothing to do. */
async function quietly(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (error) {
    if (!(error instanceof DeskbellError)) throw error;
  }
}

/** A socket that was one side of open sessions went away: they end unless it is back within the grace. */
export async function screenshareSideGone(ctx: DeskbellContext, socketId: string): Promise<void> {
  for (const stored of await ctx.repos.screenshares.listOpenBySocket(socketId)) {
    await startGrace(ctx, stored);
  }
}

async function startGrace(ctx: DeskbellContext, stored: StoredScreenshare): Promise<void> {
  if (stored.graceUntil !== null) return;
  const graceUntil = ctx.now() + ctx.timings.screenshareGraceMs;
  // No state change and no line: only the deadline, written on the version like every change.
  await ctx.repos.screenshares.update(stored, stored.session, { graceUntil });
}

/** Every tick: expiries and graces that are past. */
export async function actOnScreenshareDeadlines(ctx: DeskbellContext, now: number): Promise<void> {
  for (const stored of await ctx.repos.screenshares.listDue(now)) {
    // Decided on the fresh row: a side that came back meanwhile cleared its grace, and expiry is refused if not due.
    await quietly(
      changeScreenshare(ctx, stored.session.id, (fresh) => ({
        action: { type: fresh.graceUntil !== null && fresh.graceUntil <= ctx.now() ? 'connection-lost' : 'expire' },
        role: null,
      })),
    );
  }
}

/**
 * Every few seconds: open sessions whose side's socket is gone everywhere,
 * with no grace running (the node that held it restarted), get their grace.
 */
export async function sweepScreenshareSockets(ctx: DeskbellContext): Promise<void> {
  for (const stored of await ctx.repos.screenshares.listOpen()) {
    if (stored.graceUntil !== null) continue;
    const sides: Array<{ socket: string | null; patron: boolean }> = [
      { socket: stored.hostSocket, patron: false },
      { socket: stored.guestSocket, patron: stored.session.guest.kind === 'patron' },
    ];
    for (const side of sides) {
      if (!side.socket) continue;
      const namespace = side.patron ? ctx.patrons : ctx.operators;
      if ((await whereabouts(ctx.clusterWatch, namespace.in(side.socket))) === 'gone') {
        await startGrace(ctx, stored);
        break;
      }
    }
  }
}

/**
 * A patron chat changed: a screenshare of it ends when the chat ended, or
 * when its host is no longer in it (transferred, handed back, left).
 */
export async function endScreensharesOutOfPlace(ctx: DeskbellContext, chat: ChatSummary): Promise<void> {
  const open = await ctx.repos.screenshares.listOpenOfChat(chat.id);
  for (const stored of open) {
    if (!isOpen(stored.session.state)) continue;
    const hostStays = chat.status === 'active' && isMember(chatAccessOf(chat), stored.session.host.id ?? '');
    if (hostStays) continue;
    await quietly(changeScreenshare(ctx, stored.session.id, () => ({ action: { type: 'chat-ended' }, role: null })));
  }
}
