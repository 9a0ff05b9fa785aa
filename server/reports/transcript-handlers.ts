import type { OperatorRequests } from '../../src/protocol/operator-contract';
import { TRANSCRIPT_SEARCH_PAGE_SIZE } from '../../src/protocol/reports';
import type { Account } from '../auth/account-repository';
import { actorFacts } from '../auth/actor';
import type { DeskbellContext } from '../context';
import type { EventHandlers } from '../sockets/serve-events';

/** The Transcripts tab's search, for every staff member over the chats they may read. */
export function transcriptHandlers(
  ctx: DeskbellContext,
  account: Account,
): Pick<EventHandlers<OperatorRequests>, 'transcripts:search'> {
  return {
    'transcripts:search': async (search) => {
      const found = await ctx.repos.transcripts.search(actorFacts(account), search);
      return { ...found, page: search.page, pageSize: TRANSCRIPT_SEARCH_PAGE_SIZE };
    },
  };
}
