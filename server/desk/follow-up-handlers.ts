import { DeskbellError } from '../../src/protocol/ack';
import type { PatronRequests } from '../../src/protocol/patron-contract';
import { announceTransition, runChatAction } from '../chats/chat-actions';
import type { DeskbellContext } from '../context';
import { currentChat } from '../patrons/patron-handlers';
import { rooms } from '../sockets/rooms';
import type { SocketEventHandlers } from '../sockets/serve-events';
import type { PatronSocket } from '../sockets/socket-types';

/**
 * After T3 the widget offers to leave the question for a reply by email
 * instead of waiting. Leaving it stores a follow-up (the desk answers it by
 * email later, from the Desk view), notes it in the chat for staff, and
 * ends the waiting chat as the patron leaving, so nobody claims a chat whose
 * patron has gone to wait for an email.
 */
export function followUpHandlers(
  ctx: DeskbellContext,
): Pick<SocketEventHandlers<PatronRequests, PatronSocket>, 'chat:leave-follow-up'> {
  return {
    'chat:leave-follow-up': async ({ name, email, question }, socket, afterAnswer) => {
      const chat = await currentChat(ctx, socket);
      if (chat.status !== 'waiting' || (chat.escalationStep ?? 0) < 3) {
        throw new DeskbellError(
          'CHAT_NOT_ACTIVE',
          chat.status === 'active'
            ? 'A librarian has joined your chat: ask them here.'
            : 'Leaving a question for an email reply is offered only while you wait.',
        );
      }
      const now = ctx.now();
      const followUp = await ctx.repos.followUps.add({
        chatId: chat.id,
        departmentId: chat.departmentId,
        patronName: name || chat.patron.name,
        email,
        question,
        createdAt: now,
      });
      const note = await ctx.repos.staffNotes.add({
        chatId: chat.id,
        at: now,
        authorId: null,
        authorName: followUp.patronName ?? 'Patron',
        kind: 'follow-up',
        body: `Left a question for a reply by email to ${email}: ${question}`,
      });
      const { before, transition } = await runChatAction(ctx, chat.id, () => ({ type: 'patron-end' }));
      await announceTransition(ctx, before.chat, transition, afterAnswer);
      ctx.operators.to(rooms.chat(chat.id)).emit('chat:staff-note', note);
      ctx.operators.to([rooms.supervisors(), rooms.department(chat.departmentId)]).emit('follow-up:changed', followUp);
      return { followUpId: followUp.id };
    },
  };
}
