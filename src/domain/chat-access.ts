import { DeskbellError, type ErrorCode } from '../protocol/ack';
import type { ChatStatus, ChatSummary, Role, TransferTarget } from '../protocol/models';

/**
 * Who may see and do what to a patron chat: the one home of that rule. The
 * state machine, the server's handlers and room upkeep, the SQL filters (the
 * same rule written for a query, `server/chats/chat-access-query.ts`, tested
 * to agree with `may('see', ...)`) and the console's buttons all ask here.
 * A new permission is a new row in RULES.
 *
 * Two kinds of fact decide: where the account stands in the chat (owner,
 * participant, one end of a pending transfer) and what it watches (its role
 * and the departments it monitors). A refusal carries the code a client can
 * branch on and the words it shows.
 */

/** An account as the access rules see it (an `OperatorProfile` is one). */
export interface ActorFacts {
  id: string;
  role: Role;
  departmentIds: readonly string[];
}

/** A chat as the access rules see it (the state machine's state is one; `chatAccessOf` makes one of a summary). */
export interface ChatAccessFacts {
  status: ChatStatus;
  departmentId: string;
  /** A backup department that sees the chat too (a waiting chat past T2 of its ladder). */
  backupDepartmentId?: string | null;
  owner: { id: string; name: string } | null;
  /** Operators in the chat beside its owner; never the owner. */
  participants: readonly { id: string }[];
  /** A transfer waiting to be accepted (colleague) or claimed (department). */
  transfer: { from: { id: string }; to: Pick<TransferTarget, 'kind' | 'id'> } | null;
}

/** What is refused and why: the error code and the words the console shows. */
export interface Refusal {
  code: ErrorCode;
  message: string;
}

/** The access facts of a chat as the wire carries it (console and server alike). */
export function chatAccessOf(chat: ChatSummary): ChatAccessFacts {
  return {
    status: chat.status,
    departmentId: chat.departmentId,
    backupDepartmentId: chat.backupDepartmentId ?? null,
    owner: chat.ownerId ? { id: chat.ownerId, name: chat.ownerName ?? '' } : null,
    participants: chat.participants ?? [],
    transfer: chat.transfer ?? null,
  };
}

/** The Desk view and its actions (a colleague's status, follow-ups): supervisors and admins. */
export function runsTheDesk(actor: Pick<ActorFacts, 'role'>): boolean {
  return actor.role !== 'operator';
}

/** Supervisors and admins watch every queue. */
export function watchesEveryDepartment(actor: Pick<ActorFacts, 'role'>): boolean {
  return actor.role !== 'operator';
}

/** Supervisors and admins watch every queue; operators see the departments they monitor. */
export function canSeeDepartment(actor: ActorFacts, departmentId: string): boolean {
  return watchesEveryDepartment(actor) || actor.departmentIds.includes(departmentId);
}

export function isOwner(chat: ChatAccessFacts, accountId: string): boolean {
  return chat.owner !== null && chat.owner.id === accountId;
}

export function isParticipant(chat: ChatAccessFacts, accountId: string): boolean {
  return chat.participants.some((member) => member.id === accountId);
}

/** Owner or participant. */
export function isMember(chat: ChatAccessFacts, accountId: string): boolean {
  return isOwner(chat, accountId) || isParticipant(chat, accountId);
}

/** The operator who sent a pending transfer, or the colleague it is offered to. */
export function isTransferEnd(chat: ChatAccessFacts, accountId: string): boolean {
  const transfer = chat.transfer;
  if (!transfer) return false;
  return transfer.from.id === accountId || (transfer.to.kind === 'operator' && transfer.to.id === accountId);
}

/** A colleague transferred this chat to the account, and it has not answered yet. */
export function isOfferedTo(chat: ChatAccessFacts, accountId: string): boolean {
  return chat.transfer?.to.kind === 'operator' && chat.transfer.to.id === accountId && chat.status !== 'ended';
}

