import type { OperatorRequests } from '../../src/protocol/operator-contract';
import type { Account } from '../auth/account-repository';
import type { DeskbellContext } from '../context';
import { handBackChats } from '../operators/hand-back';
import type { EventHandlers } from '../sockets/serve-events';

/**
 * `status:set`: Online, Internal, Away or Offline, for every window of this account; `operators:list`:
 * everyone's; `chats:hand-back`: before logging out or going Offline, one's chats back to the queue.
 */
export function presenceHandlers(
  ctx: DeskbellContext,
  account: Account,
): Pick<EventHandlers<OperatorRequests>, 'status:set' | 'operators:list' | 'chats:hand-back'> {
  return {
    'status:set': async ({ status }) => {
      await ctx.presence.setStatus(account, status);
      return { status };
    },

    'operators:list': async () => {
      return { operators: await ctx.presence.list() };
    },

    'chats:hand-back': async (_request, afterAnswer) => {
      return { chats: await handBackChats(ctx, account, 'leaving', afterAnswer) };
    },
  };
}
