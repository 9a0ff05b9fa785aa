import { PATRON_REQUESTS } from '../../src/protocol/patron-contract';
import { z } from 'zod';
import type { ChatSummary } from '../../src/protocol/models';
import type { DeskbellContext } from '../context';
import { whereabouts } from '../cluster/census';
import { screenshareSideGone } from '../screenshare/screenshare-upkeep';
import { rooms } from '../sockets/rooms';
import type { PatronSocket } from '../sockets/socket-types';
import { eventServer } from '../sockets/serve-events';
import { patronAddress } from './patron-address';
import { patronHandlers } from './patron-handlers';
import { findResumableChat } from './resumable-chat';
import { recordPatronBack } from './patron-lifecycle';

/** Longest user agent kept; real ones are a few hundred characters. */
const USER_AGENT_MAX = 512;

/**
 * The `/patron` namespace: anonymous widget sockets. Operator events are simply
 * unknown here. Everything a socket is given is built once here and shared (the
 * handlers, the event and disconnect listeners): an idle widget costs the server
 * little more than socket.io's own socket.
 */
export function setUpPatronNamespace(ctx: DeskbellContext): void {
  // Filled by the handshake, read once by the connection handler: the chat the socket is bound to.
  const boundChats = new WeakMap<PatronSocket, ChatSummary>();
  const serve = eventServer(PATRON_REQUESTS, patronHandlers(ctx), {
    log: ctx.log,
    limiter: ctx.socketEvents,
    inFlight: ctx.inFlight,
    metrics: ctx.metrics,
  });
  function onDisconnect(this: PatronSocket): void {
    if (this.data.inScreenshare) {
      ctx.inFlight.track(screenshareSideGone(ctx, this.id)).catch((error: unknown) => {
        ctx.log.warn({ err: error }, 'could not start the grace of a screenshare after a disconnect');
      });
    }
    const chatId = this.data.chatId;
    if (!chatId) return;
    ctx.inFlight.track(patronDisconnected(ctx, chatId)).catch((error: unknown) => {
      ctx.log.warn({ err: error, chatId }, 'could not mark the patron away');
    });
  }

  ctx.patrons.use((socket, next) => {
    void bindToChat(ctx, socket).then((chat) => {
      if (chat) boundChats.set(socket, chat);
      next();
    });
  });

  ctx.patrons.on('connection', (socket) => {
    // Bound in the handshake: following the chat before the client hears "connect", so a send it
    // flushes at once (socket.io-client sends buffered emits before its connect handlers run) has a chat.
    if (socket.data.chatId) {
      void socket.join(rooms.chat(socket.data.chatId));
      const bound = boundChats.get(socket);
      if (bound) {
        boundChats.delete(socket);
        if (bound.status === 'waiting') void socket.join(rooms.departmentQueue(bound.departmentId));
        ctx.inFlight.track(recordPatronBack(ctx, bound)).catch((error: unknown) => {
          ctx.log.warn({ err: error, chatId: bound.id }, 'could not record that the patron is back');
        });
      }
    }
    const userAgent = socket.handshake.headers['user-agent'];
    socket.data.ip = patronAddress(socket.handshake, ctx.trustProxy);
    socket.data.userAgent =
      typeof userAgent === 'string' && userAgent !== '' ? userAgent.slice(0, USER_AGENT_MAX) : null;
    socket.on('disconnect', onDisconnect);
    serve(socket);
  });
}

/** The last widget of a chat went away (on this node): the presence tracker decides whether that is news. */
async function patronDisconnected(ctx: DeskbellContext, chatId: string): Promise<void> {
  if ((await whereabouts(ctx.clusterWatch, ctx.patrons.in(rooms.chat(chatId)))) === 'connected') return;
  const chat = await ctx.repos.chats.find(chatId);
  if (chat) await ctx.patronPresence.disconnected(chat);
}

/** What a widget may send in its handshake: the resume token of the chat it is in. */
const handshakeAuthSchema = z.object({ resumeToken: z.string().min(16).max(256) });

/**
 * Ties a widget's new socket to its chat from the resume token in the
 * handshake, and returns that chat. Anything else (no token, a malformed or dead one, a database that
 * does not answer) leaves the socket unbound: `chat:resume` then answers, or
 * says what is wrong, as it always did.
 */
async function bindToChat(ctx: DeskbellContext, socket: PatronSocket): Promise<ChatSummary | undefined> {
  socket.data.chatId = null;
  socket.data.patronName = null;
  const auth = handshakeAuthSchema.safeParse(socket.handshake.auth);
  if (!auth.success) return undefined;
  try {
    const chat = await findResumableChat(ctx, auth.data.resumeToken);
    if (chat) {
      socket.data.chatId = chat.id;
      socket.data.patronName = chat.patron.name;
    }
    return chat;
  } catch (error) {
    ctx.log.warn({ err: error }, 'could not bind a widget socket to its chat; it resumes later');
    return undefined;
  }
}
