import { describe, expect, it } from 'vitest';
import { countChats, proposedTimeSpentMinutes, waitedFor } from '../../src/domain/chat-stats';
import { reachableByStaff, statusDot, statusLabel, takesPatronChats, transferRefusal } from '../../src/domain/presence';
import { OPERATOR_STATUSES } from '../../src/protocol/models';

const MINUTE = 60_000;

describe('the stats counter above Patron Chats', () => {
  it('counts chats in progress, new chats and the operator’s own', () => {
    const chats = [
      { status: 'waiting' as const, ownerId: null },
      { status: 'waiting' as const, ownerId: null },
      { status: 'active' as const, ownerId: 'alice' },
      { status: 'active' as const, ownerId: 'bob' },
      { status: 'active' as const, ownerId: 'alice' },
      { status: 'ended' as const, ownerId: 'alice' },
    ];
    expect(countChats(chats, 'alice')).toEqual({ inProgress: 3, new: 2, mine: 2 });
    expect(countChats(chats, 'bob')).toEqual({ inProgress: 3, new: 2, mine: 1 });
    expect(countChats([], 'alice')).toEqual({ inProgress: 0, new: 0, mine: 0 });
  });
});

describe('Time Spent proposed in the analytics entry', () => {
  it('runs from the claim to the end, rounded up to whole minutes', () => {
    expect(proposedTimeSpentMinutes({ createdAt: 0, claimedAt: 2 * MINUTE, endedAt: 9 * MINUTE + 1 }, 0)).toBe(8);
  });

  it('is at least one minute, even for a quick answer', () => {
    expect(proposedTimeSpentMinutes({ createdAt: 0, claimedAt: 1000, endedAt: 5000 }, 0)).toBe(1);
  });

  it('counts from the question when the chat was never claimed, and up to now when not ended', () => {
    expect(proposedTimeSpentMinutes({ createdAt: 0, claimedAt: null, endedAt: null }, 4 * MINUTE)).toBe(4);
  });
});

describe('how long a patron has waited', () => {
  it('reads like a person would say it', () => {
    expect(waitedFor(0, 30_000)).toBe('just now');
    expect(waitedFor(0, 3 * MINUTE)).toBe('3 min');
    expect(waitedFor(0, 60 * MINUTE)).toBe('1 h');
    expect(waitedFor(0, 65 * MINUTE)).toBe('1 h 5 min');
    expect(waitedFor(10, 0)).toBe('just now');
  });
});

describe('statuses and their dots', () => {
  it('only Online operators take patron chats', () => {
    expect(OPERATOR_STATUSES.filter(takesPatronChats)).toEqual(['online']);
  });

  it('colleagues can reach anyone not Offline', () => {
    expect(OPERATOR_STATUSES.filter(reachableByStaff)).toEqual(['online', 'internal', 'away']);
  });

  it('Online is green, Away yellow, Offline red, and Internal has a mark of its own', () => {
    expect(statusDot('online')).toBe('green');
    expect(statusDot('away')).toBe('yellow');
    expect(statusDot('offline')).toBe('red');
    expect(new Set(OPERATOR_STATUSES.map(statusDot)).size).toBe(4);
    expect(OPERATOR_STATUSES.map(statusLabel)).toEqual(['Online', 'Internal', 'Away', 'Offline']);
  });
});

describe('who Add Participants offers a transfer to', () => {
  const colleague = (status: (typeof OPERATOR_STATUSES)[number], departmentIds = ['general']) => ({
    status,
    departmentIds,
  });

  it("offers it to colleagues Online or Internal in the chat's department", () => {
    expect(transferRefusal(colleague('online'), 'general')).toBeNull();
    expect(transferRefusal(colleague('internal'), 'general')).toBeNull();
  });

  it('shows the others with the reason: Away, Offline, or not in the department', () => {
    expect(transferRefusal(colleague('away'), 'general')).toBe('Away: cannot take chats');
    expect(transferRefusal(colleague('offline'), 'general')).toBe('Offline: cannot take chats');
    expect(transferRefusal(colleague('online', ['research']), 'general')).toBe('Not in this department');
  });
});
