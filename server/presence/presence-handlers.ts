import type { OperatorRequests } from '../../src/protocol/operator-contract';
import type { Account } from '../auth/account-repository';
import type { DeskbellContext } from '../context';
import type { EventHandlers } from '../sockets/serve-events';

/** `status:set`: Online, Internal, Away or Offline, for every window of this account; `operators:list`: everyone's. */
export function presenceHandlers(
  ctx: DeskbellContext,
  account: Account,
): Pick<EventHandlers<OperatorRequests>, 'status:set' | 'operators:list'> {
  return {
    'status:set': async ({ status }) => {
      await ctx.presence.setStatus(account, status);
      return { status };
    },

    'operators:list': async () => {
      return { operators: await ctx.presence.list() };
    },
  };
}
