import { DeskbellError } from '../../src/protocol/ack';
import type { ChatSummary } from '../../src/protocol/models';
import type { Account } from '../auth/account-repository';
import { actorFacts } from '../auth/actor';
import { whereabouts } from '../cluster/census';
import { announceTransition, runChatAction } from '../chats/chat-actions';
import type { DeskbellContext } from '../context';
import { rooms } from '../sockets/rooms';
import { type AfterAnswer, onNextTurn } from '../sockets/serve-events';

/**
 * An operator who leaves hands their chats on. Asked from the console before
 * logging out or going Offline ("hand them back to the queue"), or done by the
 * server for an operator whose every console stayed gone past the presence
 * grace period (a closed laptop, a crashed browser): each active chat they own
 * goes back to its department's queue, marked as returned by them, and
 * pops up for the colleagues who monitor it.
 */
export async function handBackChats(
  ctx: DeskbellContext,
  account: Account,
  why: 'leaving' | 'connection-lost',
  afterAnswer: AfterAnswer = onNextTurn,
): Promise<ChatSummary[]> {
  const actor = { ...actorFacts(account), name: account.displayName };
  const returned: ChatSummary[] = [];
  for (const chatId of await ctx.repos.lifecycle.listActiveChatsOwnedBy(account.id)) {
    try {
      const { before, transition } = await runChatAction(ctx, chatId, () => ({ type: 'hand-back', actor, why }));
      await announceTransition(ctx, before.chat, transition, afterAnswer);
      // The queue hears it as a chat arriving, with who returned it; the one leaving is not alerted.
      ctx.operators
        .to(rooms.department(transition.chat.departmentId))
        .except(rooms.operator(account.id))
        .emit('chat:new', transition.chat);
      returned.push(transition.chat);
    } catch (error) {
      // Ended, transferred or taken over meanwhile: not theirs to hand back any more.
      if (!(error instanceof DeskbellError) || error.code === 'INTERNAL') throw error;
    }
  }
  return returned;
}

function consoleWhereabouts(ctx: DeskbellContext, accountId: string) {
  return whereabouts(ctx.clusterWatch, ctx.operators.in(rooms.operator(accountId)));
}

/** The upkeep's part: operators whose grace period is over, each taken by exactly one process. */
export async function handBackVanishedOperators(ctx: DeskbellContext): Promise<void> {
  for (const { accountId, dueAt } of await ctx.repos.lifecycle.listHandbacksDue(ctx.now())) {
    if (!(await ctx.repos.lifecycle.takeHandbackDue(accountId, dueAt))) continue;
    // Back through a node whose clearing write was lost, or maybe on a node that could not answer: they
    // keep their chats (the sweep gives them a new deadline once it is sure they are gone).
    if ((await consoleWhereabouts(ctx, accountId)) !== 'gone') continue;
    const account = await ctx.repos.accounts.findById(accountId);
    if (account) await handBackChats(ctx, account, 'connection-lost');
  }
}

/**
 * The sweep's part: owners of active chats with no console on any node and no
 * deadline (a node stopped without telling, or the server restarted while they
 * were away) get one now, so no chat stays with somebody who is not there.
 */
export async function sweepOwnerPresence(ctx: DeskbellContext): Promise<void> {
  for (const accountId of await ctx.repos.lifecycle.listOwnersWithoutDeadline()) {
    if ((await consoleWhereabouts(ctx, accountId)) === 'gone') {
      await ctx.repos.lifecycle.setHandbackDue(accountId, ctx.now() + ctx.timings.presenceGraceMs);
    }
  }
}
