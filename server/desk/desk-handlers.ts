import { assertMay, canSeeDepartment, runsTheDesk, standsIn } from '../../src/domain/chat-access';
import { DeskbellError } from '../../src/protocol/ack';
import type { StaffNote } from '../../src/protocol/desk';
import type { OperatorRequests } from '../../src/protocol/operator-contract';
import type { Account } from '../auth/account-repository';
import { actorFacts } from '../auth/actor';
import type { DeskbellContext } from '../context';
import { rooms } from '../sockets/rooms';
import type { EventHandlers } from '../sockets/serve-events';
import type { OperatorSocket } from '../sockets/socket-types';
import { departmentCoverage } from './coverage';

type DeskEvents =
  'desk:overview' | 'chat:whisper' | 'chat:watch' | 'chat:staff-notes' | 'operators:set-status' | 'follow-ups:answered';

const STATUS_WORDS = { online: 'Online', internal: 'Internal', away: 'Away', offline: 'Offline' } as const;

/**
 * The supervisor's Desk view: its overview (coverage of every department,
 * open follow-ups), watching a chat read-only, whispering to its operators,
 * setting a colleague's status. Who may is asked of the access rules; every
 * action is recorded (a staff-only note in the chat, or the audit log).
 */
export function deskHandlers(
  ctx: DeskbellContext,
  socket: OperatorSocket,
  account: Account,
): Pick<EventHandlers<OperatorRequests>, DeskEvents> {
  const actor = actorFacts(account);
  const requireDesk = (what: string) => {
    if (!runsTheDesk(actor)) throw new DeskbellError('FORBIDDEN', `Only a supervisor or admin can ${what}.`);
  };
  const loadState = async (chatId: string) => {
    const loaded = await ctx.repos.transitions.load(chatId);
    if (!loaded) throw new DeskbellError('CHAT_NOT_FOUND', 'There is no chat with that id.');
    return loaded;
  };
  /** To everyone on staff following the chat, its owner's and participants' windows, and the author's. */
  const tellStaff = (note: StaffNote, chat: { ownerId: string | null; participants?: readonly { id: string }[] }) => {
    const targets = [rooms.chat(note.chatId), rooms.operator(account.id)];
    for (const id of [chat.ownerId, ...(chat.participants ?? []).map((member) => member.id)]) {
      if (id) targets.push(rooms.operator(id));
    }
    // Only the operator namespace: the patron's sockets are in a room of the same name in the other one.
    ctx.operators.to(targets).emit('chat:staff-note', note);
  };

  return {
    'desk:overview': async () => {
      requireDesk('open the Desk view');
      const now = ctx.now();
      const [coverage, followUps] = await Promise.all([departmentCoverage(ctx, now), ctx.repos.followUps.listOpen()]);
      return { departments: coverage.map((entry) => entry.view), followUps, darkDeskMs: ctx.timings.darkDeskMs };
    },

    'chat:whisper': async ({ chatId, body }) => {
      const { chat, state } = await loadState(chatId);
      assertMay('whisper', state, actor);
      const note = await ctx.repos.staffNotes.add({
        chatId,
        at: ctx.now(),
        authorId: account.id,
        authorName: account.displayName,
        kind: 'whisper',
        body,
      });
      tellStaff(note, chat);
      return { note };
    },

    'chat:watch': async ({ chatId }) => {
      const { chat, state } = await loadState(chatId);
      assertMay('whisper', state, actor);
      await socket.join(rooms.chat(chat.id));
      const notes = await ctx.repos.staffNotes.listOf(chatId);
      // Its operators are told once per supervisor (the patron never is); a waiting chat has nobody to tell.
      const told = notes.some((note) => note.kind === 'watching' && note.authorId === account.id);
      if (chat.status === 'active' && !told && !standsIn(state, account.id)) {
        const note = await ctx.repos.staffNotes.add({
          chatId,
          at: ctx.now(),
          authorId: account.id,
          authorName: account.displayName,
          kind: 'watching',
          body: `${account.displayName} is watching this chat.`,
        });
        notes.push(note);
        tellStaff(note, chat);
      }
      return {
        chat: ctx.patronPresence.decorate(chat),
        messages: await ctx.repos.messages.listAfter(chatId, 0),
        notes,
      };
    },

    'chat:staff-notes': async ({ chatId }) => {
      const { state } = await loadState(chatId);
      assertMay('see', state, actor);
      return { notes: await ctx.repos.staffNotes.listOf(chatId) };
    },

    'operators:set-status': async ({ operatorId, status }) => {
      requireDesk("set a colleague's status");
      const colleague = await ctx.repos.accounts.findById(operatorId);
      if (!colleague?.active) throw new DeskbellError('NOT_FOUND', 'operatorId: there is no colleague with that id');
      const before = colleague.status;
      await ctx.presence.setStatus(colleague, status);
      await ctx.repos.audit.record(
        { id: account.id, name: account.displayName },
        {
          action: 'operator.status-set',
          targetKind: 'account',
          targetId: colleague.id,
          before: { status: before },
          after: { status, words: `${account.displayName} set ${colleague.displayName} to ${STATUS_WORDS[status]}` },
        },
        ctx.now(),
      );
      const presence = await ctx.presence.presenceOf(colleague.id);
      if (!presence) throw new DeskbellError('NOT_FOUND', 'operatorId: there is no colleague with that id');
      return { presence };
    },

    'follow-ups:answered': async ({ followUpId }) => {
      const found = await ctx.repos.followUps.find(followUpId);
      if (!found) throw new DeskbellError('NOT_FOUND', 'followUpId: there is no follow-up with that id');
      if (!canSeeDepartment(actor, found.departmentId)) {
        throw new DeskbellError('NOT_IN_DEPARTMENT', 'You do not monitor the department this follow-up was left in.');
      }
      const followUp = await ctx.repos.followUps.markAnswered(followUpId, account.displayName, ctx.now());
      if (!followUp) throw new DeskbellError('NOT_FOUND', 'followUpId: there is no follow-up with that id');
      ctx.operators
        .to([rooms.supervisors(), rooms.department(followUp.departmentId)])
        .emit('follow-up:changed', followUp);
      return { followUp };
    },
  };
}
