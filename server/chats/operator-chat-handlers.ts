import { assertMay, chatAccessOf } from '../../src/domain/chat-access';
import { decide } from '../../src/domain/chat-state-machine';
import { DeskbellError } from '../../src/protocol/ack';
import type { ChatSummary } from '../../src/protocol/models';
import type { OperatorRequests } from '../../src/protocol/operator-contract';
import type { Account } from '../auth/account-repository';
import { actorFacts } from '../auth/actor';
import type { DeskbellContext } from '../context';
import { rooms } from '../sockets/rooms';
import type { EventHandlers } from '../sockets/serve-events';
import type { OperatorSocket } from '../sockets/socket-types';
import { announceTransition, runChatAction } from './chat-actions';
import { announceChatUpdate, announceMessage } from './chat-broadcast';

type ChatEvents =
  'chat:preview' | 'chat:claim' | 'chat:send' | 'chat:end' | 'chat:save-analytics' | 'chat:transcript' | 'chats:ended';

/**
 * What an operator does with patron chats: preview, Claim Chat, reply,
 * End Chat, save the analytics entry, read transcripts. The access rules and
 * the state machine are asked first for a clear refusal; the conditional update in the repository
 * has the last word when two requests race.
 */
export function operatorChatHandlers(
  ctx: DeskbellContext,
  socket: OperatorSocket,
  account: Account,
): Pick<EventHandlers<OperatorRequests>, ChatEvents> {
  const actor = actorFacts(account);
  const me = { ...actor, name: account.displayName };

  const load = async (chatId: string): Promise<ChatSummary> => {
    const chat = await ctx.repos.chats.find(chatId);
    if (!chat) throw new DeskbellError('CHAT_NOT_FOUND', 'There is no chat with that id.');
    return chat;
  };

  return {
    'chat:preview': async ({ chatId }) => {
      const loaded = await ctx.repos.transitions.load(chatId);
      if (!loaded) throw new DeskbellError('CHAT_NOT_FOUND', 'There is no chat with that id.');
      assertMay('see', loaded.state, actor);
      const { chat } = loaded;
      // Follow the chat while it is open so the preview stays live.
      if (chat.status !== 'ended') await socket.join(rooms.chat(chat.id));
      const [messages, patronHistory] = await Promise.all([
        ctx.repos.messages.listAfter(chat.id, 0),
        ctx.repos.patronHistory.earlierChats(chat, actor),
      ]);
      return { chat: ctx.patronPresence.decorate(chat), messages, patronHistory };
    },

    'chat:claim': async ({ chatId }, afterAnswer) => {
      const { before, transition } = await runChatAction(ctx, chatId, () => ({ type: 'claim', actor: me }));
      ctx.operators.in(rooms.operator(account.id)).socketsJoin(rooms.chat(chatId));
      await announceTransition(ctx, before.chat, transition, afterAnswer);
      return { chat: transition.chat, messages: await ctx.repos.messages.listAfter(chatId, 0) };
    },

    'chat:send': async (request) => {
      // Written first: the store's conditional write is the rule (the chat active, the author its owner or
      // a participant), and a retried send of a stored message is answered with it, whatever happened since.
      // Only a refusal asks the state machine, for the reason.
      const result = await ctx.repos.messages.append(
        {
          chatId: request.chatId,
          id: request.id,
          authorKind: 'operator',
          authorId: account.id,
          authorName: account.displayName,
          body: request.body,
          createdAt: ctx.now(),
        },
        { operatorId: account.id },
      );
      if (result.kind === 'refused') {
        const fresh = await ctx.repos.transitions.load(request.chatId);
        if (!fresh) throw new DeskbellError('CHAT_NOT_FOUND', 'There is no chat with that id.');
        decide(fresh.state, { type: 'send', actor: me });
        // The machine allows it, yet the write missed: the chat changed in between.
        throw new DeskbellError('CHAT_NOT_ACTIVE', 'This chat is not open for replies.');
      }
      // A retry is announced again: the first try may have committed and then lost its connection
      // before announcing. Everyone merges by sequence number, so nobody sees it twice.
      announceMessage(ctx, result.message);
      return { message: result.message };
    },

    'chat:end': async ({ chatId }, afterAnswer) => {
      const { before, transition } = await runChatAction(ctx, chatId, () => ({ type: 'end', actor: me }));
      await announceTransition(ctx, before.chat, transition, afterAnswer);
      return { chat: transition.chat };
    },

    'chat:save-analytics': async (request) => {
      const chat = await load(request.chatId);
      assertMay('save-analytics', chatAccessOf(chat), actor);
      const questionType = await ctx.repos.departments.findQuestionType(request.questionTypeId);
      if (!questionType?.active) {
        throw new DeskbellError('BAD_REQUEST', 'chat:save-analytics: questionTypeId: is not one of the Question Types');
      }
      const entry = await ctx.repos.analytics.save({
        chatId: chat.id,
        questionTypeId: questionType.id,
        timeSpentMinutes: request.timeSpentMinutes,
        notes: request.notes,
        operatorId: account.id,
        savedAt: ctx.now(),
        readLevel: request.readLevel,
      });
      announceChatUpdate(ctx, await load(chat.id), { toPatron: false });
      return { entry };
    },

    'chat:transcript': async ({ chatId }) => {
      const loaded = await ctx.repos.transitions.load(chatId);
      if (!loaded) throw new DeskbellError('CHAT_NOT_FOUND', 'There is no chat with that id.');
      assertMay('read-transcript', loaded.state, actor);
      const { chat } = loaded;
      const [messages, analytics, patronHistory, rating] = await Promise.all([
        ctx.repos.messages.listAfter(chat.id, 0),
        ctx.repos.analytics.find(chat.id),
        ctx.repos.patronHistory.earlierChats(chat, actor),
        ctx.repos.reports.ratingOf(chat.id),
      ]);
      return { chat, messages, analytics: analytics ?? null, patronHistory, rating };
    },

    'chats:ended': async (request) => {
      return { chats: await ctx.repos.chats.listEnded(actor, request) };
    },
  };
}
