import type { ChatSummary, PatronInfo } from '../../src/protocol/models';

/** A patron who gave a name and nothing else; tests override what they look at. */
export function patronOf(overrides: Partial<PatronInfo> = {}): PatronInfo {
  return {
    name: 'Pat Reader',
    email: null,
    ip: null,
    pageUrl: null,
    referrer: null,
    userAgent: null,
    browser: null,
    extraFields: {},
    ...overrides,
  };
}

/** Alice's active chat with Pat Reader in General Reference; every field a summary has, overridable. */
export function chatSummaryOf(overrides: Partial<ChatSummary> = {}): ChatSummary {
  return {
    id: 'chat-1',
    departmentId: 'general-reference',
    departmentName: 'General Reference',
    status: 'active',
    question: 'Do you have the 1902 atlas?',
    patron: patronOf(),
    ownerId: 'op-alice',
    ownerName: 'Alice',
    createdAt: 1,
    claimedAt: 2,
    endedAt: null,
    endedBy: null,
    lastSeq: 0,
    hasAnalytics: false,
    ...overrides,
  };
}
