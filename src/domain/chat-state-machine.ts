import { DeskbellError } from '../protocol/ack';
import type { ChatEvent, ChatStatus, OperatorStatus, StaffRef, TransferTarget } from '../protocol/models';
import { type ActorFacts, assertMay, isParticipant } from './chat-access';
import { transferRefusal } from './presence';

/**
 * The one state machine of a patron chat, shared by every server handler:
 * what claim, reply, end, transfer, accept a transfer, leave do in each
 * state. Who may do each of them is asked of `chat-access.ts`; the machine
 * adds what the state itself forbids (a second pending transfer, a colleague
 * who is away) and decides what happens next. It is pure: the server loads
 * the chat's facts, asks `decide`, and stores the next state with a
 * conditional update (so a race between two servers is settled by the
 * database, and the loser asks again).
 *
 * The shape it keeps: an active chat has exactly one owner; other operators
 * in it are participants (a group chat). A transfer to a colleague is pending
 * (the owner does not change) until they accept; a transfer to a department
 * puts the chat back in that department's queue, and whoever claims it
 * becomes owner while the original operator stays as a participant. A
 * pending transfer nobody takes returns to the original operator.
 *
 * Nobody is dropped: a patron whose widget stays gone is marked away (a
 * waiting one leaves the queue but keeps its place, should they come back),
 * and past the return period a waiting chat ends unanswered ("missed"); an
 * owner who has to leave, or whose console vanished, hands the chat back to
 * its department's queue, marked as returned by them.
 *
 * A supervisor or admin can take any chat: reassign a waiting or active chat
 * to a colleague who can take it, or take it over themselves. The new owner
 * has it at once (no offer to accept), the previous owner leaves it, and a
 * pending transfer is dropped.
 */

export interface ChatActor extends ActorFacts {
  name: string;
}

/** A transfer waiting to be taken, with what the machine needs to undo it. */
export interface TransferFacts {
  from: StaffRef;
  to: TransferTarget;
  briefing: string | null;
  createdAt: number;
  expiresAt: number;
  /** The chat's department before a department transfer moved it; it returns there. */
  previousDepartmentId: string;
}

/** The patron's widget has been gone since `since`; after `returnBy` the chat no longer waits for them. */
export interface PatronAbsence {
  since: number;
  returnBy: number;
  /** When an answered chat's patron was declared gone (the operator may End Chat); null until then. */
  leftAt: number | null;
}

export interface ChatMachineState {
  status: ChatStatus;
  departmentId: string;
  /** A backup department that sees the waiting chat too (past T2 of its ladder); set by the desk watch, not here. */
  backupDepartmentId?: string | null;
  owner: StaffRef | null;
  /** Operators in the chat beside the owner; never includes the owner. */
  participants: readonly StaffRef[];
  transfer: TransferFacts | null;
  /** Null (or absent) while the patron is here. */
  patronAway?: PatronAbsence | null;
  /** The operator who handed a waiting chat back to the queue; cleared when someone claims it. */
  returnedBy?: StaffRef | null;
}

export type ChatAction =
  | { type: 'claim'; actor: ChatActor }
  | { type: 'send'; actor: ChatActor }
  | { type: 'end'; actor: ChatActor }
  | {
      type: 'transfer';
      actor: ChatActor;
      to: TransferTarget;
      /** The colleague's status as the server sees it (operator transfers). */
      targetStatus?: OperatorStatus;
      briefing: string | null;
      now: number;
      timeoutMs: number;
    }
  | { type: 'accept-transfer'; actor: ChatActor }
  /** The colleague a chat was offered to says no: it stays with (returns at once to) the operator who offered it. */
  | { type: 'decline-transfer'; actor: ChatActor }
  | { type: 'transfer-timeout'; now: number }
  | { type: 'leave'; actor: ChatActor }
  | { type: 'patron-end' }
  /** The patron's widget has stayed disconnected a moment (not a page change): they have `returnMs` to come back. */
  | { type: 'patron-away'; now: number; returnMs: number }
  /** The patron's widget is back (a resume) within the return period, or later while the chat is still open. */
  | { type: 'patron-back'; now: number }
  /** The return period is over: a waiting chat ends unanswered; an answered one says the patron left. */
  | { type: 'patron-timeout'; now: number }
  /**
   * The owner hands the chat back to its department's queue: they are leaving (log out, Offline), or the
   * server does it for them when their console stayed gone past the presence grace period.
   */
  | { type: 'hand-back'; actor: ChatActor; why: 'leaving' | 'connection-lost' }
  /** A supervisor or admin gives a waiting or active chat to a colleague (as the server sees them). */
  | { type: 'reassign'; actor: ChatActor; to: ReassignTarget }
  /** A supervisor or admin takes a waiting or active chat themselves. */
  | { type: 'take-over'; actor: ChatActor };

