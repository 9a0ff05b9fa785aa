import { type ChatAction, type ChatDecision, decide } from '../../src/domain/chat-state-machine';
import { DeskbellError } from '../../src/protocol/ack';
import type { ChatSummary } from '../../src/protocol/models';
import type { DeskbellContext } from '../context';
import { rooms } from '../sockets/rooms';
import { type AfterAnswer, onNextTurn } from '../sockets/serve-events';
import type { Transition } from './chat-repository';
import type { LoadedChat } from './chat-transitions';
import { announceMessage } from './chat-broadcast';
import { toPatronView } from './chat-rows';
import { dropFollowersWhoMayNotSee } from './chat-room-members';
import { announceQueueChange } from './queue-positions';
import { endScreensharesOutOfPlace } from '../screenshare/screenshare-upkeep';

/** Concurrent writers make a conditional write miss; a few fresh tries always settle it. */
const MAX_TRIES = 8;

/** Every action but `send` changes the chat (a send is stored by the message store, not here). */
export type ChatChange = Exclude<ChatAction, { type: 'send' }>;

export interface ChatActionOutcome {
  before: LoadedChat;
  decision: ChatDecision;
  /** What was written. */
  transition: Transition;
}

/**
 * Runs one action through the chat state machine: load the facts, decide
 * (a refusal throws its DeskbellError), store with a conditional write, and
 * on a lost race decide again on fresh facts, so the answer is always the
 * machine's answer for the chat as it really is.
 */
export async function runChatAction(
  ctx: DeskbellContext,
  chatId: string,
  makeAction: (loaded: LoadedChat) => ChatChange | Promise<ChatChange>,
): Promise<ChatActionOutcome> {
  for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
    const before = await ctx.repos.transitions.load(chatId);
    if (!before) throw new DeskbellError('CHAT_NOT_FOUND', 'There is no chat with that id.');
    const decision = decide(before.state, await makeAction(before));
    // Every allowed change has its transcript line; only a send (not a change) has none.
    if (!decision.notice) throw new Error(`the state machine allowed a change without a notice`);
    const transition = await ctx.repos.transitions.apply(before, decision, ctx.now());
    if (transition) return { before, decision, transition };
  }
  throw new DeskbellError('INTERNAL', 'The chat kept changing while the server tried; please try again.');
}

/**
 * Tells everyone what a stored transition changed: the line in the chat box
 * (operators and patron), the chat itself to every queue and person it
 * concerns (old and new department, owner, participants, a transfer's two
 * ends), the patron's view, and the queues it left or joined.
 * Resolves once the chat's followers are who may still see it (never rejects).
 */
export async function announceTransition(
  ctx: DeskbellContext,
  before: ChatSummary,
  transition: Transition,
  /** The request's (see serve-events.ts); a timer's transition has none and fans out on the next turn. */
  afterAnswer: AfterAnswer = onNextTurn,
): Promise<void> {
  const { chat } = transition;
  announceMessage(ctx, transition.message);
  const targets = new Set<string>([
    rooms.department(before.departmentId),
    rooms.department(chat.departmentId),
    rooms.chat(chat.id),
  ]);
  // A backup department that saw the waiting chat (past T2) hears that it was claimed or ended too.
  if (before.backupDepartmentId) targets.add(rooms.department(before.backupDepartmentId));
  for (const id of [before.ownerId, chat.ownerId, ...(before.participants ?? []).map((member) => member.id)]) {
    if (id) targets.add(rooms.operator(id));
  }
  for (const member of chat.participants ?? []) targets.add(rooms.operator(member.id));
  for (const transfer of [before.transfer, chat.transfer]) {
    // The colleague of a transfer that was just accepted, declined or returned hears it too (all their windows).
    if (!transfer) continue;
    targets.add(rooms.operator(transfer.from.id));
    if (transfer.to.kind === 'operator') targets.add(rooms.operator(transfer.to.id));
  }
  ctx.operators.to([...targets]).emit('chat:updated', chat);
  ctx.patrons.to(rooms.chat(chat.id)).emit('chat:status', toPatronView(chat));
  // One push per queue the chat left or joined, whatever the queue's length.
  announceQueueChange(ctx, before, chat, afterAnswer);
  // Nothing more happens in an ended chat: its followers (owner, group, anyone who previewed it) stop
  // following it, so consoles open all day do not collect rooms of chats long over.
  if (chat.status === 'ended') ctx.operators.in(rooms.chat(chat.id)).socketsLeave(rooms.chat(chat.id));
  // A screenshare goes with the chat, and with its host leaving it (ended, transferred, handed back);
  // not awaited: the answer to the request does not wait for it.
  ctx.inFlight.track(endScreensharesOutOfPlace(ctx, chat)).catch((error: unknown) => {
    ctx.log.warn({ err: error, chatId: chat.id }, 'could not end the screenshare of a chat that changed');
  });
  if (chat.status === 'ended') return;
  if (before.departmentId !== chat.departmentId) {
    // Awaited by the caller, so nobody who lost sight of the chat hears the next message.
    await dropFollowersWhoMayNotSee(ctx, chat).catch((error: unknown) => {
      ctx.log.warn({ err: error, chatId: chat.id }, 'could not check who may still follow a transferred chat');
    });
  }
}
