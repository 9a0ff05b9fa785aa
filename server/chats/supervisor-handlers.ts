import type { ReassignTarget } from '../../src/domain/chat-state-machine';
import { DeskbellError } from '../../src/protocol/ack';
import type { OperatorRequests } from '../../src/protocol/operator-contract';
import type { Account } from '../auth/account-repository';
import { actorFacts } from '../auth/actor';
import type { DeskbellContext } from '../context';
import { rooms } from '../sockets/rooms';
import type { EventHandlers } from '../sockets/serve-events';
import { announceTransition, type ChatActionOutcome, runChatAction } from './chat-actions';

type SupervisorEvents = 'chat:reassign' | 'chat:take-over';

/**
 * A supervisor or admin can take any chat: give it to a colleague or take it
 * themselves. Who may is asked of the access rules (`supervise`), whether the
 * colleague can take it of the state machine, with their presence as the
 * server sees it (as a transfer does). The new owner's windows follow the
 * chat from now on and the previous owner's stop, after they saw the line.
 */
export function supervisorHandlers(
  ctx: DeskbellContext,
  account: Account,
): Pick<EventHandlers<OperatorRequests>, SupervisorEvents> {
  const me = { ...actorFacts(account), name: account.displayName };

  const colleague = async (id: string): Promise<ReassignTarget> => {
    const presence = await ctx.presence.presenceOf(id);
    if (!presence)
      throw new DeskbellError('NOT_FOUND', 'chat:reassign: toOperatorId: there is no colleague with that id');
    return {
      id: presence.id,
      name: presence.displayName,
      status: presence.status,
      departmentIds: presence.departmentIds,
    };
  };

  /** Moves the chat's room from the previous owner's windows to the new owner's, around the announcement. */
  const handOver = async (
    { before, transition }: ChatActionOutcome,
    afterAnswer: Parameters<typeof announceTransition>[3],
  ) => {
    const chatId = transition.chat.id;
    const newOwner = transition.chat.ownerId;
    if (newOwner) ctx.operators.in(rooms.operator(newOwner)).socketsJoin(rooms.chat(chatId));
    await announceTransition(ctx, before.chat, transition, afterAnswer);
    // After the announcement, so the previous owner's windows still see the line saying who has it now.
    const previous = before.chat.ownerId;
    if (previous && previous !== newOwner) ctx.operators.in(rooms.operator(previous)).socketsLeave(rooms.chat(chatId));
  };

  return {
    'chat:reassign': async ({ chatId, toOperatorId }, afterAnswer) => {
      const to = await colleague(toOperatorId);
      const outcome = await runChatAction(ctx, chatId, () => ({ type: 'reassign', actor: me, to }));
      await handOver(outcome, afterAnswer);
      const { chat } = outcome.transition;
      // Theirs at once, with its history, so their console lists it under My chats without a reload.
      ctx.operators
        .to(rooms.operator(to.id))
        .emit('chat:assigned', { chat, messages: await ctx.repos.messages.listAfter(chatId, 0) });
      return { chat };
    },

    'chat:take-over': async ({ chatId }, afterAnswer) => {
      const outcome = await runChatAction(ctx, chatId, () => ({ type: 'take-over', actor: me }));
      await handOver(outcome, afterAnswer);
      return { chat: outcome.transition.chat, messages: await ctx.repos.messages.listAfter(chatId, 0) };
    },
  };
}
