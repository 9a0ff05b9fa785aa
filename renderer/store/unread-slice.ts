import type { StateCreator } from 'zustand';
import type { ReadMark } from '../../src/protocol';
import type { ConsoleRuntime } from './console-runtime';
import type { ConsoleState } from './console-state';
import type { UnreadSlice } from './unread-types';

export type { PageAlert, UnreadSlice } from './unread-types';

type UnreadData = Pick<UnreadSlice, 'readMarks' | 'staffPeers' | 'attending' | 'alertPermission' | 'pageAlerts'>;

/** What one operator's session leaves behind; reset on log-out (whether the console is looked at is not). */
export const initialUnreadWork = (): Pick<UnreadData, 'readMarks' | 'staffPeers' | 'pageAlerts'> => ({
  readMarks: { chat: {}, staff: {} },
  staffPeers: {},
  pageAlerts: [],
});

const initialUnreadState = (): UnreadData => ({
  ...initialUnreadWork(),
  attending: true,
  alertPermission: 'default',
});

/** The marks with this one, unless it would move a mark back. */
export function withReadMark(marks: UnreadSlice['readMarks'], mark: ReadMark): UnreadSlice['readMarks'] {
  const current = marks[mark.kind][mark.id] ?? 0;
  if (mark.seq <= current) return marks;
  return { ...marks, [mark.kind]: { ...marks[mark.kind], [mark.id]: mark.seq } };
}

/**
 * Unread state: read marks, who each staff chat is with, whether the
 * librarian is looking (the view tells), and the in-page alerts shown when
 * the browser blocks notifications. The counts themselves are derived
 * (unread-selectors.ts); sending marks and raising alerts is read-binding.ts.
 */
export const createUnreadSlice =
  (runtime: ConsoleRuntime): StateCreator<ConsoleState, [], [], UnreadSlice> =>
  (set, get) => ({
    ...initialUnreadState(),
    alertPermission: runtime.deps.bridge.alertPermission(),

    setAttending(attending) {
      // The permission may have changed meanwhile (the login's question answered, the browser's settings).
      const alertPermission = runtime.deps.bridge.alertPermission();
      if (get().attending !== attending || get().alertPermission !== alertPermission) {
        set({ attending, alertPermission });
      }
    },

    applyReadMark(mark) {
      const readMarks = withReadMark(get().readMarks, mark);
      if (readMarks !== get().readMarks) set({ readMarks });
    },

    async requestAlertPermission() {
      set({ alertPermission: await runtime.deps.bridge.requestAlertPermission() });
    },

    openFromAlert(kind, id) {
      get().dismissPageAlert(id);
      if (kind === 'chat') {
        if (get().chats[id]) get().openChat(id);
        return;
      }
      const colleague = get().staffPeers[id];
      if (colleague) void get().openStaffChat({ id: colleague.id, displayName: colleague.name });
    },

    dismissPageAlert(id) {
      if (get().pageAlerts.some((alert) => alert.id === id)) {
        set({ pageAlerts: get().pageAlerts.filter((alert) => alert.id !== id) });
      }
    },
  });
