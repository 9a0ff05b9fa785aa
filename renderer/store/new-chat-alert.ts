import type { ChatSummary, NewChatAlert } from '../../src/protocol';
import { patronLabel } from '../../src/domain/patron-label';

/** The pop-up's words for a patron's new chat: who, where, and the first words of the question. */
export function newChatAlertFor(chat: ChatSummary): NewChatAlert {
  return {
    chatId: chat.id,
    patronName: patronLabel(chat),
    departmentName: chat.departmentName,
    preview: firstWords(chat.question, 140),
    note: null,
  };
}

/** Cuts at a word boundary and marks the cut, for previews in lists and pop-ups. */
export function firstWords(text: string, maxLength: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxLength) return flat;
  const cut = flat.slice(0, maxLength - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
