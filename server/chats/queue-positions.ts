import type { DeskbellContext } from '../context';
import { rooms } from '../sockets/rooms';

/**
 * Tells the patrons waiting in a department where they now stand. Only the
 * chats asked at or after `since` can have moved: a new chat joins at the
 * back (since = its own time: one patron told), a claimed or ended chat moves
 * up those behind it (since = its time). Queue order is by when the question
 * was asked, then by id.
 */
export async function announceQueuePositions(ctx: DeskbellContext, departmentId: string, since = 0): Promise<void> {
  try {
    const { ahead, ids } = await ctx.repos.chats.listWaitingFrom(departmentId, since);
    ids.forEach((chatId, index) => {
      ctx.patrons.to(rooms.chat(chatId)).emit('queue:position', { chatId, position: ahead + index + 1 });
    });
  } catch (error) {
    // A missed position update is cosmetic; the next change sends fresh ones.
    ctx.log.warn({ err: error, departmentId }, 'could not announce queue positions');
  }
}

/** One chat's place in its department's queue; null when it is not waiting. */
export async function queuePositionOf(
  ctx: DeskbellContext,
  chat: { id: string; departmentId: string; createdAt: number },
): Promise<number | null> {
  const { ahead, ids } = await ctx.repos.chats.listWaitingFrom(chat.departmentId, chat.createdAt);
  const index = ids.indexOf(chat.id);
  return index === -1 ? null : ahead + index + 1;
}
