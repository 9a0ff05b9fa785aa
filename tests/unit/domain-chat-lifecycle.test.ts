import { describe, expect, it } from 'vitest';
import {
  assertCanClaim,
  assertCanEnd,
  assertCanPreview,
  assertCanReadTranscript,
  assertCanSaveAnalytics,
  assertCanSend,
  assertPatronCanSend,
  type ActorFacts,
  type ChatFacts,
} from '../../src/domain/chat-lifecycle';
import { DeskbellError, type ErrorCode } from '../../src/protocol/ack';

const alice: ActorFacts = { id: 'alice', role: 'operator', departmentIds: ['general'] };
const bob: ActorFacts = { id: 'bob', role: 'operator', departmentIds: ['general'] };
const carol: ActorFacts = { id: 'carol', role: 'operator', departmentIds: ['research'] };
const sam: ActorFacts = { id: 'sam', role: 'supervisor', departmentIds: [] };

const waiting: ChatFacts = { status: 'waiting', departmentId: 'general', ownerId: null, ownerName: null };
const claimedByAlice: ChatFacts = { status: 'active', departmentId: 'general', ownerId: 'alice', ownerName: 'Alice' };
const endedByAlice: ChatFacts = { ...claimedByAlice, status: 'ended' };

function refusal(action: () => void): ErrorCode | null {
  try {
    action();
    return null;
  } catch (error) {
    if (error instanceof DeskbellError) return error.code;
    throw error;
  }
}

describe('who may do what in a patron chat', () => {
  it('an operator monitoring the department may preview and claim a waiting chat', () => {
    expect(refusal(() => assertCanPreview(waiting, alice))).toBeNull();
    expect(refusal(() => assertCanClaim(waiting, alice))).toBeNull();
  });

  it('an operator who does not monitor the department may not preview or claim it', () => {
    expect(refusal(() => assertCanPreview(waiting, carol))).toBe('NOT_IN_DEPARTMENT');
    expect(refusal(() => assertCanClaim(waiting, carol))).toBe('NOT_IN_DEPARTMENT');
  });

  it('a supervisor watches every queue', () => {
    expect(refusal(() => assertCanPreview(waiting, sam))).toBeNull();
    expect(refusal(() => assertCanClaim(waiting, sam))).toBeNull();
  });

  it('a chat someone has claimed cannot be claimed again, and the refusal names who took it', () => {
    let message = '';
    try {
      assertCanClaim(claimedByAlice, bob);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(refusal(() => assertCanClaim(claimedByAlice, bob))).toBe('ALREADY_CLAIMED');
    expect(message).toContain('Alice');
  });

  it('an ended chat cannot be claimed', () => {
    expect(refusal(() => assertCanClaim(endedByAlice, bob))).toBe('CHAT_ENDED');
  });

  it('only the operator who claimed a chat may reply in it or end it', () => {
    expect(refusal(() => assertCanSend(claimedByAlice, alice))).toBeNull();
    expect(refusal(() => assertCanEnd(claimedByAlice, alice))).toBeNull();
    expect(refusal(() => assertCanSend(claimedByAlice, bob))).toBe('NOT_CHAT_OWNER');
    expect(refusal(() => assertCanEnd(claimedByAlice, bob))).toBe('NOT_CHAT_OWNER');
    expect(refusal(() => assertCanEnd(claimedByAlice, sam))).toBe('NOT_CHAT_OWNER');
  });

  it('nobody replies in or ends a chat before it is claimed or after it ended', () => {
    expect(refusal(() => assertCanSend(waiting, alice))).toBe('CHAT_NOT_ACTIVE');
    expect(refusal(() => assertCanEnd(waiting, alice))).toBe('CHAT_NOT_ACTIVE');
    expect(refusal(() => assertCanSend(endedByAlice, alice))).toBe('CHAT_ENDED');
    expect(refusal(() => assertCanEnd(endedByAlice, alice))).toBe('CHAT_ENDED');
  });

  it('the analytics entry is saved after End Chat, by the owner or a supervisor', () => {
    expect(refusal(() => assertCanSaveAnalytics(claimedByAlice, alice))).toBe('CHAT_NOT_ACTIVE');
    expect(refusal(() => assertCanSaveAnalytics(endedByAlice, alice))).toBeNull();
    expect(refusal(() => assertCanSaveAnalytics(endedByAlice, bob))).toBe('NOT_CHAT_OWNER');
    expect(refusal(() => assertCanSaveAnalytics(endedByAlice, sam))).toBeNull();
  });

  it('a transcript is read by its owner, colleagues in the department and supervisors', () => {
    expect(refusal(() => assertCanReadTranscript(endedByAlice, alice))).toBeNull();
    expect(refusal(() => assertCanReadTranscript(endedByAlice, bob))).toBeNull();
    expect(refusal(() => assertCanReadTranscript(endedByAlice, sam))).toBeNull();
    expect(refusal(() => assertCanReadTranscript(endedByAlice, carol))).toBe('NOT_IN_DEPARTMENT');
  });

  it('a patron may write while waiting and while chatting, not after the end', () => {
    expect(refusal(() => assertPatronCanSend(waiting))).toBeNull();
    expect(refusal(() => assertPatronCanSend(claimedByAlice))).toBeNull();
    expect(refusal(() => assertPatronCanSend(endedByAlice))).toBe('CHAT_ENDED');
  });
});
