import type { FailedMessage, PendingMessage } from '../../src/client/connection-events';
import type { Message } from '../../src/protocol';

export interface MessagesSlice {
  messages: Record<string, readonly Message[]>;
  pending: Record<string, PendingMessage[]>;
  refused: Record<string, FailedMessage[]>;
  sendMessage(chatId: string, body: string): void;
  dismissRefused(messageId: string): void;
}
