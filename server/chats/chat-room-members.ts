import { canSeeDepartment } from '../../src/domain/chat-lifecycle';
import type { ChatSummary } from '../../src/protocol/models';
import { actorFacts } from '../auth/actor';
import type { DeskbellContext } from '../context';
import { rooms } from '../sockets/rooms';

/**
 * After a chat moved to another department, the operator sockets following it
 * that may no longer see it stop following it: someone who previewed it in the
 * old department must not keep reading its messages. Owner, group members and
 * the colleague a transfer is offered to stay; so does anyone who monitors the
 * new department. Works across nodes (fetchSockets returns remote sockets too).
 */
export async function dropFollowersWhoMayNotSee(ctx: DeskbellContext, chat: ChatSummary): Promise<void> {
  const room = rooms.chat(chat.id);
  const sockets = await ctx.operators.in(room).fetchSockets();
  const keep = new Set<string>(
    [chat.ownerId, ...(chat.participants ?? []).map((member) => member.id)].filter((id): id is string => !!id),
  );
  if (chat.transfer?.to.kind === 'operator') keep.add(chat.transfer.to.id);
  const accountIds = [...new Set(sockets.map((socket) => socket.data.accountId))].filter((id) => !keep.has(id));
  const accounts = await Promise.all(accountIds.map((id) => ctx.repos.accounts.findById(id)));
  const dropped = new Set(
    accountIds.filter((_, index) => {
      const account = accounts[index];
      return !account || !canSeeDepartment(actorFacts(account), chat.departmentId);
    }),
  );
  for (const socket of sockets) if (dropped.has(socket.data.accountId)) socket.leave(room);
}