/** The colleague a supervisor gives a chat to, with what decides whether they can take it. */
export interface ReassignTarget extends StaffRef {
  status: OperatorStatus;
  departmentIds: readonly string[];
}

/** What an allowed action does: the next state, and the line the transcript gets (if any). */
export interface ChatDecision {
  next: ChatMachineState;
  /** The system message's text and structured event; null for actions that change nothing (send). */
  notice: { body: string; event: ChatEvent } | null;
}

/** A refusal has a code the client can branch on; every one is a DeskbellError. */
function refuse(code: ConstructorParameters<typeof DeskbellError>[0], message: string): never {
  throw new DeskbellError(code, message);
}

const ref = (actor: ChatActor): StaffRef => ({ id: actor.id, name: actor.name });
const without = (list: readonly StaffRef[], id: string): StaffRef[] => list.filter((member) => member.id !== id);
const withMember = (list: readonly StaffRef[], member: StaffRef): StaffRef[] =>
  list.some((existing) => existing.id === member.id) ? [...list] : [...list, member];

/**
 * Decides an action: the next state and its transcript line, or a
 * DeskbellError with the code of the refusal. Never changes `state`.
 */
export function decide(state: ChatMachineState, action: ChatAction): ChatDecision {
  switch (action.type) {
    case 'claim':
      return claim(state, action.actor);
    case 'send':
      assertMay('write', state, action.actor);
      return { next: state, notice: null };
    case 'end': {
      assertMay('end', state, action.actor);
      const by = action.actor.name;
      return {
        next: { ...state, status: 'ended', transfer: null },
        notice: { body: `${by} ended the chat.`, event: { type: 'ended', by: 'operator' } },
      };
    }
    case 'transfer':
      return transfer(state, action);
    case 'accept-transfer':
      return acceptTransfer(state, action.actor);
    case 'decline-transfer':
      return declineTransfer(state, action.actor);
    case 'transfer-timeout':
      return transferTimeout(state, action.now);
    case 'leave': {
      const { actor } = action;
      assertMay('leave', state, actor);
      return {
        next: { ...state, participants: without(state.participants, actor.id) },
        notice: { body: `${actor.name} has left the chat.`, event: { type: 'left', operator: ref(actor) } },
      };
    }
    case 'patron-end':
      if (state.status === 'ended') refuse('CHAT_ENDED', 'This chat has already ended.');
      return {
        next: { ...state, status: 'ended', transfer: null, patronAway: null },
        notice: { body: 'The patron left the chat.', event: { type: 'ended', by: 'patron' } },
      };
    case 'patron-away':
      return patronAway(state, action.now, action.returnMs);
    case 'patron-back':
      return patronBack(state);
    case 'patron-timeout':
      return patronTimeout(state, action.now);
    case 'hand-back':
      return handBack(state, action.actor, action.why);
    case 'reassign':
      return reassign(state, action.actor, action.to);
    case 'take-over':
      return takeOver(state, action.actor);
  }
}

/** "Sam (supervisor)": the line says who did it and why they could. */
const withRole = (actor: ChatActor): string => `${actor.name} (${actor.role})`;

/** The chat's new owner has it at once; the previous owner is out of it, and a pending transfer is dropped. */
function givenTo(state: ChatMachineState, owner: StaffRef): ChatMachineState {
  return {
    ...state,
    status: 'active',
    owner,
    participants: without(state.participants, owner.id),
    transfer: null,
    returnedBy: null,
  };
}

function reassign(state: ChatMachineState, actor: ChatActor, to: ReassignTarget): ChatDecision {
  assertMay('supervise', state, actor);
  if (to.id === state.owner?.id)
    refuse('BAD_REQUEST', `chat:reassign: toOperatorId: ${to.name} already has this chat.`);
  if (to.id === actor.id)
    refuse('BAD_REQUEST', 'chat:reassign: toOperatorId: use Take over to take this chat yourself.');
  const cannot = transferRefusal(to, state.departmentId);
  if (cannot) refuse('TRANSFER_TARGET_UNAVAILABLE', `${to.name} cannot take this chat (${cannot}).`);
  const next: StaffRef = { id: to.id, name: to.name };
  return {
    next: givenTo(state, next),
    notice: {
      body: `${withRole(actor)} gave this chat to ${to.name}.`,
      event: { type: 'reassigned', by: ref(actor), from: state.owner, to: next },
    },
  };
}

function takeOver(state: ChatMachineState, actor: ChatActor): ChatDecision {
  assertMay('supervise', state, actor);
  if (state.owner?.id === actor.id) refuse('BAD_REQUEST', 'chat:take-over: you already have this chat.');
  const from = state.owner;
  return {
    next: givenTo(state, ref(actor)),
    notice: {
      body: from
        ? `${withRole(actor)} took over this chat from ${from.name}.`
        : `${withRole(actor)} took over this chat.`,
      event: { type: 'taken-over', by: ref(actor), from },
    },
  };
}

