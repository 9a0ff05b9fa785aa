import { DeskbellError } from '../../src/protocol/ack';
import type { PatronRequests } from '../../src/protocol/patron-contract';
import type { DeskbellContext } from '../context';
import { currentChat } from '../patrons/patron-handlers';
import type { SocketEventHandlers } from '../sockets/serve-events';
import type { PatronSocket } from '../sockets/socket-types';

/**
 * "How helpful was this chat?": the widget asks when the chat ends. The answer is staff-only data
 * of the chat (the Reports page and the transcript show it; the patron's side never reads it back).
 */
export function ratingHandlers(
  ctx: DeskbellContext,
): Pick<SocketEventHandlers<PatronRequests, PatronSocket>, 'chat:rate'> {
  return {
    'chat:rate': async ({ rating, comment }, socket) => {
      const chat = await currentChat(ctx, socket);
      if (chat.status !== 'ended') {
        throw new DeskbellError('CHAT_NOT_ACTIVE', 'You can rate the chat once it has ended.');
      }
      await ctx.repos.reports.rate({ chatId: chat.id, rating, comment: comment || null, ratedAt: ctx.now() });
      return { rating };
    },
  };
}
