import { DeskbellError } from '../protocol/ack';
import type { ChatEvent, ChatStatus, OperatorStatus, StaffRef, TransferTarget } from '../protocol/models';
import { type ActorFacts, alreadyClaimed, canSeeDepartment } from './chat-lifecycle';

/**
 * The one state machine of a patron chat, shared by every server handler:
 * who may claim, reply, end, transfer, accept a transfer, leave, in which
 * state. It is pure: the server loads the chat's facts, asks `decide`, and
 * stores the next state with a conditional update (so a race between two
 * servers is settled by the database, and the loser asks again).
 *
 * The shape it keeps: an active chat has exactly one owner; other operators
 * in it are participants (a group chat). A transfer to a colleague is pending
 * (the owner does not change) until they accept; a transfer to a department
 * puts the chat back in that department's queue, and whoever claims it
 * becomes owner while the original operator stays as a participant. A
 * pending transfer nobody takes returns to the original operator.
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

export interface ChatMachineState {
  status: ChatStatus;
  departmentId: string;
  owner: StaffRef | null;
  /** Operators in the chat beside the owner; never includes the owner. */
  participants: readonly StaffRef[];
  transfer: TransferFacts | null;
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
  | { type: 'patron-end' };

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

export function isParticipant(state: ChatMachineState, accountId: string): boolean {
  return state.participants.some((member) => member.id === accountId);
}

/** Owner or participant: the operators who may write in an active chat. */
export function isMember(state: ChatMachineState, accountId: string): boolean {
  return state.owner?.id === accountId || isParticipant(state, accountId);
}

/** Who may look at a chat: its members, the two ends of a pending transfer, and whoever monitors its department. */
export function canSeeChat(state: ChatMachineState, actor: ActorFacts): boolean {
  if (isMember(state, actor.id)) return true;
  if (state.transfer && (state.transfer.from.id === actor.id || state.transfer.to.id === actor.id)) return true;
  return canSeeDepartment(actor, state.departmentId);
}

export function assertCanSeeChat(state: ChatMachineState, actor: ActorFacts): void {
  if (!canSeeChat(state, actor)) {
    refuse('NOT_IN_DEPARTMENT', 'You do not monitor the department this chat was asked in.');
  }
}

function assertActiveMember(state: ChatMachineState, actor: ChatActor, verb: string): void {
  if (state.status === 'ended') refuse('CHAT_ENDED', 'This chat has ended.');
  if (state.status === 'waiting') refuse('CHAT_NOT_ACTIVE', `Claim Chat before you ${verb}.`);
  if (!isMember(state, actor.id)) notOwner(state);
}

function assertOwner(state: ChatMachineState, actor: ChatActor, verb: string): void {
  if (state.status === 'ended') refuse('CHAT_ENDED', 'This chat has already ended.');
  if (state.status === 'waiting') refuse('CHAT_NOT_ACTIVE', `Claim Chat before you ${verb}.`);
  if (state.owner?.id !== actor.id) notOwner(state);
}

function notOwner(state: ChatMachineState): never {
  return refuse(
    'NOT_CHAT_OWNER',
    `Only ${state.owner?.name ?? 'the operator who claimed it'} can do that in this chat.`,
  );
}

/**
 * Decides an action: the next state and its transcript line, or a
 * DeskbellError with the code of the refusal. Never changes `state`.
 */
export function decide(state: ChatMachineState, action: ChatAction): ChatDecision {
  switch (action.type) {
    case 'claim':
      return claim(state, action.actor);
    case 'send':
      assertCanSeeChat(state, action.actor);
      assertActiveMember(state, action.actor, 'reply');
      return { next: state, notice: null };
    case 'end': {
      assertCanSeeChat(state, action.actor);
      assertOwner(state, action.actor, 'end it');
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
      if (state.status === 'ended') refuse('CHAT_ENDED', 'This chat has already ended.');
      if (state.owner?.id === actor.id) {
        refuse('OWNER_CANNOT_LEAVE', 'You own this chat: transfer it or End Chat instead of leaving.');
      }
      if (!isParticipant(state, actor.id)) refuse('NOT_CHAT_PARTICIPANT', 'You are not in this chat.');
      return {
        next: { ...state, participants: without(state.participants, actor.id) },
        notice: { body: `${actor.name} has left the chat.`, event: { type: 'left', operator: ref(actor) } },
      };
    }
    case 'patron-end':
      if (state.status === 'ended') refuse('CHAT_ENDED', 'This chat has already ended.');
      return {
        next: { ...state, status: 'ended', transfer: null },
        notice: { body: 'The patron left the chat.', event: { type: 'ended', by: 'patron' } },
      };
  }
}

function claim(state: ChatMachineState, actor: ChatActor): ChatDecision {
  assertCanSeeChat(state, actor);
  if (state.status === 'ended') refuse('CHAT_ENDED', 'This chat has already ended.');
  if (state.status === 'active') throw alreadyClaimed({ ownerName: state.owner?.name ?? null });
  const me = ref(actor);
  const from = state.transfer?.from;
  if (!from) {
    return {
      next: { ...state, status: 'active', owner: me, participants: without(state.participants, me.id), transfer: null },
      notice: { body: `${actor.name} has joined the chat.`, event: { type: 'claimed', operator: me } },
    };
  }
  // A chat transferred to a department: the claimer owns it, the original operator stays to help until they leave.
  const participants =
    from.id === me.id ? without(state.participants, me.id) : withMember(without(state.participants, me.id), from);
  return {
    next: { ...state, status: 'active', owner: me, participants, transfer: null },
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
  assertCanSeeChat(state, actor);
  assertOwner(state, actor, 'transfer it');
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
  if (state.status === 'ended') refuse('CHAT_ENDED', 'This chat has already ended.');
  const pending = state.transfer;
  if (pending?.to.kind === 'department') return claim(state, actor);
  if (!pending || pending.to.id !== actor.id) {
    refuse('NO_PENDING_TRANSFER', 'There is no transfer of this chat waiting for you.');
  }
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
  const pending = state.transfer;
  // Only a colleague's own offer can be declined; a department transfer waits in the queue for anyone.
  if (!pending || pending.to.kind !== 'operator' || pending.to.id !== actor.id || state.status === 'ended') {
    refuse('NO_PENDING_TRANSFER', 'There is no transfer of this chat waiting for you.');
  }
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
  return null;
}
