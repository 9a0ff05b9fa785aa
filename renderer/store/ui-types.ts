import type { SaveAnalyticsRequest } from '../../src/protocol';

export type RightView = 'chat' | 'transcript' | 'staff';
export type ChatTab = 'chat' | 'patron-info';
export type LeftTab = 'chats' | 'transcripts';

export interface UiSlice {
  openChatId: string | null;
  rightView: RightView;
  chatTab: ChatTab;
  leftTab: LeftTab;
  /** Errors of the last action per chat (claim, end, ...), shown in the chat pane. */
  actionErrors: Record<string, string>;
  analytics: { chatId: string; saving: boolean; error: string | null } | null;
  /**
   * The reply box of this chat takes the keyboard focus once it is on screen:
   * after Claim Chat or Accept, the operator types the greeting at once.
   * `ticket` counts the requests, so a second claim focuses again.
   */
  replyFocus: { chatId: string; ticket: number } | null;
  /** The latest thing to read out to screen readers (new chats, new messages). */
  announcement: string;
  openChat(chatId: string): void;
  setChatTab(tab: ChatTab): void;
  setLeftTab(tab: LeftTab): void;
  openAnalytics(chatId: string): void;
  closeAnalytics(): void;
  saveAnalytics(request: SaveAnalyticsRequest): Promise<void>;
  announce(text: string): void;
  focusReply(chatId: string): void;
  /** The reply box has taken the focus: a later visit to the chat leaves the focus where it is. */
  replyFocused(ticket: number): void;
}
