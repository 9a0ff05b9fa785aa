import type { StateCreator } from 'zustand';
import type { CannedMessage } from '../../src/protocol';
import type { ConsoleRuntime } from './console-runtime';
import type { ConsoleState } from './console-state';
import type { CannedSlice } from './canned-types';

export type { CannedSlice } from './canned-types';

export const initialCannedState: Pick<CannedSlice, 'canned' | 'cannedError' | 'cannedOpen'> = {
  canned: null,
  cannedError: null,
  cannedOpen: false,
};

export const createCannedSlice =
  (runtime: ConsoleRuntime): StateCreator<ConsoleState, [], [], CannedSlice> =>
  (set, get) => ({
    ...initialCannedState,

    async loadCanned() {
      const connection = runtime.connection();
      if (!connection) return;
      const ack = await connection.listCanned();
      if (ack.ok) set({ canned: sortCanned(ack.data.canned), cannedError: null });
      else set({ cannedError: ack.error.message });
    },

    async saveCanned(request) {
      const connection = runtime.connection();
      if (!connection) return 'Not connected to the Deskbell server.';
      const ack = await connection.saveCanned(request);
      if (!ack.ok) return ack.error.message;
      const saved = ack.data.canned;
      set((state) => ({
        canned: sortCanned([...(state.canned ?? []).filter((item) => item.id !== saved.id), saved]),
      }));
      get().announce(`Canned message /${saved.shortcut} saved.`);
      return null;
    },

    async deleteCanned(id) {
      const connection = runtime.connection();
      if (!connection) return 'Not connected to the Deskbell server.';
      const ack = await connection.deleteCanned(id);
      if (!ack.ok) return ack.error.message;
      set((state) => ({ canned: (state.canned ?? []).filter((item) => item.id !== id) }));
      get().announce('Canned message deleted.');
      return null;
    },

    openCanned() {
      set({ cannedOpen: true, settingsOpen: false, adminOpen: false, reportsOpen: false, temporaryPassword: null });
      void get().loadCanned();
    },

    closeCanned: () => set({ cannedOpen: false }),
  });

/** Personal ones first (an operator's own words win over the department's), then by shortcut. */
export function sortCanned(list: readonly CannedMessage[]): CannedMessage[] {
  return [...list].sort(
    (a, b) => Number(a.scope !== 'personal') - Number(b.scope !== 'personal') || a.shortcut.localeCompare(b.shortcut),
  );
}

/** The canned messages whose shortcut starts with what follows `/` in the message box. */
export function cannedMatching(list: readonly CannedMessage[], typed: string): CannedMessage[] {
  const prefix = typed.toLowerCase();
  return list.filter((item) => item.shortcut.toLowerCase().startsWith(prefix));
}
