import {
  assertCanClaim,
  assertCanEnd,
  assertCanPreview,
  assertCanReadTranscript,
  assertCanSaveAnalytics,
  assertCanSend,
} from '../../src/domain/chat-lifecycle';
import { DeskbellError } from '../../src/protocol/ack';
import type { ChatSummary } from '../../src/protocol/models';
import type { OperatorClientEvents } from '../../src/protocol/operator-events';
import { parsePayload } from '../../src/protocol/parse';
import {
  chatRefSchema,
  endedChatsRequestSchema,
  operatorSendRequestSchema,
  saveAnalyticsRequestSchema,
} from '../../src/protocol/requests';
import type { Account } from '../auth/account-repository';
import { actorFacts, visibilityOf } from '../auth/actor';
import type { DeskbellContext } from '../context';
import { rooms } from '../sockets/rooms';
import type { EventHandlers } from '../sockets/serve-events';
import type { OperatorSocket } from '../sockets/socket-types';
import { announceChatUpdate, announceMessage } from './chat-broadcast';

type ChatEvents = Exclude<keyof OperatorClientEvents, 'console:sync' | 'status:set'>;

/**
 * What an operator does with patron chats: preview, Claim Chat, reply,
 * End Chat, save the analytics entry, read transcripts. The domain rules are
 * asked first for a clear refusal; the conditional update in the repository
 * has the last word when two requests race.
 */
export function operatorChatHandlers(
  ctx: DeskbellContext,
  socket: OperatorSocket,
  account: Account,
): Pick<EventHandlers<OperatorClientEvents>, ChatEvents> {
  const actor = actorFacts(account);

  const load = async (chatId: string): Promise<ChatSummary> => {
    const chat = await ctx.repos.chats.find(chatId);
    if (!chat) throw new DeskbellError('CHAT_NOT_FOUND', 'There is no chat with that id.');
    return chat;
  };

  return {
    'chat:preview': async (payload) => {
      const { chatId } = parsePayload(chatRefSchema, payload, 'chat:preview');
      const chat = await load(chatId);
      assertCanPreview(chat, actor);
      // Follow the chat while it is open so the preview stays live.
      if (chat.status !== 'ended') await socket.join(rooms.chat(chat.id));
      return { chat, messages: await ctx.repos.messages.listAfter(chat.id, 0) };
    },

    'chat:claim': async (payload) => {
      const { chatId } = parsePayload(chatRefSchema, payload, 'chat:claim');
      assertCanClaim(await load(chatId), actor);
      const claimed = await ctx.repos.chats.claim(chatId, account, ctx.now());
      if (!claimed) {
        // Someone else's conditional update won; tell this operator who.
        assertCanClaim(await load(chatId), actor);
        throw new DeskbellError('CHAT_NOT_WAITING', 'This chat can no longer be claimed.');
      }
      ctx.operators.in(rooms.operator(account.id)).socketsJoin(rooms.chat(chatId));
      announceMessage(ctx, claimed.message);
      announceChatUpdate(ctx, claimed.chat, { toPatron: true });
      return { chat: claimed.chat, messages: await ctx.repos.messages.listAfter(chatId, 0) };
    },

    'chat:send': async (payload) => {
      const request = parsePayload(operatorSendRequestSchema, payload, 'chat:send');
      const chat = await load(request.chatId);
      assertCanPreview(chat, actor);
      const result = await ctx.repos.messages.append(
        {
          chatId: chat.id,
          id: request.id,
          authorKind: 'operator',
          authorId: account.id,
          authorName: account.displayName,
          body: request.body,
          createdAt: ctx.now(),
        },
        { statuses: ['active'], ownerId: account.id },
      );
      if (result.kind === 'refused') {
        assertCanSend(await load(chat.id), actor);
        throw new DeskbellError('CHAT_NOT_ACTIVE', 'This chat is not open for replies.');
      }
      if (result.created) announceMessage(ctx, result.message);
      return { message: result.message };
    },

    'chat:end': async (payload) => {
      const { chatId } = parsePayload(chatRefSchema, payload, 'chat:end');
      assertCanEnd(await load(chatId), actor);
      const ended = await ctx.repos.chats.endByOperator(chatId, account, ctx.now());
      if (!ended) {
        assertCanEnd(await load(chatId), actor);
        throw new DeskbellError('CHAT_NOT_ACTIVE', 'This chat can no longer be ended.');
      }
      announceMessage(ctx, ended.message);
      announceChatUpdate(ctx, ended.chat, { toPatron: true });
      return { chat: ended.chat };
    },

    'chat:save-analytics': async (payload) => {
      const request = parsePayload(saveAnalyticsRequestSchema, payload, 'chat:save-analytics');
      const chat = await load(request.chatId);
      assertCanPreview(chat, actor);
      assertCanSaveAnalytics(chat, actor);
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
      });
      announceChatUpdate(ctx, await load(chat.id), { toPatron: false });
      return { entry };
    },

    'chat:transcript': async (payload) => {
      const { chatId } = parsePayload(chatRefSchema, payload, 'chat:transcript');
      const chat = await load(chatId);
      assertCanReadTranscript(chat, actor);
      const [messages, analytics] = await Promise.all([
        ctx.repos.messages.listAfter(chat.id, 0),
        ctx.repos.analytics.find(chat.id),
      ]);
      return { chat, messages, analytics: analytics ?? null };
    },

    'chats:ended': async (payload) => {
      const request = parsePayload(endedChatsRequestSchema, payload ?? {}, 'chats:ended');
      return { chats: await ctx.repos.chats.listEnded(visibilityOf(account), request) };
    },
  };
}
