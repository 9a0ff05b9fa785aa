import { assertMay, chatAccessOf } from '../../src/domain/chat-access';
import { DeskbellError } from '../../src/protocol/ack';
import type { ReadMark } from '../../src/protocol/models';
import type { OperatorRequests } from '../../src/protocol/operator-contract';
import type { Account } from '../auth/account-repository';
import { actorFacts } from '../auth/actor';
import type { DeskbellContext } from '../context';
import { rooms } from '../sockets/rooms';
import type { EventHandlers } from '../sockets/serve-events';
import type { OperatorSocket } from '../sockets/socket-types';

/**
 * Read marks: a console says how far the librarian has read a chat or a
 * staff chat (while it is on screen in a visible, focused window). Only
 * chats the account may see (the one access rule) and its own staff chats;
 * a mark is never ahead of the chat's newest message and never goes back.
 * The account's other windows hear the new mark, so a chat read at one desk
 * stops counting as unread at the other.
 */
export function readHandlers(
  ctx: DeskbellContext,
  socket: OperatorSocket,
  account: Account,
): Pick<EventHandlers<OperatorRequests>, 'chat:read' | 'staff:read'> {
  const actor = actorFacts(account);

  const store = async (target: Omit<ReadMark, 'seq'>, seq: number): Promise<ReadMark> => {
    const mark = await ctx.repos.readMarks.advance(account.id, target, seq, ctx.now());
    // Not back to the asking window: it has its answer.
    socket.to(rooms.operator(account.id)).emit('reads:marked', mark);
    return mark;
  };

  return {
    'chat:read': async ({ chatId, seq }) => {
      const chat = await ctx.repos.chats.find(chatId);
      if (!chat) throw new DeskbellError('CHAT_NOT_FOUND', 'There is no chat with that id.');
      assertMay('see', chatAccessOf(chat), actor);
      return store({ kind: 'chat', id: chat.id }, Math.min(seq, chat.lastSeq));
    },

    'staff:read': async ({ staffChatId, seq }) => {
      const chat = await ctx.repos.staffChats.find(staffChatId);
      // Supervisors review colleagues' staff chats but have nothing unread in them; the same answer as staff:send.
      if (!chat || !chat.members.some((member) => member.id === account.id)) {
        throw new DeskbellError('NOT_FOUND', 'There is no staff chat of yours with that id.');
      }
      return store({ kind: 'staff', id: chat.id }, Math.min(seq, chat.lastSeq));
    },
  };
}
