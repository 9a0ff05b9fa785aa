import { screenshareLine } from '../../src/domain/screenshare-lines';
import { decideScreenshare, type ScreenshareAction, type ScreenshareRole } from '../../src/domain/screenshare-session';
import { DeskbellError } from '../../src/protocol/ack';
import type { ScreenshareEvent } from '../../src/protocol/models';
import type { ScreenshareSession } from '../../src/protocol/screenshare';
import { announceMessage } from '../chats/chat-broadcast';
import { systemMessage } from '../chats/system-message';
import type { DeskbellContext } from '../context';
import { rooms } from '../sockets/rooms';
import { newId } from '../storage/ids';
import type { StoredFacts, StoredScreenshare } from './screenshare-repository';

/** Concurrent changes make a conditional write miss; a few fresh tries always settle it. */
const MAX_TRIES = 8;

export interface ScreenshareChangePlan {
  action: ScreenshareAction;
  /** Who asks: the host, the guest, or null for the desk's own timers and rules. */
  role: ScreenshareRole | null;
  /** Server-side facts written with the change (a side's socket, the window's key, a grace deadline). */
  facts?: StoredFacts;
}

export interface ScreenshareChange {
  before: StoredScreenshare;
  after: StoredScreenshare;
  step: ScreenshareEvent['step'] | null;
}

/**
 * Runs one change of a session through the state machine: load, decide (a
 * refusal throws its DeskbellError), write conditionally on the version, and
 * on a lost race decide again on fresh facts. Then tells both parties and
 * writes the step's line into the chat.
 */
export async function changeScreenshare(
  ctx: DeskbellContext,
  sessionId: string,
  plan: (stored: StoredScreenshare) => ScreenshareChangePlan,
): Promise<ScreenshareChange> {
  for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
    const before = await ctx.repos.screenshares.find(sessionId);
    if (!before) throw new DeskbellError('NOT_FOUND', 'There is no screenshare with that id.');
    const { action, role, facts } = plan(before);
    const decision = decideScreenshare(before.session, action, role, ctx.now(), ctx.timings);
    if (!decision.ok) throw new DeskbellError(decision.code, decision.message);
    const ending = decision.session.state === 'ended';
    const written: StoredFacts = ending ? { ...facts, graceUntil: null } : { ...facts };
    if (await ctx.repos.screenshares.update(before, decision.session, written)) {
      const facts = { ...before, ...stripUndefined(written) };
      const after: StoredScreenshare = {
        ...facts,
        // Whether the guest's side is there is a stored fact (its socket), as the repository reads it.
        session: { ...decision.session, guestReady: facts.guestSocket !== null },
        version: before.version + 1,
      };
      await announceScreenshare(ctx, after, decision.step);
      return { before, after, step: decision.step };
    }
  }
  throw new DeskbellError('INTERNAL', 'The screenshare kept changing while the server tried; please try again.');
}

function stripUndefined(facts: StoredFacts): StoredFacts {
  return Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined));
}

/**
 * Tells both parties what the session is now (every window of an operator,
 * the patron's widget and screenshare window), and writes the step's line
 * into the chat (the patron reads a patron chat's lines too).
 */
export async function announceScreenshare(
  ctx: DeskbellContext,
  stored: StoredScreenshare,
  step: ScreenshareEvent['step'] | null,
): Promise<void> {
  const { session } = stored;
  ctx.operators.to(operatorRoomsOf(session)).emit('screenshare:updated', session);
  if (session.chat.kind === 'patron') {
    const patronTargets = [rooms.chat(session.chat.id)];
    if (stored.guestSocket) patronTargets.push(stored.guestSocket);
    ctx.patrons.to(patronTargets).emit('screenshare:updated', session);
  }
  if (step) await writeLine(ctx, session, step);
}

/** The rooms of the operators of a session: the host's windows, and a colleague guest's. */
function operatorRoomsOf(session: ScreenshareSession): string[] {
  const targets = [rooms.operator(session.host.id ?? '')];
  if (session.guest.kind === 'operator' && session.guest.id) targets.push(rooms.operator(session.guest.id));
  return targets;
}

async function writeLine(
  ctx: DeskbellContext,
  session: ScreenshareSession,
  step: ScreenshareEvent['step'],
): Promise<void> {
  const now = ctx.now();
  const { body, event } = screenshareLine(session, step, now);
  if (session.chat.kind === 'patron') {
    // The desk's record: a screenshare that ended with the chat still says so, just after the chat's own end.
    const stored = await ctx.repos.messages.append(systemMessage(session.chat.id, body, event, now), { record: true });
    if (stored.kind === 'stored') announceMessage(ctx, stored.message);
    return;
  }
  const staffChat = await ctx.repos.staffChats.find(session.chat.id);
  if (!staffChat) return;
  // A staff chat's lines are authored by a member: whoever took the step, else the host.
  const author = event.by === session.guest.name && session.guest.id ? session.guest : session.host;
  const { message } = await ctx.repos.staffChats.append({
    staffChatId: staffChat.id,
    id: `system-${newId()}`,
    authorId: author.id ?? '',
    authorName: author.name,
    body,
    createdAt: now,
    event,
  });
  const listeners = [...staffChat.members.map((member) => rooms.operator(member.id)), rooms.staffReview(staffChat.id)];
  ctx.operators.to(listeners).emit('staff:message', message);
}