/**
 * The chat concerns the account whatever it monitors: a member, or one end
 * of a pending transfer. Such an account may see the chat.
 */
export function standsIn(chat: ChatAccessFacts, accountId: string): boolean {
  return isMember(chat, accountId) || isTransferEnd(chat, accountId);
}

const notInDepartment: Refusal = {
  code: 'NOT_IN_DEPARTMENT',
  message: 'You do not monitor the department this chat was asked in.',
};
const ended: Refusal = { code: 'CHAT_ENDED', message: 'This chat has ended.' };
const alreadyEnded: Refusal = { code: 'CHAT_ENDED', message: 'This chat has already ended.' };
const noPendingTransfer: Refusal = {
  code: 'NO_PENDING_TRANSFER',
  message: 'There is no transfer of this chat waiting for you.',
};
const notActive = (verb: string): Refusal => ({ code: 'CHAT_NOT_ACTIVE', message: `Claim Chat before you ${verb}.` });
const notOwner = (chat: ChatAccessFacts): Refusal => ({
  code: 'NOT_CHAT_OWNER',
  message: `Only ${chat.owner?.name ?? 'the operator who claimed it'} can do that in this chat.`,
});

/** The refusal of a chat someone else claimed first, naming who took it. */
function alreadyClaimed(ownerName: string | null | undefined): Refusal {
  return { code: 'ALREADY_CLAIMED', message: `${ownerName ?? 'Another operator'} has already claimed this chat.` };
}

type Rule = (chat: ChatAccessFacts, actor: ActorFacts) => Refusal | null;

/** See it (preview, follow, find it listed): its members, a pending transfer's two ends, whoever monitors its department. */
const see: Rule = (chat, actor) =>
  standsIn(chat, actor.id) ||
  canSeeDepartment(actor, chat.departmentId) ||
  (chat.status === 'waiting' && !!chat.backupDepartmentId && canSeeDepartment(actor, chat.backupDepartmentId))
    ? null
    : notInDepartment;

/** What only the one answering it does: its owner, once it is claimed and until it ends. */
const ownerOfActive =
  (verb: string): Rule =>
  (chat, actor) => {
    const hidden = see(chat, actor);
    if (hidden) return hidden;
    if (chat.status === 'ended') return alreadyEnded;
    if (chat.status === 'waiting') return notActive(verb);
    return isOwner(chat, actor.id) ? null : notOwner(chat);
  };

/** Claim Chat: a waiting chat the actor may see (a department transfer's sender may take it back). */
const claim: Rule = (chat, actor) => {
  const hidden = see(chat, actor);
  if (hidden) return hidden;
  if (chat.status === 'ended') return alreadyEnded;
  if (chat.status === 'active') return alreadyClaimed(chat.owner?.name ?? null);
  return null;
};

