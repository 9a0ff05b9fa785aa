import type { ConsoleState } from './console-state';
import type { ChatTab, RightView } from './ui-types';

/** Where the operator was looking when they asked for a chat (Claim Chat, Accept, Take over). */
export interface ViewWhenAsked {
  openChatId: string | null;
  rightView: RightView;
  chatTab: ChatTab;
}

export function viewWhenAsked(state: ConsoleState): ViewWhenAsked {
  return { openChatId: state.openChatId, rightView: state.rightView, chatTab: state.chatTab };
}

/**
 * Once the chat is theirs, the conversation and its reply box come forward, so
 * the operator greets the patron at once; but only if they are still where they
 * were when they asked. One who opened Patron info (or another chat) while the
 * answer was on its way is left there: pulling them back lost their click (the
 * Patron info tab snapped back to Chat in an end-to-end run).
 */
export function bringReplyForward(state: ConsoleState, chatId: string, before: ViewWhenAsked): void {
  const unmoved =
    state.openChatId === chatId && state.rightView === before.rightView && state.chatTab === before.chatTab;
  if (!unmoved) return;
  state.setChatTab('chat');
  state.focusReply(chatId);
}
