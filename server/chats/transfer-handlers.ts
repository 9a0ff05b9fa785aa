import { assertMay } from '../../src/domain/chat-access';
import { DeskbellError } from '../../src/protocol/ack';
import type { OperatorStatus, TransferTarget } from '../../src/protocol/models';
import type { OperatorRequests } from '../../src/protocol/operator-contract';
import type { Account } from '../auth/account-repository';
import { actorFacts } from '../auth/actor';
import type { DeskbellContext } from '../context';
import { rooms } from '../sockets/rooms';
import type { EventHandlers } from '../sockets/serve-events';
import type { OperatorSocket } from '../sockets/socket-types';
import { announceTransition, runChatAction } from './chat-actions';

type TeamEvents = 'chat:transfer' | 'chat:accept-transfer' | 'chat:decline-transfer' | 'chat:leave' | 'chat:typing';

/**
 * Working a chat as a team: transfer it (to a colleague, who must accept,
 * or back into a department's queue), accept a transfer, leave a group
 * chat, and the typing indicator. Who may is asked of the access rules,
 * what happens of the state machine.
 */
export function transferHandlers(
  ctx: DeskbellContext,
  socket: OperatorSocket,
  account: Account,
): Pick<EventHandlers<OperatorRequests>, TeamEvents> {
  const me = { ...actorFacts(account), name: account.displayName };

  const resolveTarget = async (to: {
    kind: 'operator' | 'department';
    id: string;
  }): Promise<{ target: TransferTarget; status?: OperatorStatus }> => {
    if (to.kind === 'department') {
      const department = await ctx.repos.departments.find(to.id);
      if (!department) throw new DeskbellError('DEPARTMENT_NOT_FOUND', `There is no chat department "${to.id}".`);
      return { target: { kind: 'department', id: department.id, name: department.name } };
    }
    const presence = await ctx.presence.presenceOf(to.id);
    if (!presence) throw new DeskbellError('NOT_FOUND', 'chat:transfer: to.id: there is no colleague with that id');
    return { target: { kind: 'operator', id: presence.id, name: presence.displayName }, status: presence.status };
  };

  return {
    'chat:transfer': async (request, afterAnswer) => {
      const { target, status } = await resolveTarget(request.to);
      const { before, transition } = await runChatAction(ctx, request.chatId, () => ({
        type: 'transfer',
        actor: me,
        to: target,
        ...(status ? { targetStatus: status } : {}),
        briefing: request.briefing,
        now: ctx.now(),
        timeoutMs: ctx.timings.transferTimeoutMs,
      }));
      await announceTransition(ctx, before.chat, transition, afterAnswer);
      if (target.kind === 'operator') {
        ctx.operators.to(rooms.operator(target.id)).emit('chat:transfer-offered', { chat: transition.chat });
      } else {
        // Back in the queue: it pops up (with "transferred from" and the briefing) for everyone monitoring it.
        ctx.operators.to(rooms.department(target.id)).emit('chat:new', transition.chat);
      }
      return { chat: transition.chat };
    },

    'chat:accept-transfer': async ({ chatId }, afterAnswer) => {
      const { before, transition } = await runChatAction(ctx, chatId, () => ({ type: 'accept-transfer', actor: me }));
      ctx.operators.in(rooms.operator(account.id)).socketsJoin(rooms.chat(chatId));
      await announceTransition(ctx, before.chat, transition, afterAnswer);
      return { chat: transition.chat, messages: await ctx.repos.messages.listAfter(chatId, 0) };
    },

    'chat:decline-transfer': async ({ chatId }, afterAnswer) => {
      const { before, transition } = await runChatAction(ctx, chatId, () => ({ type: 'decline-transfer', actor: me }));
      const from = before.state.transfer?.from;
      // The machine refuses a decline without a pending transfer, so `from` is there; the check is for the types.
      if (!from) throw new DeskbellError('NO_PENDING_TRANSFER', 'There is no transfer waiting for you in this chat.');
      await announceTransition(ctx, before.chat, transition, afterAnswer);
      // They said no: their windows stop following the chat (a preview of the offer joined them to it).
      ctx.operators.in(rooms.operator(account.id)).socketsLeave(rooms.chat(chatId));
      // The same news as a transfer that timed out, saying who declined, so the sender hears it at once.
      ctx.operators
        .to(rooms.operator(from.id))
        .emit('chat:transfer-returned', { chat: transition.chat, declinedBy: { id: account.id, name: me.name } });
      return { chat: transition.chat };
    },

    'chat:leave': async ({ chatId }, afterAnswer) => {
      const { before, transition } = await runChatAction(ctx, chatId, () => ({ type: 'leave', actor: me }));
      await announceTransition(ctx, before.chat, transition, afterAnswer);
      // After the announcement, so the leaver's windows still see their own "has left" line.
      ctx.operators.in(rooms.operator(account.id)).socketsLeave(rooms.chat(chatId));
      return { chat: transition.chat };
    },

    'chat:typing': async ({ chatId, typing }) => {
      const loaded = await ctx.repos.transitions.load(chatId);
      if (!loaded) throw new DeskbellError('CHAT_NOT_FOUND', 'There is no chat with that id.');
      // Whoever may write in the chat may say they are typing; nobody else.
      assertMay('write', loaded.state, me);
      socket.to(rooms.chat(chatId)).emit('chat:typing', {
        chatId,
        typing,
        authorKind: 'operator',
        name: account.displayName,
        operatorId: account.id,
      });
      ctx.patrons.to(rooms.chat(chatId)).emit('chat:typing', { chatId, typing, name: account.displayName });
      return { relayed: true };
    },
  };
}
