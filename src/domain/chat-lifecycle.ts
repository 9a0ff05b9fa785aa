import { DeskbellError } from '../protocol/ack';
import type { ChatStatus, Role } from '../protocol/models';

/**
 * The rules of a patron chat's life: waiting -> active (claimed) -> ended.
 * The server is the only authority; it asks these functions before it writes,
 * and the database's conditional update settles races between servers.
 */

export interface ChatFacts {
  status: ChatStatus;
  departmentId: string;
  ownerId: string | null;
  ownerName: string | null;
}

export interface ActorFacts {
  id: string;
  role: Role;
  departmentIds: readonly string[];
}

/** Supervisors and admins watch every queue; operators see the departments they monitor. */
export function canSeeDepartment(actor: ActorFacts, departmentId: string): boolean {
  return actor.role !== 'operator' || actor.departmentIds.includes(departmentId);
}

export function assertCanPreview(chat: ChatFacts, actor: ActorFacts): void {
  if (!canSeeDepartment(actor, chat.departmentId)) {
    throw new DeskbellError('NOT_IN_DEPARTMENT', 'You do not monitor the department this chat was asked in.');
  }
}

export function assertCanClaim(chat: ChatFacts, actor: ActorFacts): void {
  assertCanPreview(chat, actor);
  if (chat.status === 'ended') throw new DeskbellError('CHAT_ENDED', 'This chat has already ended.');
  if (chat.status === 'active') throw alreadyClaimed(chat);
}

export function alreadyClaimed(chat: Pick<ChatFacts, 'ownerName'>): DeskbellError {
  return new DeskbellError('ALREADY_CLAIMED', `${chat.ownerName ?? 'Another operator'} has already claimed this chat.`);
}

/** Operators write in chats they own; anyone who may see the chat may not. */
export function assertCanSend(chat: ChatFacts, actor: ActorFacts): void {
  if (chat.status === 'ended') throw new DeskbellError('CHAT_ENDED', 'This chat has ended.');
  if (chat.status === 'waiting') throw new DeskbellError('CHAT_NOT_ACTIVE', 'Claim Chat before you reply.');
  if (chat.ownerId !== actor.id) throw notOwner(chat);
}

/** Only the operator who owns the chat may end it. */
export function assertCanEnd(chat: ChatFacts, actor: ActorFacts): void {
  if (chat.status === 'ended') throw new DeskbellError('CHAT_ENDED', 'This chat has already ended.');
  if (chat.status === 'waiting') throw new DeskbellError('CHAT_NOT_ACTIVE', 'Claim Chat before you end it.');
  if (chat.ownerId !== actor.id) throw notOwner(chat);
}

/** The analytics entry is written by the operator who ended up owning the chat, once it has ended. */
export function assertCanSaveAnalytics(chat: ChatFacts, actor: ActorFacts): void {
  if (chat.status !== 'ended') throw new DeskbellError('CHAT_NOT_ACTIVE', 'End Chat before you save its analytics.');
  if (chat.ownerId !== actor.id && actor.role === 'operator') throw notOwner(chat);
}

/** Transcripts: the owner, anyone monitoring the department, supervisors and admins. */
export function assertCanReadTranscript(chat: ChatFacts, actor: ActorFacts): void {
  if (chat.ownerId === actor.id) return;
  assertCanPreview(chat, actor);
}

export function assertPatronCanSend(chat: Pick<ChatFacts, 'status'>): void {
  if (chat.status === 'ended') throw new DeskbellError('CHAT_ENDED', 'This chat has ended.');
}

function notOwner(chat: ChatFacts): DeskbellError {
  return new DeskbellError(
    'NOT_CHAT_OWNER',
    `Only ${chat.ownerName ?? 'the operator who claimed it'} can do that in this chat.`,
  );
}
