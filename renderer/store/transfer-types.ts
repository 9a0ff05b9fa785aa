/** Where Add Participants sends a chat: a colleague, or a department's queue. */
export type TransferDestination = { kind: 'operator' | 'department'; id: string; name: string };

export interface TransferSlice {
  /** Per chat, a transfer, accept or leave on its way (the buttons wait for it). */
  transferBusy: Record<string, 'transfer' | 'accept' | 'decline' | 'leave'>;
  /** Transfers to another operator or a department, with an optional briefing; a refusal shows in the chat pane. */
  transferChat(chatId: string, to: TransferDestination, briefing: string): Promise<boolean>;
  /** Accept: take the chat a colleague transferred to me. */
  acceptTransfer(chatId: string): Promise<void>;
  /** Decline: say no to a chat a colleague transferred to me; it stays with them. */
  declineTransfer(chatId: string): Promise<void>;
  /** Leave chat: a participant (not the owner) leaves a group chat. */
  leaveChat(chatId: string): Promise<void>;
}
