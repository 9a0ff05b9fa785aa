import type { OperatorClientEvents } from '../../src/protocol/operator-contract';
import { parsePayload } from '../../src/protocol/parse';
import { emptyRequestSchema, setStatusRequestSchema } from '../../src/protocol/requests';
import type { Account } from '../auth/account-repository';
import type { DeskbellContext } from '../context';
import type { EventHandlers } from '../sockets/serve-events';

/** `status:set`: Online, Internal, Away or Offline, for every window of this account; `operators:list`: everyone's. */
export function presenceHandlers(
  ctx: DeskbellContext,
  account: Account,
): Pick<EventHandlers<OperatorClientEvents>, 'status:set' | 'operators:list'> {
  return {
    'status:set': async (payload) => {
      const { status } = parsePayload(setStatusRequestSchema, payload, 'status:set');
      await ctx.presence.setStatus(account, status);
      return { status };
    },

    'operators:list': async (payload) => {
      parsePayload(emptyRequestSchema, payload ?? {}, 'operators:list');
      return { operators: await ctx.presence.list() };
    },
  };
}
