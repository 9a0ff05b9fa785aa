import { canSeeDepartment } from '../../src/domain/chat-lifecycle';
import { DeskbellError } from '../../src/protocol/ack';
import type { Message } from '../../src/protocol/models';
import type { OperatorClientEvents } from '../../src/protocol/operator-events';
import { parsePayload } from '../../src/protocol/parse';
import { syncRequestSchema } from '../../src/protocol/requests';
import { type Account, toProfile } from '../auth/account-repository';
import { actorFacts, visibilityOf } from '../auth/actor';
import type { DeskbellContext } from '../context';
import { rooms } from '../sockets/rooms';
import type { EventHandlers } from '../sockets/serve-events';
import type { OperatorSocket } from '../sockets/socket-types';

/** More chats than any console shows at once; a bigger map is a broken or hostile client. */
const MAX_SYNCED_CHATS = 500;

/**
 * `console:sync`: everything a console needs after it (re)connects, and the
 * messages it missed: those after the client's last sequence number for every
 * chat it lists, and all messages of its own active chats it did not list.
 * The socket also starts following those chats again.
 */
export function consoleSyncHandlers(
  ctx: DeskbellContext,
  socket: OperatorSocket,
  account: Account,
): Pick<EventHandlers<OperatorClientEvents>, 'console:sync'> {
  return {
    'console:sync': async (payload) => {
      const { lastSeqByChat } = parsePayload(syncRequestSchema, payload ?? {}, 'console:sync');
      if (Object.keys(lastSeqByChat).length > MAX_SYNCED_CHATS) {
        throw new DeskbellError('BAD_REQUEST', `console:sync: lastSeqByChat: at most ${MAX_SYNCED_CHATS} chats`);
      }
      const fresh = (await ctx.repos.accounts.findById(account.id)) ?? account;
      const actor = actorFacts(fresh);
      const [allDepartments, questionTypes, patronFields, chats, owned, operators] = await Promise.all([
        ctx.repos.departments.list(),
        ctx.repos.departments.listQuestionTypes(),
        ctx.repos.departments.listPatronFields(),
        ctx.repos.chats.listOpen(visibilityOf(fresh)),
        ctx.repos.chats.listOwnedActive(fresh.id),
        ctx.presence.list(),
      ]);

      const follow = new Map<string, number>();
      for (const chat of owned) follow.set(chat.id, lastSeqByChat[chat.id] ?? 0);
      for (const [chatId, lastSeq] of Object.entries(lastSeqByChat)) {
        if (follow.has(chatId)) continue;
        const chat = await ctx.repos.chats.find(chatId);
        // Chats that vanished or that this account may not read are skipped, not refused: the client's list may be old.
        const member = chat?.participants?.some((participant) => participant.id === fresh.id) ?? false;
        if (chat && (chat.ownerId === fresh.id || member || canSeeDepartment(actor, chat.departmentId)))
          follow.set(chatId, lastSeq);
      }

      const missed: Message[] = [];
      const openRooms: string[] = [];
      for (const [chatId, lastSeq] of follow) {
        missed.push(...(await ctx.repos.messages.listAfter(chatId, lastSeq)));
        openRooms.push(rooms.chat(chatId));
      }
      if (openRooms.length > 0) await socket.join(openRooms);

      return {
        me: toProfile(fresh),
        status: fresh.status,
        departments: allDepartments.filter((department) => canSeeDepartment(actor, department.id)),
        questionTypes,
        patronFields,
        chats: chats.map((chat) => ctx.patronPresence.decorate(chat)),
        missed,
        operators,
      };
    },
  };
}
