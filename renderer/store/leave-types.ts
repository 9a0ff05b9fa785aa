/** What the operator was about to do when the console asked about their chats in progress. */
export type LeaveIntent = 'log-out' | 'offline';

export interface LeaveSlice {
  /**
   * The hand-back question on screen ("You have 3 chats in progress: hand them back to the queue,
   * or stay"), or null. `working` while the chats are being handed back.
   */
  leaving: { intent: LeaveIntent; chats: number; working: boolean; error: string | null } | null;
  /** Log out or go Offline; with chats in progress, asks first. */
  requestLeave(intent: LeaveIntent): Promise<void>;
  /** Hands every chat in progress back to its queue, then logs out or goes Offline. */
  handBackAndLeave(): Promise<void>;
  /** Stay: nothing changes. */
  stayOn(): void;
}
