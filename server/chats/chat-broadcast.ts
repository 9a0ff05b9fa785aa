import type { ChatSummary, Message } from '../../src/protocol/models';
import type { DeskbellContext } from '../context';
import { rooms } from '../sockets/rooms';
import { toPatronView } from './chat-rows';

/**
 * Fan-out after a commit, never before: what a client is told is always stored.
 * Everything goes through rooms, so it reaches sockets on other nodes too.
 */

/** A message goes to everyone following the chat: its operators and its patron. */
export function announceMessage(ctx: DeskbellContext, message: Message): void {
  ctx.operators.to(rooms.chat(message.chatId)).emit('chat:message', message);
  ctx.patrons.to(rooms.chat(message.chatId)).emit('chat:message', message);
}

/** A new chat pops up for every operator who may see its department. */
export function announceNewChat(ctx: DeskbellContext, chat: ChatSummary): void {
  ctx.operators.to(rooms.department(chat.departmentId)).emit('chat:new', chat);
}

/** A claimed, ended or analysed chat: its department's queue, its owner's windows, and its patron. */
export function announceChatUpdate(ctx: DeskbellContext, chat: ChatSummary, options: { toPatron: boolean }): void {
  const targets = [rooms.department(chat.departmentId), rooms.chat(chat.id)];
  if (chat.ownerId) targets.push(rooms.operator(chat.ownerId));
  ctx.operators.to(targets).emit('chat:updated', chat);
  if (options.toPatron) ctx.patrons.to(rooms.chat(chat.id)).emit('chat:status', toPatronView(chat));
}
