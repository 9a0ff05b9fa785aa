import { describe, expect, it } from 'vitest';
import {
  type ActorFacts,
  type ChatAccessFacts,
  type ChatPermission,
  assertMay,
  assertPatronMayWrite,
  chatAccessOf,
  may,
  refusalOf,
} from '../../src/domain/chat-access';
import { DeskbellError, type ErrorCode } from '../../src/protocol/ack';
import { chatSummaryOf } from './chat-fixtures';

const alice: ActorFacts = { id: 'alice', role: 'operator', departmentIds: ['general'] };
const bob: ActorFacts = { id: 'bob', role: 'operator', departmentIds: ['general'] };
const carol: ActorFacts = { id: 'carol', role: 'operator', departmentIds: ['research'] };
const sam: ActorFacts = { id: 'sam', role: 'supervisor', departmentIds: [] };
const ada: ActorFacts = { id: 'ada', role: 'admin', departmentIds: [] };

const waiting: ChatAccessFacts = {
  status: 'waiting',
  departmentId: 'general',
  owner: null,
  participants: [],
  transfer: null,
};
const claimedByAlice: ChatAccessFacts = { ...waiting, status: 'active', owner: { id: 'alice', name: 'Alice' } };
const endedByAlice: ChatAccessFacts = { ...claimedByAlice, status: 'ended' };

const code = (permission: ChatPermission, chat: ChatAccessFacts, actor: ActorFacts): ErrorCode | null =>
  refusalOf(permission, chat, actor)?.code ?? null;

function patronRefusal(chat: ChatAccessFacts): ErrorCode | null {
  try {
    assertPatronMayWrite(chat);
    return null;
  } catch (error) {
    if (error instanceof DeskbellError) return error.code;
    throw error;
  }
}

describe('who may do what in a patron chat', () => {
  it('an operator monitoring the department may preview and claim a waiting chat', () => {
    expect(code('see', waiting, alice)).toBeNull();
    expect(code('claim', waiting, alice)).toBeNull();
  });

  it('an operator who does not monitor the department may not preview or claim it', () => {
    expect(code('see', waiting, carol)).toBe('NOT_IN_DEPARTMENT');
    expect(code('claim', waiting, carol)).toBe('NOT_IN_DEPARTMENT');
  });

  it('a supervisor watches every queue', () => {
    expect(code('see', waiting, sam)).toBeNull();
    expect(code('claim', waiting, sam)).toBeNull();
    expect(code('see', waiting, ada)).toBeNull();
  });

  it('a chat someone has claimed cannot be claimed again, and the refusal names who took it', () => {
    expect(code('claim', claimedByAlice, bob)).toBe('ALREADY_CLAIMED');
    expect(refusalOf('claim', claimedByAlice, bob)?.message).toContain('Alice');
    expect(() => assertMay('claim', claimedByAlice, bob)).toThrow(DeskbellError);
    expect(() => assertMay('claim', claimedByAlice, bob)).toThrow(/Alice/);
  });

  it('an ended chat cannot be claimed', () => {
    expect(code('claim', endedByAlice, bob)).toBe('CHAT_ENDED');
  });

  it('only the operator who claimed a chat (or a colleague in it with them) may reply in it; only the one who claimed it may end it', () => {
    expect(code('write', claimedByAlice, alice)).toBeNull();
    expect(code('end', claimedByAlice, alice)).toBeNull();
    expect(code('write', claimedByAlice, bob)).toBe('NOT_CHAT_OWNER');
    expect(code('end', claimedByAlice, bob)).toBe('NOT_CHAT_OWNER');
    expect(code('end', claimedByAlice, sam)).toBe('NOT_CHAT_OWNER');
    // The contradiction the old lifecycle rules had: a participant writes, and still may not end it.
    const group: ChatAccessFacts = { ...claimedByAlice, participants: [{ id: 'bob' }] };
    expect(code('write', group, bob)).toBeNull();
    expect(code('end', group, bob)).toBe('NOT_CHAT_OWNER');
    expect(code('transfer', group, bob)).toBe('NOT_CHAT_OWNER');
  });

  it('nobody replies in or ends a chat before it is claimed or after it ended', () => {
    expect(code('write', waiting, alice)).toBe('CHAT_NOT_ACTIVE');
    expect(code('end', waiting, alice)).toBe('CHAT_NOT_ACTIVE');
    expect(code('write', endedByAlice, alice)).toBe('CHAT_ENDED');
    expect(code('end', endedByAlice, alice)).toBe('CHAT_ENDED');
  });

  it('the analytics entry is saved after End Chat, by the owner or a supervisor', () => {
    expect(code('save-analytics', claimedByAlice, alice)).toBe('CHAT_NOT_ACTIVE');
    expect(code('save-analytics', endedByAlice, alice)).toBeNull();
    expect(code('save-analytics', endedByAlice, bob)).toBe('NOT_CHAT_OWNER');
    expect(code('save-analytics', endedByAlice, sam)).toBeNull();
    expect(code('save-analytics', endedByAlice, carol)).toBe('NOT_IN_DEPARTMENT');
  });

  it('an owner saves the analytics of a chat a colleague transferred to them from a department they do not monitor', () => {
    const fromResearch: ChatAccessFacts = { ...endedByAlice, departmentId: 'research' };
    expect(code('save-analytics', fromResearch, alice)).toBeNull();
    expect(code('read-transcript', fromResearch, alice)).toBeNull();
  });

  it('a transcript is read by its owner, colleagues in the department and supervisors', () => {
    expect(code('read-transcript', endedByAlice, alice)).toBeNull();
    expect(code('read-transcript', endedByAlice, bob)).toBeNull();
    expect(code('read-transcript', endedByAlice, sam)).toBeNull();
    expect(code('read-transcript', endedByAlice, carol)).toBe('NOT_IN_DEPARTMENT');
  });

  it('a patron may write while waiting and while chatting, not after the end', () => {
    expect(patronRefusal(waiting)).toBeNull();
    expect(patronRefusal(claimedByAlice)).toBeNull();
    expect(patronRefusal(endedByAlice)).toBe('CHAT_ENDED');
  });
});

