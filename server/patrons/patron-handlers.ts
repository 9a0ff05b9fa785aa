import { describeBrowser } from '../../src/domain/user-agent';
import { assertPatronMayWrite } from '../../src/domain/chat-access';
import { DeskbellError } from '../../src/protocol/ack';
import type { ChatSummary, PatronField } from '../../src/protocol/models';
import type { PatronRequests } from '../../src/protocol/patron-contract';
import { hashToken, TokenReserve } from '../auth/tokens';
import { announceTransition, runChatAction } from '../chats/chat-actions';
import { announceMessage, announceNewChat } from '../chats/chat-broadcast';
import { joinQueueAsNew, queuePositionOf } from '../chats/queue-positions';
import { toPatronView } from '../chats/chat-rows';
import { deskHoursNow, isValidTimeZone } from '../../src/domain/service-hours';
import { machineTimeZone, TIME_ZONE_SETTING } from '../departments/library-time-zone';
import type { DepartmentRepository } from '../departments/department-repository';
import { readWidgetTexts } from '../settings/widget-texts';
import type { DeskbellContext } from '../context';
import { patronScreenshareHandlers } from '../screenshare/screenshare-handlers';
import { isDepartmentQueueRoom, rooms } from '../sockets/rooms';
import type { SocketEventHandlers } from '../sockets/serve-events';
import type { PatronSocket } from '../sockets/socket-types';
import { followUpHandlers } from '../desk/follow-up-handlers';
import { ratingHandlers } from '../reports/rating-handlers';
import { findResumableChat } from './resumable-chat';
import { isMarkedAway, recordPatronBack } from './patron-lifecycle';

/** Shown as the author of a patron's messages when they gave no name. */
export const ANONYMOUS_PATRON = 'Patron';

/**
 * The widget's requests, built once for the namespace and shared by every
 * patron socket (each is told which socket asked). A patron is anonymous: the
 * socket knows its chat only after `chat:start` (which hands out a resume
 * token, stored hashed) or `chat:resume` (after a page refresh), and can
 * write in no other chat.
 */
/** The department's hours of service at this moment, in the library's time zone. */
async function hoursNow(ctx: DeskbellContext, departmentId: string) {
  const [hours, zone] = await Promise.all([
    ctx.repos.departments.hoursOf(departmentId),
    startZone(ctx.repos.departments),
  ]);
  return deskHoursNow(hours ?? null, zone, ctx.now());
}

/** Every new chat hands out a resume token: made ahead, between requests (tokens.ts). */
const resumeTokens = new TokenReserve();

/** The machine's zone and the last stored zone's validity, looked up once (see startZone). */
let machineZone: string | undefined;
let lastStored: { zone: string; valid: boolean } | undefined;

/**
 * libraryTimeZone (library-time-zone.ts) for every `chat:start` and `widget:config`: the same
 * rule (the zone an admin set if it is valid, else the machine's), with the two Intl look-ups
 * kept, as neither changes while the process runs for the same name. Each builds an
 * Intl.DateTimeFormat, together about a millisecond of the event loop on every new chat
 * (issue 10, item 2: the new-chat alert). The stored setting itself is read every time.
 */
async function startZone(departments: DepartmentRepository): Promise<string> {
  const stored = await departments.readSetting(TIME_ZONE_SETTING);
  if (typeof stored === 'string') {
    if (lastStored?.zone !== stored) lastStored = { zone: stored, valid: isValidTimeZone(stored) };
    if (lastStored.valid) return stored;
  }
  machineZone ??= machineTimeZone();
  return machineZone;
}

