import { describe, expect, it } from 'vitest';
import type { ChatSummary } from '../../src/protocol';
import { whoHasIt } from '../../renderer/features/supervise/holding';

const MINUTE = 60_000;
const base: ChatSummary = {
  id: 'chat-1',
  departmentId: 'general',
  departmentName: 'General Reference',
  status: 'waiting',
  question: 'Maps?',
  patron: {
    name: 'Gil',
    email: null,
    ip: null,
    pageUrl: null,
    referrer: null,
    userAgent: null,
    browser: null,
    extraFields: {},
  },
  ownerId: null,
  ownerName: null,
  createdAt: 0,
  claimedAt: null,
  endedAt: null,
  endedBy: null,
  lastSeq: 1,
  hasAnalytics: false,
};

describe('who has a chat and for how long, as a supervisor reads it', () => {
  it('counts an active chat from when its owner got it, not from when the patron asked', () => {
    const chat: ChatSummary = {
      ...base,
      status: 'active',
      ownerId: 'alice',
      ownerName: 'Alice',
      claimedAt: 5 * MINUTE,
    };
    expect(whoHasIt(chat, 17 * MINUTE)).toBe('Alice has had this chat for 12 min');
    expect(whoHasIt(chat, 5 * MINUTE + 1000)).toBe('Alice has had this chat for less than a minute');
  });

  it('says nobody has a waiting chat, and how long it has waited', () => {
    const chat: ChatSummary = { ...base, status: 'waiting', ownerId: null, ownerName: null };
    expect(whoHasIt(chat, 3 * MINUTE)).toBe('Nobody has this chat; waiting 3 min');
  });

  it('says so when the patron of a waiting chat has left, and how long they had waited', () => {
    const chat: ChatSummary = { ...base, status: 'waiting', patronAwaySince: 2 * MINUTE };
    expect(whoHasIt(chat, 9 * MINUTE, true)).toBe('Nobody has this chat; the patron left after waiting 2 min');
  });
});
