import type { ChatChange } from '../chats/chat-actions';
import { announceTransition, runChatAction } from '../chats/chat-actions';
import { DeskbellError } from '../../src/protocol/ack';
import type { ChatSummary } from '../../src/protocol/models';
import type { DeskbellContext } from '../context';
import { census, whereabouts } from '../cluster/census';
import { rooms } from '../sockets/rooms';

/**
 * What happens to a chat whose patron goes: stored transitions of the chat
 * state machine, so every node and every restart agrees. Away (after the
 * settle period, patron-presence.ts): a waiting chat leaves the queue but
 * keeps its ticket. Back within the return period: the same place again.
 * Past it: a waiting chat ends unanswered (missed); an answered one says the
 * patron left, and its operator may End Chat.
 */

/** What the console's presence notice says after each presence transition. */
const NOTICE_STATE = { 'patron-away': 'away', 'patron-back': 'back', 'patron-timeout': 'left' } as const;

/** Runs a presence transition; one the machine refuses (ended meanwhile, already done by another node) is no news. */
async function presenceTransition(
  ctx: DeskbellContext,
  chatId: string,
  action: Extract<ChatChange, { type: keyof typeof NOTICE_STATE }>,
): Promise<boolean> {
  try {
    const { before, transition } = await runChatAction(ctx, chatId, () => action);
    await announceTransition(ctx, before.chat, transition);
    const { chat } = transition;
    if (chat.status !== 'ended') {
      // The chat's followers and, while it waits, whoever watches its queue (Patron Chats shows "Left").
      const told = [rooms.chat(chat.id)];
      if (chat.status === 'waiting') told.push(rooms.department(chat.departmentId));
      ctx.operators.to(told).emit('chat:patron-presence', { chatId, state: NOTICE_STATE[action.type], at: action.now });
    }
    return true;
  } catch (error) {
    if (error instanceof DeskbellError && error.code !== 'INTERNAL') return false;
    throw error;
  }
}

/** The patron has been gone since `since`: stored, with the deadline for their return. */
export function recordPatronAway(ctx: DeskbellContext, chatId: string, since: number): Promise<boolean> {
  return presenceTransition(ctx, chatId, { type: 'patron-away', now: since, returnMs: ctx.timings.patronReturnMs });
}

/**
 * A widget of the chat connected again (a resume, or the handshake). Called
 * after the socket follows the chat, so the queue room hears the move.
 */
export async function recordPatronBack(
  ctx: DeskbellContext,
  chat: Pick<ChatSummary, 'id' | 'status' | 'departmentId' | 'patronAwaySince' | 'patronLeftAt'>,
): Promise<void> {
  ctx.patronPresence.returned(chat);
  if (!isMarkedAway(chat) || chat.status === 'ended') return;
  await presenceTransition(ctx, chat.id, { type: 'patron-back', now: ctx.now() });
}

/** Stored as away, or as gone (an answered chat's patron past the return period). */
export function isMarkedAway(chat: Pick<ChatSummary, 'patronAwaySince' | 'patronLeftAt'>): boolean {
  return (chat.patronAwaySince ?? null) !== null || (chat.patronLeftAt ?? null) !== null;
}

function patronWhereabouts(ctx: DeskbellContext, chatId: string) {
  return whereabouts(ctx.clusterWatch, ctx.patrons.in(rooms.chat(chatId)));
}

/** The upkeep's part: chats whose patron did not come back in time. */
export async function timeOutAbsentPatrons(ctx: DeskbellContext, now: number): Promise<void> {
  for (const chatId of await ctx.repos.lifecycle.listPatronsPastReturn(now)) {
    const where = await patronWhereabouts(ctx, chatId);
    // Maybe on a node that could not answer: the next tick asks again.
    if (where === 'unsure') continue;
    // Stored as away, yet a widget follows it (it came back through a node that missed the mark): back.
    await presenceTransition(
      ctx,
      chatId,
      where === 'connected' ? { type: 'patron-back', now } : { type: 'patron-timeout', now },
    );
  }
}

/**
 * The sweep's part, every few seconds: open chats whose patron has no socket
 * on any node and is not marked away (a server restarted in the settle period,
 * or a node died with the socket) are marked away now; chats marked away whose
 * patron is connected are marked back. Chats asked in the last moments are
 * left alone: their widget may not have joined yet.
 */
export async function sweepPatronPresence(ctx: DeskbellContext, now: number): Promise<void> {
  const chats = await ctx.repos.lifecycle.listOpenChats(now - ctx.timings.patronSettleMs * 2);
  if (chats.length === 0) return;
  const { sockets, complete } = await census(ctx.clusterWatch, ctx.patrons);
  const followed = new Set<string>();
  for (const socket of sockets) {
    if (socket.data.chatId) followed.add(socket.data.chatId);
  }
  for (const chat of chats) {
    const connected = followed.has(chat.id);
    // Not followed, as far as the nodes that answered know: away only if every node answered.
    if (!connected && complete && (chat.patronAwaySince ?? null) === null && !ctx.patronPresence.isPending(chat.id)) {
      await recordPatronAway(ctx, chat.id, now);
    } else if (connected && (chat.patronAwaySince ?? null) !== null) {
      await presenceTransition(ctx, chat.id, { type: 'patron-back', now });
    }
  }
}
