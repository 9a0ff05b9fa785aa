import type { OperatorStatus, PresenceSnapshot } from '../../../src/protocol';

/** The tray icons in assets/tray/ (see scripts/make-tray-icons.ts). */
export type TrayIconName = OperatorStatus | 'disconnected';

/** The staff guide's words for each status, in the order the menu lists them. */
export const STATUS_LABELS: Readonly<Record<OperatorStatus, string>> = {
  online: 'Online',
  internal: 'Internal',
  away: 'Away',
  offline: 'Offline',
};

export type TrayMenuItem =
  | { kind: 'status'; status: OperatorStatus; label: string; checked: boolean }
  | { kind: 'separator' }
  | { kind: 'show'; label: string }
  | { kind: 'quit'; label: string };

/**
 * The waiting count for the dock / launcher badge; on Windows the window
 * service shows it as the taskbar overlay (WindowService.setBadgeCount).
 */
export interface TrayBadge {
  /** 0 hides the badge. */
  count: number;
}

export interface TrayModel {
  icon: TrayIconName;
  tooltip: string;
  badge: TrayBadge;
  menu: TrayMenuItem[];
}

export type TrayState = Omit<PresenceSnapshot, 'unread'> & { unread?: number };

/**
 * Everything the tray shows, from the operator's status, the connection and
 * the waiting count. Pure, so every status and count is tested in Node.
 */
export function computeTrayModel(state: TrayState): TrayModel {
  const waiting = Math.max(0, Math.floor(state.waiting));
  const unread = Math.max(0, Math.floor(state.unread ?? 0));
  const statusLabel = STATUS_LABELS[state.status];
  const tooltip = state.connected
    ? `Deskbell — ${statusLabel} — ${waitingWords(waiting)}${unread > 0 ? `, ${unreadWords(unread)}` : ''}`
    : // The queue is unknown while not connected; the status is the last one chosen.
      `Deskbell — Not connected (${statusLabel})`;
  return {
    icon: state.connected ? state.status : 'disconnected',
    tooltip,
    // What waits for this operator: new chats and unread messages.
    badge: { count: waiting + unread },
    menu: [
      ...(Object.keys(STATUS_LABELS) as OperatorStatus[]).map((status) => ({
        kind: 'status' as const,
        status,
        label: STATUS_LABELS[status],
        checked: status === state.status,
      })),
      { kind: 'separator' },
      { kind: 'show', label: 'Show Deskbell' },
      { kind: 'quit', label: 'Quit' },
    ],
  };
}

/** "1 unread message", "2 unread messages". */
export function unreadWords(count: number): string {
  return `${count} unread ${count === 1 ? 'message' : 'messages'}`;
}

/** "no chats waiting", "1 chat waiting", "2 chats waiting". */
export function waitingWords(count: number): string {
  if (count === 0) return 'no chats waiting';
  return `${count} ${count === 1 ? 'chat' : 'chats'} waiting`;
}
