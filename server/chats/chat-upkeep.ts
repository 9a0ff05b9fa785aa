import { DeskbellError } from '../../src/protocol/ack';
import type { DeskbellContext } from '../context';
import { isDatabaseUnavailable } from '../storage/database-errors';
import { rooms } from '../sockets/rooms';
import { announceTransition, runChatAction } from './chat-actions';
import { handBackVanishedOperators, sweepOwnerPresence } from '../operators/hand-back';
import { sweepPatronPresence, timeOutAbsentPatrons } from '../patrons/patron-lifecycle';
import { actOnScreenshareDeadlines, sweepScreenshareSockets } from '../screenshare/screenshare-upkeep';

/**
 * Acts on the stored deadlines: transfers nobody took in time return to the
 * operator who started them, with an alert; patrons who did not come back in
 * time are declared gone (a waiting chat ends unanswered); operators whose
 * consoles stayed gone past the grace period hand their chats back to the
 * queue. Every few seconds it also sweeps for chats whose patron or owner is
 * not connected anywhere yet has no deadline (a restart in between). Runs on
 * every node; each deadline is acted on by one conditional write, so exactly
 * one node does it (a colleague accepting, or a patron coming back, at the
 * same moment wins or loses cleanly). Returns the function that stops it.
 */
export function startChatUpkeep(ctx: DeskbellContext): () => void {
  let running = false;
  const startedAt = ctx.now();
  // The first sweep waits a whole period: after a restart, widgets and consoles need a moment to reconnect.
  let nextSweepAt = ctx.now() + ctx.timings.presenceSweepMs;
  const tick = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const now = ctx.now();
      for (const chatId of await ctx.repos.transitions.listExpiredTransfers(now)) {
        await returnTransfer(ctx, chatId, now);
      }
      await timeOutAbsentPatrons(ctx, now);
      await actOnScreenshareDeadlines(ctx, now);
      // A node that just started gives every console one grace period to reconnect first: a restart
      // that took longer than the grace must not hand back the chats of librarians who are all still there.
      if (now - startedAt >= ctx.timings.presenceGraceMs) await handBackVanishedOperators(ctx);
      if (now >= nextSweepAt) {
        nextSweepAt = now + ctx.timings.presenceSweepMs;
        await sweepPatronPresence(ctx, now);
        await sweepOwnerPresence(ctx);
        await ctx.presence.sweep();
        await sweepScreenshareSockets(ctx);
      }
    } catch (error) {
      // The database away for a moment is no bug: the next tick tries again.
      if (isDatabaseUnavailable(error)) ctx.log.warn({ err: error }, 'chat upkeep waits for the database');
      else ctx.log.error({ err: error }, 'chat upkeep failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void ctx.inFlight.track(tick()), ctx.timings.upkeepIntervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
}

async function returnTransfer(ctx: DeskbellContext, chatId: string, now: number): Promise<void> {
  try {
    const { before, transition } = await runChatAction(ctx, chatId, () => ({ type: 'transfer-timeout', now }));
    const from = before.state.transfer?.from;
    if (!from) return; // a timeout is refused without a pending transfer: only for the types
    ctx.operators.in(rooms.operator(from.id)).socketsJoin(rooms.chat(chatId));
    await announceTransition(ctx, before.chat, transition);
    // The colleague who let it run out stops following it (a preview of the offer joined them).
    const offeredTo = before.state.transfer?.to;
    if (offeredTo?.kind === 'operator') {
      ctx.operators.in(rooms.operator(offeredTo.id)).socketsLeave(rooms.chat(chatId));
    }
    ctx.operators.to(rooms.operator(from.id)).emit('chat:transfer-returned', { chat: transition.chat });
  } catch (error) {
    // Accepted, claimed or ended meanwhile: nothing to return.
    if (!(error instanceof DeskbellError)) throw error;
  }
}