const RULES = {
  see,

  claim,

  /** Reply (and say one is typing): the owner and the participants of an active chat. */
  write: (chat, actor) => {
    const hidden = see(chat, actor);
    if (hidden) return hidden;
    if (chat.status === 'ended') return ended;
    if (chat.status === 'waiting') return notActive('reply');
    return isMember(chat, actor.id) ? null : notOwner(chat);
  },

  /** End Chat: only its owner. */
  end: ownerOfActive('end it'),

  /** Request Screenshare (either way) with the patron: the owner and the participants of an active chat. */
  screenshare: (chat, actor) => {
    const hidden = see(chat, actor);
    if (hidden) return hidden;
    if (chat.status === 'ended') return ended;
    if (chat.status === 'waiting') return notActive('share a screen');
    return isMember(chat, actor.id) ? null : notOwner(chat);
  },

  /** Transfer it (to a colleague or a department's queue): only its owner. */
  transfer: ownerOfActive('transfer it'),

  /** Hand it back to its department's queue (leaving, or the server for a console that vanished): only its owner. */
  'hand-back': ownerOfActive('hand it back'),

  /** Leave a group chat: a participant; the owner transfers or ends it instead. */
  leave: (chat, actor) => {
    if (chat.status === 'ended') return alreadyEnded;
    if (isOwner(chat, actor.id)) {
      return {
        code: 'OWNER_CANNOT_LEAVE',
        message: 'You own this chat: transfer it or End Chat instead of leaving.',
      };
    }
    return isParticipant(chat, actor.id)
      ? null
      : { code: 'NOT_CHAT_PARTICIPANT', message: 'You are not in this chat.' };
  },

  /** Accept a transfer: the colleague it is offered to; a department's transfer is claimed like any waiting chat. */
  'accept-transfer': (chat, actor) => {
    if (chat.status === 'ended') return alreadyEnded;
    if (chat.transfer?.to.kind === 'department') return claim(chat, actor);
    return isOfferedTo(chat, actor.id) ? null : noPendingTransfer;
  },

  /** Decline a transfer: only the colleague it is offered to; a department's queue is never declined. */
  'decline-transfer': (chat, actor) => (isOfferedTo(chat, actor.id) ? null : noPendingTransfer),

  /** Reassign it to a colleague or take it over: a supervisor or admin, while it waits or is answered. */
  supervise: (chat, actor) => {
    if (!watchesEveryDepartment(actor)) {
      return { code: 'FORBIDDEN', message: 'Only a supervisor or admin can reassign a chat or take it over.' };
    }
    const hidden = see(chat, actor);
    if (hidden) return hidden;
    return chat.status === 'ended' ? alreadyEnded : null;
  },

  /** Whisper to its operators, or watch it from the Desk view: a supervisor or admin, until it ends. */
  whisper: (chat, actor) => {
    if (!watchesEveryDepartment(actor)) {
      return { code: 'FORBIDDEN', message: 'Only a supervisor or admin can whisper or watch a chat.' };
    }
    const hidden = see(chat, actor);
    if (hidden) return hidden;
    return chat.status === 'ended' ? alreadyEnded : null;
  },

  /** Read the transcript: whoever may see the chat (its owner always may). */
  'read-transcript': (chat, actor) => see(chat, actor),

  /** Save the analytics entry: once it has ended, its owner, or a supervisor or admin. */
  'save-analytics': (chat, actor) => {
    const hidden = see(chat, actor);
    if (hidden) return hidden;
    if (chat.status !== 'ended') {
      return { code: 'CHAT_NOT_ACTIVE', message: 'End Chat before you save its analytics.' };
    }
    return isOwner(chat, actor.id) || watchesEveryDepartment(actor) ? null : notOwner(chat);
  },
} satisfies Record<string, Rule>;

/** Everything an operator may be allowed or refused to do with a patron chat. */
export type ChatPermission = keyof typeof RULES;

/** Why `actor` may not do `permission` with `chat`; null when they may. */
export function refusalOf(permission: ChatPermission, chat: ChatAccessFacts, actor: ActorFacts): Refusal | null {
  return RULES[permission](chat, actor);
}

/** Whether `actor` may do `permission` with `chat`. */
export function may(permission: ChatPermission, chat: ChatAccessFacts, actor: ActorFacts): boolean {
  return refusalOf(permission, chat, actor) === null;
}

/** Throws the refusal as a DeskbellError (the server's handlers and the state machine). */
export function assertMay(permission: ChatPermission, chat: ChatAccessFacts, actor: ActorFacts): void {
  refuseWith(refusalOf(permission, chat, actor));
}

/** A patron writes while the chat waits and while it is answered, not after it ended. */
export function assertPatronMayWrite(chat: Pick<ChatAccessFacts, 'status'>): void {
  if (chat.status === 'ended') refuseWith(ended);
}

function refuseWith(refusal: Refusal | null): void {
  if (refusal) throw new DeskbellError(refusal.code, refusal.message);
}
