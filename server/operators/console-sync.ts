import { readScaleEnabled } from '../settings/read-scale';
import { canSeeDepartment, chatAccessOf, may } from '../../src/domain/chat-access';
import { LIMITS } from '../../src/protocol/limits';
import type { ChatSummary } from '../../src/protocol/models';
import type { OperatorRequests } from '../../src/protocol/operator-contract';
import { type Account, toProfile } from '../auth/account-repository';
import { actorFacts } from '../auth/actor';
import type { DeskbellContext } from '../context';
import { rooms } from '../sockets/rooms';
import type { EventHandlers } from '../sockets/serve-events';
import type { OperatorSocket } from '../sockets/socket-types';

/**
 * `console:sync`: everything a console needs after it (re)connects, and the
 * messages it missed: those after the client's last sequence number for every
 * chat it lists, and all messages of its own active chats it did not list.
 * The socket follows those chats again first and reads their messages only
 * then, so a message committed in between arrives live or in `missed`, never
 * in neither. Listed chats it does not catch up (gone, no longer visible, or
 * past LIMITS.syncedChatsMax) come back in `unsynced`: a console open all week
 * is never refused, it forgets those and loads them afresh when opened.
 */
export function consoleSyncHandlers(
  ctx: DeskbellContext,
  socket: OperatorSocket,
  account: Account,
): Pick<EventHandlers<OperatorRequests>, 'console:sync'> {
  return {
    'console:sync': async ({ lastSeqByChat }) => {
      const fresh = (await ctx.repos.accounts.findById(account.id)) ?? account;
      const actor = actorFacts(fresh);
      const [allDepartments, questionTypes, patronFields, chats, owned, operators, readScale] = await Promise.all([
        ctx.repos.departments.list(),
        ctx.repos.departments.listQuestionTypes(),
        ctx.repos.departments.listPatronFields(),
        ctx.repos.chats.listOpen(actor),
        ctx.repos.chats.listOwnedActive(fresh.id),
        ctx.presence.list(),
        readScaleEnabled(ctx.repos.departments),
      ]);

      const { follow, unsynced } = await chatsToCatchUp(ctx, fresh, owned, lastSeqByChat);
      const live = [...follow.values()].filter(({ chat }) => chat.status !== 'ended').map(({ chat }) => chat.id);
      if (live.length > 0) await socket.join(live.map(rooms.chat));
      const [missedPerChat, readMarks, screenshares] = await Promise.all([
        Promise.all([...follow.values()].map(({ chat, lastSeq }) => ctx.repos.messages.listAfter(chat.id, lastSeq))),
        ctx.repos.readMarks.forSync(
          fresh.id,
          chats.map((chat) => chat.id),
        ),
        ctx.repos.screenshares.listOpenOfAccount(fresh.id),
      ]);
      const missed = missedPerChat.flat();

      return {
        me: toProfile(fresh),
        status: fresh.status,
        departments: allDepartments.filter((department) => canSeeDepartment(actor, department.id)),
        questionTypes,
        patronFields,
        readScale,
        chats: chats.map((chat) => ctx.patronPresence.decorate(chat)),
        missed,
        unsynced,
        operators,
        readMarks,
        screenshares: screenshares.map((stored) => stored.session),
      };
    },
  };
}

interface CatchUp {
  follow: Map<string, { chat: ChatSummary; lastSeq: number }>;
  unsynced: string[];
}

/**
 * The chats to catch up: every active chat the account owns, then the listed
 * ones it may still see (`may('see')`), in the order listed (the console lists
 * newest first), up to the cap. Ended chats are caught up (their last words and
 * the end) but not followed.
 */
async function chatsToCatchUp(
  ctx: DeskbellContext,
  account: Account,
  owned: readonly ChatSummary[],
  lastSeqByChat: Record<string, number>,
): Promise<CatchUp> {
  const follow: CatchUp['follow'] = new Map();
  for (const chat of owned) follow.set(chat.id, { chat, lastSeq: lastSeqByChat[chat.id] ?? 0 });
  const listed = Object.keys(lastSeqByChat).filter((chatId) => !follow.has(chatId));
  const room = Math.max(0, LIMITS.syncedChatsMax - follow.size);
  const considered = listed.slice(0, room);
  const unsynced = listed.slice(room);

  const actor = actorFacts(account);
  const found = await Promise.all(considered.map((chatId) => ctx.repos.chats.find(chatId)));
  considered.forEach((chatId, index) => {
    const chat = found[index];
    if (chat && may('see', chatAccessOf(chat), actor)) {
      follow.set(chatId, { chat, lastSeq: lastSeqByChat[chatId] ?? 0 });
    } else unsynced.push(chatId);
  });
  return { follow, unsynced };
}
