import { createHash } from 'node:crypto';
import { chatAccessOf, refusalOf } from '../../src/domain/chat-access';
import { patronLabel } from '../../src/domain/patron-label';
import { isLive, sharerRole, type ScreenshareRole } from '../../src/domain/screenshare-session';
import { DeskbellError } from '../../src/protocol/ack';
import type { OperatorRequests } from '../../src/protocol/operator-contract';
import type { PatronRequests } from '../../src/protocol/patron-contract';
import type { ScreenshareSession, ScreenshareSignal } from '../../src/protocol/screenshare';
import type { Account } from '../auth/account-repository';
import { actorFacts } from '../auth/actor';
import type { DeskbellContext } from '../context';
import type { EventHandlers, SocketEventHandlers } from '../sockets/serve-events';
import type { OperatorSocket, PatronSocket } from '../sockets/socket-types';
import { newId } from '../storage/ids';
import { mintIceConfig } from './ice-servers';
import type { StoredScreenshare } from './screenshare-repository';
import { announceScreenshare, changeScreenshare } from './screenshare-service';

type OperatorScreenshareEvents = Extract<keyof OperatorRequests, `screenshare:${string}`>;
type PatronScreenshareEvents = Extract<keyof PatronRequests, `screenshare:${string}`>;

const hashKey = (key: string): string => createHash('sha256').update(key).digest('base64url');

const notYours = () => new DeskbellError('NOT_FOUND', 'There is no screenshare of yours with that id.');

/** Which side a console's account is in a session, if any. */
function operatorRole(session: ScreenshareSession, accountId: string): ScreenshareRole | null {
  if (session.host.id === accountId) return 'host';
  if (session.guest.kind === 'operator' && session.guest.id === accountId) return 'guest';
  return null;
}

/** Which side a socket is bound to (the one signalling goes to), if any. */
function socketRole(stored: StoredScreenshare, socketId: string): ScreenshareRole | null {
  if (stored.hostSocket === socketId) return 'host';
  if (stored.guestSocket === socketId) return 'guest';
  return null;
}

/**
 * Relays one signalling message to the other side's socket, and nobody else:
 * only between the two sockets bound to a launched session.
 */
function relay(ctx: DeskbellContext, stored: StoredScreenshare, from: ScreenshareRole, signal: ScreenshareSignal) {
  if (!isLive(stored.session.state))
    throw new DeskbellError('SCREENSHARE_NOT_YET', 'The screenshare is not launched, or it has ended.');
  const payload = { sessionId: stored.session.id, signal };
  if (from === 'guest') {
    if (!stored.hostSocket) return { relayed: false };
    ctx.operators.to(stored.hostSocket).emit('screenshare:signal', payload);
    return { relayed: true };
  }
  if (!stored.guestSocket) return { relayed: false };
  if (stored.session.guest.kind === 'patron') ctx.patrons.to(stored.guestSocket).emit('screenshare:signal', payload);
  else ctx.operators.to(stored.guestSocket).emit('screenshare:signal', payload);
  return { relayed: true };
}

async function load(ctx: DeskbellContext, sessionId: string): Promise<StoredScreenshare> {
  const stored = await ctx.repos.screenshares.find(sessionId);
  if (!stored) throw notYours();
  return stored;
}

