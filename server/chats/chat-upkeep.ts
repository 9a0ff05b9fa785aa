import { DeskbellError } from '../../src/protocol/ack';
import type { DeskbellContext } from '../context';
import { isDatabaseUnavailable } from '../storage/database-errors';
import { rooms } from '../sockets/rooms';
import { announceTransition, runChatAction } from './chat-actions';

/**
 * Returns transfers nobody took in time to the operator who started them,
 * with an alert. Runs on every node; the state machine's conditional write
 * lets exactly one node return each transfer (a colleague accepting at the
 * same moment wins or loses cleanly). Returns the function that stops it.
 */
export function startChatUpkeep(ctx: DeskbellContext): () => void {
  let running = false;
  const tick = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const now = ctx.now();
      for (const chatId of await ctx.repos.transitions.listExpiredTransfers(now)) {
        await returnTransfer(ctx, chatId, now);
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
