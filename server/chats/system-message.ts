import type { ChatEvent } from '../../src/protocol/models';
import { newId } from '../storage/ids';
import type { NewMessage } from './message-store';

/** The author shown for the lines Deskbell itself writes into a chat. */
export const SYSTEM_AUTHOR = 'Deskbell';

/**
 * A line Deskbell writes into a chat's transcript ("Alice has joined the
 * chat.", "The patron left the chat; ..."): the body people read, and the
 * structured event clients may show differently. Its id is the server's own,
 * so it can never collide with a client-made one.
 */
export function systemMessage(chatId: string, body: string, event: ChatEvent, now: number): NewMessage {
  return {
    chatId,
    id: `system-${newId()}`,
    authorKind: 'system',
    authorId: null,
    authorName: SYSTEM_AUTHOR,
    body,
    createdAt: now,
    event,
  };
}