/** Request Screenshare, Launch and the rest, from a console: as host, or as the colleague of a staff chat. */
export function operatorScreenshareHandlers(
  ctx: DeskbellContext,
  socket: OperatorSocket,
  account: Account,
): Pick<EventHandlers<OperatorRequests>, OperatorScreenshareEvents> {
  const me = { kind: 'operator' as const, id: account.id, name: account.displayName };
  const mine = async (sessionId: string) => {
    const stored = await load(ctx, sessionId);
    const role = operatorRole(stored.session, account.id);
    if (!role) throw notYours();
    return { stored, role };
  };
  const bound = () => {
    socket.data.inScreenshare = true;
    return socket.id;
  };
  const ice = (session: ScreenshareSession) => mintIceConfig(ctx.ice, session.id, ctx.now());

  return {
    'screenshare:request': async ({ chat, direction }) => {
      const guest = await guestOf(ctx, account, chat);
      if ((await ctx.repos.screenshares.listOpenOfChat(chat.id)).length > 0)
        throw new DeskbellError('SCREENSHARE_BUSY', 'This chat has a screenshare open already; end it first.');
      const now = ctx.now();
      const session: ScreenshareSession = {
        id: newId(),
        chat,
        direction,
        state: 'requested',
        host: me,
        guest,
        requestedAt: now,
        expiresAt: now + ctx.timings.screenshareRequestMs,
        startedAt: null,
        endedAt: null,
        endReason: null,
        endedBy: null,
        sourceLabel: null,
        guestReady: false,
      };
      const stored = { session, hostSocket: bound(), guestSocket: null, windowKeyHash: null, graceUntil: null };
      await ctx.repos.screenshares.create(stored);
      await announceScreenshare(ctx, { ...stored, version: 0 }, 'requested');
      return { session };
    },

    'screenshare:answer': async ({ sessionId, join }) => {
      const { stored, role } = await mine(sessionId);
      if (role !== 'guest' || stored.session.guest.kind !== 'operator') throw notYours();
      const { after } = await changeScreenshare(ctx, stored.session.id, () => ({
        action: { type: 'answer', join },
        role: 'guest',
        // The colleague's console that said Join is their side at once: there is no other window to wait for.
        ...(join ? { facts: { guestSocket: bound() } } : {}),
      }));
      return join ? { session: after.session, ice: ice(after.session) } : { session: after.session };
    },

    'screenshare:launch': async ({ sessionId }) => {
      const { role } = await mine(sessionId);
      if (role !== 'host') throw new DeskbellError('FORBIDDEN', 'Only the operator who asked can launch it.');
      const { after } = await changeScreenshare(ctx, sessionId, () => ({
        action: { type: 'launch' },
        role: 'host',
        facts: { hostSocket: bound(), graceUntil: null },
      }));
      return { session: after.session, ice: ice(after.session) };
    },

    'screenshare:rejoin': async ({ sessionId }) => {
      const { role } = await mine(sessionId);
      const side = bound();
      const { after } = await changeScreenshare(ctx, sessionId, () => ({
        action: { type: 'reconnect' },
        role,
        facts: role === 'host' ? { hostSocket: side, graceUntil: null } : { guestSocket: side, graceUntil: null },
      }));
      return { session: after.session, ice: ice(after.session) };
    },

    'screenshare:signal': async ({ sessionId, signal }) => {
      const { stored } = await mine(sessionId);
      const from = socketRole(stored, socket.id);
      if (!from) throw new DeskbellError('FORBIDDEN', 'This window is not the one in the screenshare.');
      return relay(ctx, stored, from, signal);
    },

    'screenshare:media': async ({ sessionId, sharing, sourceLabel }) => {
      const { role } = await mine(sessionId);
      const { after } = await changeScreenshare(ctx, sessionId, () => ({
        action: { type: 'media', sharing, sourceLabel: sourceLabel ?? null },
        role,
      }));
      return { session: after.session };
    },

    'screenshare:end': async ({ sessionId }) => {
      const { role } = await mine(sessionId);
      const { after } = await changeScreenshare(ctx, sessionId, () => ({ action: { type: 'end', by: role }, role }));
      return { session: after.session };
    },
  };
}

