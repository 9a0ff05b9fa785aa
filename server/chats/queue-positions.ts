import type { ChatSummary } from '../../src/protocol/models';
import type { QueueMove, QueueTicket } from '../../src/protocol/patron-contract';
import type { DeskbellContext } from '../context';
import { rooms } from '../sockets/rooms';
import { type AfterAnswer, onNextTurn } from '../sockets/serve-events';

/**
 * Queue positions at a constant cost per change. Each waiting chat has a
 * ticket (when the question was asked, then its id); its patron's sockets are
 * in the department's queue room. A chat that joins or leaves a queue is one
 * `queue:moved` to that room, and every widget whose ticket comes after it
 * moves by one: no read and no emit per waiting chat. The exact place comes
 * from one count, on start, on resume and when a transfer puts a chat in a
 * queue (`queue:position` to that chat alone; a new chat, at the back, moves
 * nobody and is announced only when someone is behind it after all); the widget asks again by
 * resuming when a move crossed such an answer (see src/client/patron-connection.ts).
 */

type QueuedChat = Pick<ChatSummary, 'id' | 'departmentId' | 'createdAt' | 'status' | 'patronAwaySince'>;

/** Whether a chat holds a place in its queue now: waiting, with its patron there (one who left keeps the ticket). */
export function holdsQueuePlace(chat: Pick<ChatSummary, 'status' | 'patronAwaySince'>): boolean {
  return chat.status === 'waiting' && (chat.patronAwaySince ?? null) === null;
}

export function ticketOf(chat: Pick<ChatSummary, 'id' | 'createdAt'>): QueueTicket {
  return { createdAt: chat.createdAt, chatId: chat.id };
}

/**
 * One chat's place in its department's queue (1 is next); null when it is not
 * waiting. Its sockets join the queue room before this reads, so no move after
 * the count is missed.
 */
export async function queuePositionOf(ctx: DeskbellContext, chat: QueuedChat): Promise<number | null> {
  return (await placeInQueue(ctx, chat))?.position ?? null;
}

/**
 * A new chat's place in its queue. A new chat joins at the back, so nobody
 * waits behind it and nobody is told, unless a chat asked in the same
 * millisecond (or on a node whose clock runs ahead) is there: then the
 * patrons behind it move back.
 */
export async function joinQueueAsNew(
  ctx: DeskbellContext,
  chat: QueuedChat,
  afterAnswer: AfterAnswer,
): Promise<number | null> {
  const place = await placeInQueue(ctx, chat);
  if (place && place.behind > 0) announceJoinedQueue(ctx, chat, afterAnswer);
  return place?.position ?? null;
}

async function placeInQueue(
  ctx: DeskbellContext,
  chat: QueuedChat,
): Promise<{ position: number; behind: number } | null> {
  if (!holdsQueuePlace(chat)) return null;
  const { ahead, behind } = await ctx.repos.queue.placeOf(chat.departmentId, ticketOf(chat));
  return { position: ahead + 1, behind };
}

/** A chat joined a queue in the middle (a transfer to a department): the patrons waiting behind it move back. */
function announceJoinedQueue(ctx: DeskbellContext, chat: QueuedChat, afterAnswer: AfterAnswer): void {
  broadcastMove(ctx, { departmentId: chat.departmentId, change: 'joined', ticket: ticketOf(chat) }, afterAnswer);
}

/**
 * One push to the department's waiting patrons, sent once the request being
 * served has answered: socket.io writes it to each socket of the room, which
 * for a long queue takes longer than the whole claim, and the librarian's
 * answer need not wait for it.
 */
function broadcastMove(ctx: DeskbellContext, move: QueueMove, afterAnswer: AfterAnswer): void {
  afterAnswer(() => ctx.patrons.to(rooms.departmentQueue(move.departmentId)).emit('queue:moved', move));
}

/**
 * After a stored transition: a chat that stopped waiting (claimed, ended, or
 * moved on) leaves its queue room and moves up everyone behind it; a chat a
 * transfer put in a queue joins that room, moves back everyone behind it, and
 * its patron is told the exact place.
 */
export function announceQueueChange(
  ctx: DeskbellContext,
  before: QueuedChat,
  chat: QueuedChat,
  afterAnswer: AfterAnswer = onNextTurn,
): void {
  const wasWaiting = holdsQueuePlace(before);
  const isWaiting = holdsQueuePlace(chat);
  if (wasWaiting && isWaiting && before.departmentId === chat.departmentId) return;
  const patronSockets = ctx.patrons.in(rooms.chat(chat.id));
  // Left even when it was not waiting: a resume that raced the claim may have joined the room after it.
  patronSockets.socketsLeave(rooms.departmentQueue(before.departmentId));
  if (wasWaiting) {
    broadcastMove(ctx, { departmentId: before.departmentId, change: 'left', ticket: ticketOf(chat) }, afterAnswer);
  }
  if (isWaiting) {
    patronSockets.socketsJoin(rooms.departmentQueue(chat.departmentId));
    announceJoinedQueue(ctx, chat, afterAnswer);
    void tellPlace(ctx, chat);
  }
}

async function tellPlace(ctx: DeskbellContext, chat: QueuedChat): Promise<void> {
  try {
    const position = await queuePositionOf(ctx, chat);
    ctx.patrons.to(rooms.chat(chat.id)).emit('queue:position', { chatId: chat.id, position });
  } catch (error) {
    // Cosmetic: the widget shows no number until its next resume brings the exact one.
    ctx.log.warn({ err: error, chatId: chat.id }, 'could not tell a patron their place in the queue');
  }
}
