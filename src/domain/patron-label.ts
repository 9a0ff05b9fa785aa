/**
 * What the staff call a patron: the name they gave, or, when they gave none,
 * "Patron 4821", four digits drawn from the chat's id. The same chat gets the
 * same label on every screen and in every console (the list, the chat's
 * header, the transcript, the pop-up, the analytics entry), so two unnamed
 * patrons waiting at once are told apart and a colleague can say which one.
 *
 * Two chats may draw the same four digits (one in 9,000); that is harmless:
 * the label only tells apart the few patrons on screen at once, and nothing
 * is looked up by it (the chat id is the key everywhere).
 */
export function patronLabel(chat: { id: string; patron: { name: string | null } }): string {
  return chat.patron.name?.trim() || `Patron ${patronNumber(chat.id)}`;
}

/** 1000-9999 from the chat id: FNV-1a, a small stable hash; any id gives four digits. */
export function patronNumber(chatId: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < chatId.length; index++) {
    hash ^= chatId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return 1000 + (hash % 9000);
}