function patronAway(state: ChatMachineState, now: number, returnMs: number): ChatDecision {
  if (state.status === 'ended') refuse('CHAT_ENDED', 'This chat has already ended.');
  if (state.patronAway) refuse('PATRON_AWAY', 'The patron is already marked away.');
  const waiting = state.status === 'waiting';
  return {
    next: { ...state, patronAway: { since: now, returnBy: now + returnMs, leftAt: null } },
    notice: {
      body: waiting ? 'The patron left the queue.' : "The patron's connection was lost.",
      event: { type: 'patron-away' },
    },
  };
}

function patronBack(state: ChatMachineState): ChatDecision {
  if (state.status === 'ended') refuse('CHAT_ENDED', 'This chat has already ended.');
  if (!state.patronAway) refuse('PATRON_PRESENT', 'The patron is not marked away.');
  return {
    next: { ...state, patronAway: null },
    notice: { body: 'The patron is back.', event: { type: 'patron-back' } },
  };
}

function patronTimeout(state: ChatMachineState, now: number): ChatDecision {
  const away = state.patronAway;
  if (state.status === 'ended') refuse('CHAT_ENDED', 'This chat has already ended.');
  if (!away) refuse('PATRON_PRESENT', 'The patron is not marked away.');
  if (now < away.returnBy) refuse('PATRON_AWAY', 'The patron may still come back.');
  // Declared gone once while answered; a chat that then went back to the queue (handed back) still ends.
  if (away.leftAt !== null && state.status !== 'waiting') {
    refuse('PATRON_AWAY', 'The patron has already been declared gone.');
  }
  if (state.status === 'waiting' && (state.returnedBy || state.transfer || away.leftAt !== null)) {
    // Answered once, then back in a queue (handed back, transferred) after the patron had gone: it ends,
    // but it was not a missed chat.
    return {
      next: { ...state, status: 'ended', transfer: null, patronAway: { ...away, leftAt: away.leftAt ?? now } },
      notice: { body: 'The patron had left; the chat ended.', event: { type: 'ended', by: 'patron' } },
    };
  }
  if (state.status === 'waiting') {
    // Nobody answered in time: ended unanswered, a missed chat in the analytics, its transcript kept.
    return {
      next: { ...state, status: 'ended', transfer: null, patronAway: { ...away, leftAt: now } },
      notice: {
        body: 'The patron left before anyone answered; the chat ended unanswered.',
        event: { type: 'ended', by: 'missed' },
      },
    };
  }
  return {
    next: { ...state, patronAway: { ...away, leftAt: now } },
    notice: { body: 'The patron left the chat; you can End Chat.', event: { type: 'patron-left' } },
  };
}

function handBack(state: ChatMachineState, actor: ChatActor, why: 'leaving' | 'connection-lost'): ChatDecision {
  assertMay('hand-back', state, actor);
  const by = ref(actor);
  return {
    next: {
      ...state,
      status: 'waiting',
      owner: null,
      participants: without(state.participants, actor.id),
      transfer: null,
      returnedBy: by,
    },
    notice: {
      body:
        why === 'leaving'
          ? `${actor.name} had to leave; another librarian will be with you shortly.`
          : `${actor.name} lost their connection; another librarian will be with you shortly.`,
      event: { type: 'handed-back', operator: by, why },
    },
  };
}

function claim(state: ChatMachineState, actor: ChatActor): ChatDecision {
  assertMay('claim', state, actor);
  const me = ref(actor);
  const from = state.transfer?.from;
  if (!from) {
    return {
      next: {
        ...state,
        status: 'active',
        owner: me,
        participants: without(state.participants, me.id),
        transfer: null,
        returnedBy: null,
      },
      notice: { body: `${actor.name} has joined the chat.`, event: { type: 'claimed', operator: me } },
    };
  }
  // A chat transferred to a department: the claimer owns it, the original operator stays to help until they leave.
  const participants =
    from.id === me.id ? without(state.participants, me.id) : withMember(without(state.participants, me.id), from);
  return {
    next: { ...state, status: 'active', owner: me, participants, transfer: null, returnedBy: null },
    notice: {
      body:
        from.id === me.id
          ? `${actor.name} took the chat back.`
          : `${actor.name} has joined the chat (transferred from ${from.name}).`,
      event: { type: 'transfer-accepted', from, to: me },
    },
  };
}

