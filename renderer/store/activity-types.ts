/** Someone typing in a chat right now; `at` lets the pane drop a signal whose "stopped" never came. */
export interface TypingEntry {
  /** 'patron', or the operator's id. */
  key: string;
  name: string;
  authorKind: 'patron' | 'operator';
  at: number;
}

/** Whether a chat's patron is still there: away (connection lost), or left (did not come back in time). */
export interface PatronPresence {
  state: 'away' | 'left';
  since: number;
}

/** What happens around a chat but is never stored: typing, and whether the patron is still connected. */
export interface ActivitySlice {
  /** Per chat, who is typing (never what). */
  typing: Record<string, TypingEntry[]>;
  /** Per chat, the patron's absence; no entry while they are connected. */
  patronPresence: Record<string, PatronPresence>;
  /** Tells the others in the chat that I am typing, or stopped (the composer calls it). */
  signalTyping(chatId: string, typing: boolean): void;
}
