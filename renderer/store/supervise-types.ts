/** A supervisor's or admin's hand on any chat: give it to a colleague, or take it over. */
export interface SuperviseSlice {
  /** Per chat, a reassign or take-over on its way (the buttons wait for it). */
  superviseBusy: Record<string, 'reassign' | 'take-over'>;
  /** Reassign...: gives the chat to a colleague; a refusal shows where the supervisor is looking. Resolves true when done. */
  reassignChat(chatId: string, to: { id: string; name: string }): Promise<boolean>;
  /** Take over: the chat is mine now, with its history; the reply box is next. */
  takeOverChat(chatId: string): Promise<void>;
}
