import type { StaffChat } from '../../../src/protocol';

/**
 * The members of a staff chat by name, in alphabetical order, so the review
 * list and the open chat name the pair the same way ("Alice and Bob") whichever
 * of the two opened the chat first.
 */
export function membersByName(chat: Pick<StaffChat, 'members'>): StaffChat['members'] {
  return [...chat.members].sort((a, b) => a.name.localeCompare(b.name));
}

/** "Alice and Bob". */
export function memberNamesOf(chat: Pick<StaffChat, 'members'>): string {
  return membersByName(chat)
    .map((member) => member.name)
    .join(' and ');
}