describe('who may see a chat beyond their departments', () => {
  const inResearch: ChatAccessFacts = { ...claimedByAlice, departmentId: 'research' };

  it('the colleague a chat is offered to sees it and may answer the offer; nobody else outside the department does', () => {
    const offered: ChatAccessFacts = {
      ...claimedByAlice,
      departmentId: 'research',
      owner: { id: 'carol', name: 'Carol' },
      transfer: { from: { id: 'carol' }, to: { kind: 'operator', id: 'alice' } },
    };
    expect(may('see', offered, alice)).toBe(true);
    expect(may('accept-transfer', offered, alice)).toBe(true);
    expect(may('decline-transfer', offered, alice)).toBe(true);
    expect(code('see', offered, bob)).toBe('NOT_IN_DEPARTMENT');
    expect(code('decline-transfer', offered, carol)).toBe('NO_PENDING_TRANSFER');
  });

  it('the operator who sent a chat to another department’s queue still sees it and may take it back', () => {
    const queued: ChatAccessFacts = {
      ...waiting,
      departmentId: 'research',
      transfer: { from: { id: 'alice' }, to: { kind: 'department', id: 'research' } },
    };
    expect(may('see', queued, alice)).toBe(true);
    expect(may('claim', queued, alice)).toBe(true);
    expect(may('accept-transfer', queued, carol)).toBe(true);
    expect(code('see', queued, bob)).toBe('NOT_IN_DEPARTMENT');
    expect(code('decline-transfer', queued, carol)).toBe('NO_PENDING_TRANSFER');
  });

  it('members of a chat in another department see it and write in it; only a participant may leave', () => {
    const group: ChatAccessFacts = { ...inResearch, participants: [{ id: 'bob' }] };
    expect(may('see', group, alice)).toBe(true);
    expect(may('write', group, bob)).toBe(true);
    expect(may('leave', group, bob)).toBe(true);
    expect(code('leave', group, alice)).toBe('OWNER_CANNOT_LEAVE');
    expect(code('leave', inResearch, bob)).toBe('NOT_CHAT_PARTICIPANT');
  });

  it('a chat as the wire carries it has the same answers as the same chat in the state machine', () => {
    const summary = chatSummaryOf({
      status: 'active',
      departmentId: 'research',
      ownerId: 'alice',
      ownerName: 'Alice',
      participants: [{ id: 'bob', name: 'Bob' }],
    });
    expect(chatAccessOf(summary)).toEqual({
      status: 'active',
      departmentId: 'research',
      backupDepartmentId: null,
      owner: { id: 'alice', name: 'Alice' },
      participants: [{ id: 'bob', name: 'Bob' }],
      transfer: null,
    });
  });
});
