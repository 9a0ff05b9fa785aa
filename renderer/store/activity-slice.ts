import type { StateCreator } from 'zustand';
import { TYPING_STALE_MS } from '../../src/client/typing-signal';
import type { PatronPresenceNotice, TypingNotice } from '../../src/protocol';
import type { ConsoleRuntime } from './console-runtime';
import type { ConsoleState } from './console-state';
import type { TypingEntry, PatronPresence, ActivitySlice } from './activity-types';

export type { TypingEntry, PatronPresence, ActivitySlice } from './activity-types';

export const initialActivityState: Pick<ActivitySlice, 'typing' | 'patronPresence'> = {
  typing: {},
  patronPresence: {},
};

export const createActivitySlice =
  (runtime: ConsoleRuntime): StateCreator<ConsoleState, [], [], ActivitySlice> =>
  () => ({
    ...initialActivityState,
    signalTyping(chatId, typing) {
      runtime.connection()?.setTyping(chatId, typing);
    },
  });

/** The chat's typing list after a notice: the typist added (or refreshed) or removed. */
export function withTypingNotice(
  typing: Record<string, TypingEntry[]>,
  notice: TypingNotice,
  now: number,
): Record<string, TypingEntry[]> {
  const key = notice.operatorId ?? 'patron';
  const others = (typing[notice.chatId] ?? []).filter((entry) => entry.key !== key);
  const list = notice.typing ? [...others, { key, name: notice.name, authorKind: notice.authorKind, at: now }] : others;
  const next = { ...typing };
  if (list.length > 0) next[notice.chatId] = list;
  else delete next[notice.chatId];
  return next;
}

/** A message from someone ends their typing, even when their "stopped" is still on its way. */
export function withoutTypist(
  typing: Record<string, TypingEntry[]>,
  chatId: string,
  key: string,
): Record<string, TypingEntry[]> {
  const list = typing[chatId];
  if (!list?.some((entry) => entry.key === key)) return typing;
  const rest = list.filter((entry) => entry.key !== key);
  const next = { ...typing };
  if (rest.length > 0) next[chatId] = rest;
  else delete next[chatId];
  return next;
}

/** Who is typing in a chat now, leaving out signals too old to trust. */
export function typistsOf(typing: Record<string, TypingEntry[]>, chatId: string, now: number): TypingEntry[] {
  return (typing[chatId] ?? []).filter((entry) => now - entry.at < TYPING_STALE_MS);
}

/** The chat's patron presence after a notice: away and left are kept, back clears it. */
export function withPatronPresence(
  presence: Record<string, PatronPresence>,
  notice: PatronPresenceNotice,
): Record<string, PatronPresence> {
  const next = { ...presence };
  if (notice.state === 'back') delete next[notice.chatId];
  else next[notice.chatId] = { state: notice.state, since: notice.at };
  return next;
}
