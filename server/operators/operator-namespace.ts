import { transcriptHandlers } from '../reports/transcript-handlers';
import type { ExtendedError } from 'socket.io';
import { OPERATOR_REQUESTS } from '../../src/protocol/operator-contract';
import { type Account } from '../auth/account-repository';
import { visibilityOf } from '../auth/actor';
import { sessionKey, tokenFromRequest } from '../auth/request-token';
import { judgeOrigin } from '../http/request-origin';
import { cannedHandlers } from '../canned/canned-handlers';
import { operatorChatHandlers } from '../chats/operator-chat-handlers';
import { supervisorHandlers } from '../chats/supervisor-handlers';
import { transferHandlers } from '../chats/transfer-handlers';
import type { DeskbellContext } from '../context';
import { presenceHandlers } from '../presence/presence-handlers';
import { readHandlers } from '../reads/read-handlers';
import { operatorScreenshareHandlers } from '../screenshare/screenshare-handlers';
import { screenshareSideGone } from '../screenshare/screenshare-upkeep';
import { rooms } from '../sockets/rooms';
import { serveEvents } from '../sockets/serve-events';
import { staffChatHandlers } from '../staff/staff-chat-handlers';
import type { OperatorSocket } from '../sockets/socket-types';
import { deskHandlers } from '../desk/desk-handlers';
import { consoleSyncHandlers } from './console-sync';

/**
 * A handshake refusal, as the client sees it in `connect_error`: the code in
 * `data` is what it branches on. Only UNAUTHORIZED means "log in again";
 * anything else is worth retrying.
 */
function refusal(code: 'UNAUTHORIZED' | 'FORBIDDEN' | 'UNAVAILABLE', message: string): ExtendedError {
  const error: ExtendedError = new Error(`${code}: ${message}`);
  error.data = { code, message };
  return error;
}

const unauthorized = () => refusal('UNAUTHORIZED', 'log in to Deskbell first.');

/**
 * The `/operator` namespace: only sockets with a live session get in. Each
 * joins its account's room, its session's room, the queue room of every
 * department it may see, the online rooms when its stored status is Online,
 * and the rooms of the chats it owns.
 */
export function setUpOperatorNamespace(ctx: DeskbellContext): void {
  // Filled by the middleware, so the connection handler can join every room before the client hears "connect".
  const admitted = new WeakMap<OperatorSocket, { account: Account; rooms: string[] }>();

  ctx.operators.use((socket, next) => {
    const token = tokenFromRequest(socket.handshake.headers, socket.handshake.auth);
    if (!token) return next(unauthorized());
    // A page of another origin can make the browser send the session cookie; only ours may use it.
    const origin = judgeOrigin(socket.handshake.headers, { trustProxy: ctx.trustProxy });
    if (!origin.ok) {
      ctx.log.warn({ origin: socket.handshake.headers.origin }, 'operator socket refused: foreign origin');
      return next(refusal('FORBIDDEN', `${origin.reason}.`));
    }
    ctx.repos.sessions
      .findAccountId(token, ctx.now())
      .then(async (accountId) => {
        const account = accountId ? await ctx.repos.accounts.findById(accountId) : undefined;
        if (!account) return next(unauthorized());
        socket.data.accountId = account.id;
        socket.data.sessionKey = sessionKey(token);
        admitted.set(socket, { account, rooms: await roomsFor(ctx, account, socket.data.sessionKey) });
        next();
      })
      .catch((error: unknown) => {
        // Not the librarian's fault: the console keeps its session and tries again.
        ctx.log.warn({ err: error }, 'operator socket authentication could not reach the database');
        next(refusal('UNAVAILABLE', 'the server could not check the session; try again shortly.'));
      });
  });

  ctx.operators.on('connection', (socket) => {
    const entry = admitted.get(socket);
    if (!entry) return void socket.disconnect(true);
    const { account } = entry;
    void socket.join(entry.rooms);
    ctx.presence.joinOnlineRooms(socket, account);
    ctx.presence.connected(account);
    markSeen(ctx, account.id);
    // Back in time: nothing is handed back (the write is skipped when nothing was due).
    ctx.inFlight.track(ctx.repos.lifecycle.clearHandbackDue(account.id)).catch((error: unknown) => {
      ctx.log.warn({ err: error }, 'could not clear a hand-back deadline');
    });
    socket.on('disconnect', () => {
      markSeen(ctx, account.id);
      ctx.inFlight.track(lastConsoleGone(ctx, account.id)).catch((error: unknown) => {
        ctx.log.warn({ err: error }, 'could not update presence after a disconnect');
      });
      if (socket.data.inScreenshare) {
        ctx.inFlight.track(screenshareSideGone(ctx, socket.id)).catch((error: unknown) => {
          ctx.log.warn({ err: error }, 'could not start the grace of a screenshare after a disconnect');
        });
      }
    });
    serveEvents(
      socket,
      OPERATOR_REQUESTS,
      {
        ...consoleSyncHandlers(ctx, socket, account),
        ...presenceHandlers(ctx, account),
        ...operatorChatHandlers(ctx, socket, account),
        ...transferHandlers(ctx, socket, account),
        ...supervisorHandlers(ctx, account),
        ...staffChatHandlers(ctx, socket, account),
        ...cannedHandlers(ctx, account),
        ...readHandlers(ctx, socket, account),
        ...operatorScreenshareHandlers(ctx, socket, account),
        ...deskHandlers(ctx, socket, account),
        ...transcriptHandlers(ctx, account),
      },
      { log: ctx.log, limiter: ctx.socketEvents, inFlight: ctx.inFlight, metrics: ctx.metrics },
    );
  });
}

async function roomsFor(ctx: DeskbellContext, account: Account, key: string): Promise<string[]> {
  const visibility = visibilityOf(account);
  const departments = visibility.allDepartments
    ? (await ctx.repos.departments.list()).map((department) => department.id)
    : account.departmentIds;
  const owned = await ctx.repos.chats.listOwnedActive(account.id);
  return [
    rooms.operator(account.id),
    rooms.session(key),
    ...(visibility.allDepartments ? [rooms.supervisors()] : []),
    ...departments.map(rooms.department),
    ...owned.map((chat) => rooms.chat(chat.id)),
  ];
}

/** Last seen, for the Administration page: when a console of theirs came or went. */
function markSeen(ctx: DeskbellContext, accountId: string): void {
  ctx.inFlight.track(ctx.repos.accounts.markSeen(accountId, ctx.now())).catch((error: unknown) => {
    ctx.log.warn({ err: error }, 'could not note when an operator was last seen');
  });
}

/** The operator's last console went away: Offline after the grace period, and their chats back to the queue then. */
async function lastConsoleGone(ctx: DeskbellContext, accountId: string): Promise<void> {
  if (!(await ctx.presence.disconnected(accountId))) return;
  await ctx.repos.lifecycle.setHandbackDue(accountId, ctx.now() + ctx.timings.presenceGraceMs);
}
