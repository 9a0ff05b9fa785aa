import type { PatronClientEvents } from '../../src/protocol/patron-events';
import type { DeskbellContext } from '../context';
import { serveEvents } from '../sockets/serve-events';
import { patronAddress } from './patron-address';
import { patronHandlers } from './patron-handlers';

/** Longest user agent kept; real ones are a few hundred characters. */
const USER_AGENT_MAX = 512;

/** The `/patron` namespace: anonymous widget sockets. Operator events are simply unknown here. */
export function setUpPatronNamespace(ctx: DeskbellContext): void {
  ctx.patrons.on('connection', (socket) => {
    const userAgent = socket.handshake.headers['user-agent'];
    socket.data.chatId = null;
    socket.data.ip = patronAddress(socket.handshake, ctx.trustProxy);
    socket.data.userAgent =
      typeof userAgent === 'string' && userAgent !== '' ? userAgent.slice(0, USER_AGENT_MAX) : null;
    socket.on('disconnect', () => {
      const chatId = socket.data.chatId;
      if (!chatId) return;
      ctx.patronPresence.disconnected(ctx, chatId).catch((error: unknown) => {
        ctx.log.warn({ err: error, chatId }, 'could not mark the patron away');
      });
    });
    serveEvents<PatronClientEvents>(socket, patronHandlers(ctx, socket), {
      log: ctx.log,
      rateLimit: ctx.socketRateLimit,
      now: ctx.now,
    });
  });
}
