import { z } from 'zod';
import { idSchema, operatorStatusSchema } from './models';

/**
 * The only way the operator console reaches what a desktop does: pop-ups,
 * the chirp, the tray. In the browser console a web implementation (the
 * Notification API and Audio) stands behind the same interface; in the
 * desktop app the preload exposes an Electron one over IPC channels named
 * `feature/verb`. Every `on...` returns its unsubscribe function.
 */

export const newChatAlertSchema = z.object({
  chatId: idSchema,
  patronName: z.string().max(120),
  departmentName: z.string().max(120),
  /** The first words of the question. */
  preview: z.string().max(200),
  /** "transferred from ..." and the like, when there is something to add. */
  note: z.string().max(200).nullable().default(null),
});
export type NewChatAlert = z.input<typeof newChatAlertSchema>;

export const presenceSnapshotSchema = z.object({
  status: operatorStatusSchema,
  connected: z.boolean(),
  /** Patron chats waiting to be claimed. */
  waiting: z.number().int().nonnegative(),
});
export type PresenceSnapshot = z.infer<typeof presenceSnapshotSchema>;

export interface DesktopBridge {
  /** 'web' in a browser, 'electron' in the desktop app. */
  readonly kind: 'web' | 'electron';
  /** Pops up a new-chat alert (lower right of the screen on the desktop). */
  alertNewChat(alert: NewChatAlert): void;
  /** Takes down a chat's alert: it was claimed (by anyone), ended, or dismissed. */
  clearChatAlert(chatId: string): void;
  /** Plays the chirp, unless muted or it just played. */
  chirp(): void;
  /** Tells the desktop the operator's presence and queue, for the tray and badge. */
  reportPresence(presence: PresenceSnapshot): void;
  /** The operator clicked Claim Chat (or Preview) on an alert outside the console. */
  onAlertAction(listener: (action: { chatId: string; action: 'claim' | 'preview' }) => void): () => void;
}
