import type { ChatSummary, PatronHistoryEntry, Transcript } from '../../src/protocol';

export interface ChatsSlice {
  chats: Record<string, ChatSummary>;
  /** Per chat, why this operator cannot claim it any more ("Bob has already claimed this chat."). */
  claimNotes: Record<string, string>;
  /** Chats with a Claim Chat, preview or End Chat on its way. */
  busy: Record<string, 'preview' | 'claim' | 'end'>;
  endedChats: ChatSummary[] | null;
  endedChatsError: string | null;
  transcript: { chatId: string; data: Transcript | null; error: string | null } | null;
  /** Per chat, the same patron's earlier chats (same email or browser), newest first; filled by preview, claim, transcript. */
  patronHistory: Record<string, PatronHistoryEntry[]>;
  /** Fetches a chat's patron history when it is not held yet (the Patron info tab of a chat restored by a sync). */
  loadPatronHistory(chatId: string): Promise<void>;
  /**
   * Fetches an ended chat's messages when none are held: one of mine still
   * waiting for its analytics entry, listed under My chats after a reload (the
   * sync brings the history of open chats only).
   */
  loadEndedChatMessages(chatId: string): Promise<void>;
  previewChat(chatId: string): Promise<void>;
  claimChat(chatId: string): Promise<void>;
  endChat(chatId: string): Promise<void>;
  loadEndedChats(): Promise<void>;
  openTranscript(chatId: string): Promise<void>;
}
