import type { AlertPermission, ReadMark, StaffRef } from '../../src/protocol';

/** An in-page alert: the console's own stand-in for a notification the browser will not show. */
export interface PageAlert {
  /** The chat's or staff chat's id: one alert per chat, the newest words. */
  id: string;
  kind: ReadMark['kind'];
  from: string;
  preview: string;
}

export interface UnreadSlice {
  /** How far this operator has read each patron chat and staff chat (the server keeps them; a mark only grows). */
  readMarks: { chat: Record<string, number>; staff: Record<string, number> };
  /** The colleague of each of my staff chats, so the Operators list can show its unread count. */
  staffPeers: Record<string, StaffRef>;
  /** The console is visible and has the focus: only then does what is on screen count as read. */
  attending: boolean;
  /** Whether notifications can show outside the page (browser permission; always granted on the desktop). */
  alertPermission: AlertPermission;
  /** In-page alerts, newest last, while notifications cannot show. */
  pageAlerts: PageAlert[];
  setAttending(attending: boolean): void;
  /** A mark from the server (sync, another window) or one just made here: kept only if it moves forward. */
  applyReadMark(mark: ReadMark): void;
  /** Asks the browser for notifications (call from a click); the answer lands in `alertPermission`. */
  requestAlertPermission(): Promise<void>;
  /** "Open chat" on a notification, a pop-up or an in-page alert. */
  openFromAlert(kind: ReadMark['kind'], id: string): void;
  dismissPageAlert(id: string): void;
}
