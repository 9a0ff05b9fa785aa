import { describe, expect, it } from 'vitest';
import type { ConsoleState } from '../../renderer/store/console-state';
import {
  patronLeftQueue,
  selectChatsInProgress,
  selectChatsToClaim,
  selectCounter,
  selectWaitingChats,
} from '../../renderer/store/selectors';
import type { ChatSummary } from '../../src/protocol';
import { withPatronPresence } from '../../renderer/store/activity-slice';

const backNotice = { chatId: 'heard', state: 'back' as const, at: 70 };

const base: ChatSummary = {
  id: 'chat-1',
  departmentId: 'general',
  departmentName: 'General Reference',
  status: 'waiting',
  question: 'Where are the atlases?',
  patron: {
    name: null,
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
  createdAt: 1,
  claimedAt: null,
  endedAt: null,
  endedBy: null,
  lastSeq: 0,
  hasAnalytics: false,
};

/** Just what these selectors read: the chats, the patrons' presence, who is signed in. */
function stateWith(chats: ChatSummary[], patronPresence: ConsoleState['patronPresence'] = {}): ConsoleState {
  return {
    chats: Object.fromEntries(chats.map((chat) => [chat.id, chat])),
    patronPresence,
    operator: { id: 'alice', username: 'alice', displayName: 'Alice', role: 'operator', departmentIds: ['general'] },
  } as unknown as ConsoleState;
}

describe('a waiting patron who left the queue', () => {
  const here = { ...base, id: 'here', createdAt: 1 };
  const stored = { ...base, id: 'stored', createdAt: 2, patronAwaySince: 50 };
  const heard = { ...base, id: 'heard', createdAt: 3 };
  const mine = { ...base, id: 'mine', status: 'active' as const, ownerId: 'alice', ownerName: 'Alice' };
  const state = stateWith([here, stored, heard, mine], { heard: { state: 'away', since: 60 } });

  it('is Left whether the server stored it or its presence notice just came', () => {
    expect([here, stored, heard].map((chat) => patronLeftQueue(state, chat))).toEqual([false, true, true]);
    // Back: the notice clears the presence, and the chat waits for someone again.
    const back = stateWith([heard], withPatronPresence({ heard: { state: 'away', since: 60 } }, backNotice));
    expect(patronLeftQueue(back, heard)).toBe(false);
  });

  it('stays listed in Patron Chats but counts neither as new nor in the title, the tray and the chirp', () => {
    expect(selectWaitingChats(state).map((chat) => chat.id)).toEqual(['here', 'stored', 'heard']);
    expect(selectChatsToClaim(state).map((chat) => chat.id)).toEqual(['here']);
    expect(selectCounter(state)).toEqual({ inProgress: 1, new: 1, mine: 1 });
  });

  it('an answered chat whose patron is away is still in progress (only the queue drops a left patron)', () => {
    const away = { ...mine, patronAwaySince: 80 };
    expect(patronLeftQueue(stateWith([away]), away)).toBe(false);
    expect(selectChatsInProgress(stateWith([away])).map((chat) => chat.id)).toEqual(['mine']);
  });
});
