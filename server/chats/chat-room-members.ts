import { chatAccessOf, may, standsIn } from '../../src/domain/chat-access';
import type { ChatSummary } from '../../src/protocol/models';
import { actorFacts } from '../auth/actor';
import type { DeskbellContext } from '../context';
import { rooms } from '../sockets/rooms';

/**
 * After a chat moved to another department, the operator sockets following it
 * that may no longer see it stop following it: someone who previewed it in the
 * old department must not keep reading its messages: whoever `may('see')` it
 * stays (its members, a pending transfer's two ends, anyone who monitors the new
 * department). Works across nodes (fetchSockets returns remote sockets too).
 */
export async function dropFollowersWhoMayNotSee(ctx: DeskbellContext, chat: ChatSummary): Promise<void> {
  const room = rooms.chat(chat.id);
  const sockets = await ctx.operators.in(room).fetchSockets();
  const facts = chatAccessOf(chat);
  // Those the chat concerns may see it whatever they monitor: only the others' accounts are read.
  const accountIds = [...new Set(sockets.map((socket) => socket.data.accountId))].filter((id) => !standsIn(facts, id));
  const accounts = await Promise.all(accountIds.map((id) => ctx.repos.accounts.findById(id)));
  const dropped = new Set(
    accountIds.filter((_, index) => {
      const account = accounts[index];
      return !account || !may('see', facts, actorFacts(account));
    }),
  );
  for (const socket of sockets) if (dropped.has(socket.data.accountId)) socket.leave(room);
}