export function patronHandlers(ctx: DeskbellContext): SocketEventHandlers<PatronRequests, PatronSocket> {
  return {
    ...patronScreenshareHandlers(ctx),
    ...followUpHandlers(ctx),
    ...ratingHandlers(ctx),
    'widget:config': async ({ departmentId }) => {
      const department = await ctx.repos.departments.find(departmentId);
      if (!department)
        throw new DeskbellError('DEPARTMENT_NOT_FOUND', `There is no chat department "${departmentId}".`);
      const [online, patronFields, hours, texts] = await Promise.all([
        ctx.presence.departmentOnline(department.id).then((where) => where !== 'gone'),
        ctx.repos.departments.listPatronFields(),
        hoursNow(ctx, department.id),
        readWidgetTexts(ctx.repos.departments),
      ]);
      return { department, online, patronFields, hours, texts };
    },

    'chat:start': async (request, socket, afterAnswer) => {
      // Looked up together (one wait, not four: issue 10, item 2), then judged in this order.
      const [mayStart, department, hours, patronFields] = await Promise.all([
        ctx.addressLimits.mayStartChat(socket.data.ip),
        ctx.repos.departments.find(request.departmentId),
        hoursNow(ctx, request.departmentId),
        ctx.repos.departments.listPatronFields(),
      ]);
      if (!mayStart) {
        throw new DeskbellError(
          'RATE_LIMITED',
          'Many chats were started from your network just now; please wait a minute and try again.',
        );
      }
      if (!department) {
        throw new DeskbellError('DEPARTMENT_NOT_FOUND', `There is no chat department "${request.departmentId}".`);
      }
      if (!hours.open) {
        // Nobody is there to answer: saying so now is kinder than a queue nobody will work.
        throw new DeskbellError(
          'DESK_CLOSED',
          `${department.name} is closed now${hours.opensText ? `; it opens ${hours.opensText}` : ''}.`,
        );
      }
      // The widget asks for required fields too; a page that skips it (or a form older than the rule) is told here.
      const missing = patronFields.find((field) => field.required && !request.extraFields[field.key]?.trim());
      if (missing) {
        throw new DeskbellError('BAD_REQUEST', `extraFields.${missing.key}: ${missing.label} is required.`);
      }
      const resumeToken = resumeTokens.take();
      // The same browser's earlier chat links this one to it, for the patron's history.
      const lineageId = request.previousResumeToken
        ? await ctx.repos.chats.findLineageByResumeTokenHash(hashToken(request.previousResumeToken))
        : undefined;
      const chat = await ctx.repos.chats.create({
        departmentId: department.id,
        departmentName: department.name,
        question: request.question,
        patronName: request.name,
        patronEmail: request.email,
        patronIp: socket.data.ip,
        pageUrl: request.pageUrl,
        referrer: request.referrer,
        userAgent: socket.data.userAgent,
        browser: describeBrowser(socket.data.userAgent),
        extraFields: keepConfigured(request.extraFields, patronFields),
        resumeTokenHash: resumeToken.hash,
        createdAt: ctx.now(),
        lineageId: lineageId ?? null,
      });
      // The alert first: joining the chat's rooms cannot be outrun, as no one can answer before this turn ends.
      announceNewChat(ctx, chat);
      await followChat(socket, chat);
      const queuePosition = await joinQueueAsNew(ctx, chat, afterAnswer);
      return { chat: toPatronView(chat), messages: [], resumeToken: resumeToken.token, queuePosition };
    },

    'chat:resume': async (request, socket) => {
      const chat = await findResumableChat(ctx, request.resumeToken);
      if (!chat) throw new DeskbellError('CHAT_NOT_FOUND', 'That chat could not be found; start a new one.');
      await followChat(socket, chat);
      // Back in time: the same place in the queue, counted again before the place is read.
      await recordPatronBack(ctx, chat);
      const now = isMarkedAway(chat) ? ((await ctx.repos.chats.find(chat.id)) ?? chat) : chat;
      return {
        chat: toPatronView(now),
        messages: await ctx.repos.messages.listAfter(chat.id, request.lastSeq),
        queuePosition: await queuePositionOf(ctx, now),
        screenshare: (await ctx.repos.screenshares.listOpenOfChat(chat.id))[0]?.session ?? null,
      };
    },

    'chat:send': async (request, socket) => {
      // The socket knows its chat and the patron's name since start, resume or the handshake: no read.
      const chatId = socket.data.chatId;
      if (!chatId) throw new DeskbellError('NO_ACTIVE_CHAT', 'Start a chat (or resume yours) first.');
      const result = await ctx.repos.messages.append(
        {
          chatId,
          id: request.id,
          authorKind: 'patron',
          authorId: null,
          authorName: socket.data.patronName ?? ANONYMOUS_PATRON,
          body: request.body,
          createdAt: ctx.now(),
        },
        { patron: true },
      );
      // A patron's chat refuses messages only once it has ended.
      if (result.kind === 'refused') throw new DeskbellError('CHAT_ENDED', 'This chat has ended.');
      // Announced on a retry too (the first try may have committed but not announced); merged by seq.
      announceMessage(ctx, result.message);
      return { message: result.message };
    },

    'chat:leave': async (_request, socket, afterAnswer) => {
      const chat = await currentChat(ctx, socket);
      const { before, transition } = await runChatAction(ctx, chat.id, () => ({ type: 'patron-end' }));
      await announceTransition(ctx, before.chat, transition, afterAnswer);
      return { chat: toPatronView(transition.chat) };
    },

    'chat:typing': async ({ typing }, socket) => {
      const chat = await currentChat(ctx, socket);
      assertPatronMayWrite(chat);
      ctx.operators.to(rooms.chat(chat.id)).emit('chat:typing', {
        chatId: chat.id,
        typing,
        authorKind: 'patron',
        name: chat.patron.name ?? ANONYMOUS_PATRON,
        operatorId: null,
      });
      return { relayed: true };
    },
  };
}

/**
 * The socket follows `chat` (and no other): its room, and while it waits its
 * department's queue room, joined before anything is read for the answer.
 */
export async function followChat(socket: PatronSocket, chat: ChatSummary): Promise<void> {
  if (socket.data.chatId && socket.data.chatId !== chat.id) await socket.leave(rooms.chat(socket.data.chatId));
  socket.data.chatId = chat.id;
  socket.data.patronName = chat.patron.name;
  await socket.join(rooms.chat(chat.id));
  await joinQueueOf(socket, chat);
}

/** Into the queue room of the chat's department while it waits; out of any other. */
export async function joinQueueOf(
  socket: PatronSocket,
  chat: Pick<ChatSummary, 'status' | 'departmentId'>,
): Promise<void> {
  const queue = chat.status === 'waiting' ? rooms.departmentQueue(chat.departmentId) : null;
  for (const room of socket.rooms) {
    if (isDepartmentQueueRoom(room) && room !== queue) await socket.leave(room);
  }
  if (queue) await socket.join(queue);
}

export async function currentChat(ctx: DeskbellContext, socket: PatronSocket): Promise<ChatSummary> {
  const chat = socket.data.chatId ? await ctx.repos.chats.find(socket.data.chatId) : undefined;
  if (!chat) throw new DeskbellError('NO_ACTIVE_CHAT', 'Start a chat (or resume yours) first.');
  return chat;
}

/** Only the fields the library configured are kept; anything else a page sends is dropped. */
function keepConfigured(fields: Record<string, string>, configured: readonly PatronField[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const { key } of configured) {
    const value = fields[key];
    if (value !== undefined && value !== '') kept[key] = value;
  }
  return kept;
}
