import { DeskbellError } from '../../src/protocol/ack';
import type { StaffChat } from '../../src/protocol/models';
import type { OperatorRequests } from '../../src/protocol/operator-contract';
import type { Account } from '../auth/account-repository';
import type { DeskbellContext } from '../context';
import { rooms } from '../sockets/rooms';
import type { EventHandlers } from '../sockets/serve-events';
import type { OperatorSocket } from '../sockets/socket-types';

type StaffEvents = 'staff:open' | 'staff:send' | 'staff:list' | 'staff:history';

/** Supervisors and admins review staff chats; operators read only their own. */
function reviewsAll(account: Account): boolean {
  return account.role !== 'operator';
}

function isMember(chat: StaffChat, accountId: string): boolean {
  return chat.members.some((member) => member.id === accountId);
}

/**
 * Staff-to-staff chats: clicking a colleague's name opens the one archived
 * chat between the two, with its whole history, on any machine. Messages
 * reach both colleagues' windows through their account rooms, and the
 * windows of supervisors reviewing the chat through its review room.
 */
export function staffChatHandlers(
  ctx: DeskbellContext,
  socket: OperatorSocket,
  account: Account,
): Pick<EventHandlers<OperatorRequests>, StaffEvents> {
  const readable = async (staffChatId: string): Promise<StaffChat> => {
    const chat = await ctx.repos.staffChats.find(staffChatId);
    if (!chat || !(isMember(chat, account.id) || reviewsAll(account))) {
      // The same answer whether it exists or not: an operator learns nothing about colleagues' chats.
      throw new DeskbellError('NOT_FOUND', 'There is no staff chat of yours with that id.');
    }
    return chat;
  };

  return {
    'staff:open': async ({ operatorId }) => {
      if (operatorId === account.id) {
        throw new DeskbellError('BAD_REQUEST', 'staff:open: operatorId: that is you; pick a colleague');
      }
      const colleague = await ctx.repos.accounts.findById(operatorId);
      if (!colleague)
        throw new DeskbellError('NOT_FOUND', 'staff:open: operatorId: there is no colleague with that id');
      const staffChat = await ctx.repos.staffChats.open(account.id, colleague.id, ctx.now());
      return { staffChat, messages: await ctx.repos.staffChats.listMessages(staffChat.id) };
    },

    'staff:send': async (request) => {
      const chat = await ctx.repos.staffChats.find(request.staffChatId);
      // Supervisors review, they do not write in colleagues' chats.
      if (!chat || !isMember(chat, account.id)) {
        throw new DeskbellError('NOT_FOUND', 'There is no staff chat of yours with that id.');
      }
      const { message } = await ctx.repos.staffChats.append({
        staffChatId: chat.id,
        id: request.id,
        authorId: account.id,
        authorName: account.displayName,
        body: request.body,
        createdAt: ctx.now(),
      });
      if (message.authorId !== account.id) {
        throw new DeskbellError('BAD_REQUEST', 'id: this message id is already used in this chat; make a new one');
      }
      // Announced on a retry too (the first try may have committed but not announced); merged by seq.
      const listeners = [...chat.members.map((member) => rooms.operator(member.id)), rooms.staffReview(chat.id)];
      ctx.operators.to(listeners).emit('staff:message', message);
      return { message };
    },

    'staff:list': async ({ all }) => {
      if (all && !reviewsAll(account)) {
        throw new DeskbellError('FORBIDDEN', 'Only supervisors and admins can review every staff chat.');
      }
      return { staffChats: await ctx.repos.staffChats.list(all ? { all: true } : { memberId: account.id }) };
    },

    'staff:history': async ({ staffChatId, afterSeq }) => {
      const staffChat = await readable(staffChatId);
      // A supervisor reading colleagues' chat hears its new messages live, for the one chat on screen:
      // opening another review stops the last one, so an all-day console does not follow them all.
      if (!isMember(staffChat, account.id)) {
        const reviewRoom = rooms.staffReview(staffChat.id);
        for (const room of socket.rooms) {
          if (room !== reviewRoom && room.startsWith(rooms.staffReview(''))) await socket.leave(room);
        }
        await socket.join(reviewRoom);
      }
      return { staffChat, messages: await ctx.repos.staffChats.listMessages(staffChat.id, afterSeq) };
    },
  };
}