function transfer(state: ChatMachineState, action: Extract<ChatAction, { type: 'transfer' }>): ChatDecision {
  const { actor, to } = action;
  assertMay('transfer', state, actor);
  if (state.transfer)
    refuse('TRANSFER_PENDING', `This chat is already being transferred to ${state.transfer.to.name}.`);
  const from = ref(actor);
  const facts: TransferFacts = {
    from,
    to,
    briefing: action.briefing,
    createdAt: action.now,
    expiresAt: action.now + action.timeoutMs,
    previousDepartmentId: state.departmentId,
  };
  if (to.kind === 'operator') {
    if (to.id === actor.id) refuse('BAD_REQUEST', 'chat:transfer: to: you cannot transfer a chat to yourself');
    const status = action.targetStatus ?? 'offline';
    if (status === 'offline' || status === 'away') {
      refuse(
        'TRANSFER_TARGET_UNAVAILABLE',
        `${to.name} is ${status === 'away' ? 'Away' : 'Offline'}; pick someone who is Online.`,
      );
    }
    return {
      next: { ...state, transfer: facts },
      notice: {
        body: `${actor.name} is transferring the chat to ${to.name}.`,
        event: { type: 'transfer-requested', from, to },
      },
    };
  }
  // Back into the department's queue, marked as a transfer; the original operator waits as its origin.
  return {
    next: {
      ...state,
      status: 'waiting',
      owner: null,
      departmentId: to.id,
      participants: without(state.participants, actor.id),
      transfer: facts,
    },
    notice: {
      body: `${actor.name} transferred the chat to ${to.name}.`,
      event: { type: 'transfer-requested', from, to },
    },
  };
}

function acceptTransfer(state: ChatMachineState, actor: ChatActor): ChatDecision {
  assertMay('accept-transfer', state, actor);
  const pending = state.transfer;
  if (pending?.to.kind === 'department') return claim(state, actor);
  // Never taken: the rule above refused a chat with no transfer for this actor; this tells the type checker.
  if (!pending) return refuse('NO_PENDING_TRANSFER', 'There is no transfer of this chat waiting for you.');
  const me = ref(actor);
  const previousOwner = state.owner ?? pending.from;
  return {
    next: {
      ...state,
      owner: me,
      participants: withMember(without(state.participants, me.id), previousOwner),
      transfer: null,
    },
    notice: {
      body: `${actor.name} has joined the chat (transferred from ${previousOwner.name}).`,
      event: { type: 'transfer-accepted', from: previousOwner, to: me },
    },
  };
}

function declineTransfer(state: ChatMachineState, actor: ChatActor): ChatDecision {
  // Only a colleague's own offer can be declined; a department transfer waits in the queue for anyone.
  assertMay('decline-transfer', state, actor);
  const pending = state.transfer;
  // Never taken: the rule above refused a chat with no offer for this actor; this tells the type checker.
  if (!pending) return refuse('NO_PENDING_TRANSFER', 'There is no transfer of this chat waiting for you.');
  return {
    next: { ...state, transfer: null },
    notice: {
      body: `${actor.name} declined the transfer; the chat stays with ${pending.from.name}.`,
      event: { type: 'transfer-declined', by: ref(actor), to: pending.from },
    },
  };
}

function transferTimeout(state: ChatMachineState, now: number): ChatDecision {
  const pending = state.transfer;
  if (!pending) refuse('NO_PENDING_TRANSFER', 'There is no transfer waiting in this chat.');
  if (now < pending.expiresAt) refuse('TRANSFER_PENDING', 'The transfer is still waiting to be accepted.');
  const notice = {
    body: `Nobody accepted the transfer; the chat is back with ${pending.from.name}.`,
    event: { type: 'transfer-returned', to: pending.from } as const,
  };
  if (pending.to.kind === 'operator') return { next: { ...state, transfer: null }, notice };
  return {
    next: {
      ...state,
      status: 'active',
      owner: pending.from,
      departmentId: pending.previousDepartmentId,
      participants: without(state.participants, pending.from.id),
      transfer: null,
    },
    notice,
  };
}

/**
 * The shape every stored chat keeps; a broken one is a bug. Returns what is
 * wrong, or null. Used by the property test and cheap enough to assert anywhere.
 */
export function chatShapeProblem(state: ChatMachineState): string | null {
  if (state.status === 'active' && !state.owner) return 'an active chat has no owner';
  if (state.status === 'waiting' && state.owner) return 'a waiting chat has an owner';
  if (state.owner && isParticipant(state, state.owner.id)) return 'the owner is also listed as a participant';
  const ids = state.participants.map((member) => member.id);
  if (new Set(ids).size !== ids.length) return 'a participant is listed twice';
  if (state.transfer?.to.kind === 'operator' && state.status !== 'active')
    return 'a colleague transfer outside an active chat';
  if (state.transfer?.to.kind === 'department' && state.status !== 'waiting')
    return 'a department transfer outside the queue';
  if (state.status === 'ended' && state.transfer) return 'an ended chat still has a pending transfer';
  if (state.returnedBy && state.status === 'active') return 'an answered chat is still marked as handed back';
  return null;
}