/** The other party of a request: the chat's patron, or the colleague of a staff chat. Refuses what may not be asked. */
async function guestOf(
  ctx: DeskbellContext,
  account: Account,
  chat: ScreenshareSession['chat'],
): Promise<ScreenshareSession['guest']> {
  if (chat.kind === 'patron') {
    const summary = await ctx.repos.chats.find(chat.id);
    if (!summary) throw new DeskbellError('CHAT_NOT_FOUND', 'There is no chat with that id.');
    const refusal = refusalOf('screenshare', chatAccessOf(summary), actorFacts(account));
    if (refusal) throw new DeskbellError(refusal.code, refusal.message);
    if (summary.patronAwaySince)
      throw new DeskbellError('PATRON_AWAY', 'The patron is not connected; ask again when they are back.');
    return { kind: 'patron', id: null, name: patronLabel(summary) };
  }
  const staffChat = await ctx.repos.staffChats.find(chat.id);
  const colleague = staffChat?.members.find((member) => member.id !== account.id);
  if (!staffChat || !colleague || !staffChat.members.some((member) => member.id === account.id))
    throw new DeskbellError('NOT_FOUND', 'There is no staff chat of yours with that id.');
  return { kind: 'operator', id: colleague.id, name: colleague.name };
}

/**
 * The patron's side: the widget answers Join (with the key of the window it
 * opens) or No thanks, and the screenshare window takes the guest's side
 * with that key. A patron socket can act only in a session of its own chat,
 * and only one that an operator requested.
 */
export function patronScreenshareHandlers(
  ctx: DeskbellContext,
): Pick<SocketEventHandlers<PatronRequests, PatronSocket>, PatronScreenshareEvents> {
  const patronSession = async (sessionId: string) => {
    const stored = await ctx.repos.screenshares.find(sessionId);
    if (!stored || stored.session.chat.kind !== 'patron') throw notYours();
    return stored;
  };
  /** The widget of the chat, or the window bound to the session. */
  const mayAct = (stored: StoredScreenshare, socket: PatronSocket) =>
    socket.data.chatId === stored.session.chat.id || stored.guestSocket === socket.id;
  const ice = (session: ScreenshareSession) => mintIceConfig(ctx.ice, session.id, ctx.now());

  return {
    'screenshare:answer': async ({ sessionId, join, windowKey }, socket) => {
      const stored = await patronSession(sessionId);
      if (socket.data.chatId !== stored.session.chat.id) throw notYours();
      if (join && !windowKey)
        throw new DeskbellError(
          'BAD_REQUEST',
          'screenshare:answer: windowKey: needed to Join (the window proves itself with it)',
        );
      const { after } = await changeScreenshare(ctx, sessionId, () => ({
        action: { type: 'answer', join },
        role: 'guest',
        ...(join && windowKey ? { facts: { windowKeyHash: hashKey(windowKey) } } : {}),
      }));
      return { session: after.session };
    },

    'screenshare:attach': async ({ sessionId, windowKey }, socket) => {
      const stored = await patronSession(sessionId);
      if (!stored.windowKeyHash || stored.windowKeyHash !== hashKey(windowKey)) throw notYours();
      socket.data.inScreenshare = true;
      const { after } = await changeScreenshare(ctx, sessionId, () => ({
        action: { type: 'reconnect' },
        role: 'guest',
        facts: { guestSocket: socket.id, graceUntil: null },
      }));
      return { session: after.session, ice: ice(after.session) };
    },

    'screenshare:signal': async ({ sessionId, signal }, socket) => {
      const stored = await patronSession(sessionId);
      if (stored.guestSocket !== socket.id) throw notYours();
      return relay(ctx, stored, 'guest', signal);
    },

    'screenshare:media': async ({ sessionId, sharing, sourceLabel }, socket) => {
      const stored = await patronSession(sessionId);
      if (stored.guestSocket !== socket.id) throw notYours();
      if (sharerRole(stored.session) !== 'guest')
        throw new DeskbellError('FORBIDDEN', 'Only the one who shows their screen can share.');
      const { after } = await changeScreenshare(ctx, sessionId, () => ({
        action: { type: 'media', sharing, sourceLabel: sourceLabel ?? null },
        role: 'guest',
      }));
      return { session: after.session };
    },

    'screenshare:end': async ({ sessionId }, socket) => {
      const stored = await patronSession(sessionId);
      if (!mayAct(stored, socket)) throw notYours();
      const { after } = await changeScreenshare(ctx, sessionId, () => ({
        action: { type: 'end', by: 'guest' },
        role: 'guest',
      }));
      return { session: after.session };
    },
  };
}
