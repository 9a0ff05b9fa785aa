import { createStore, type StoreApi } from 'zustand/vanilla';
import { createActivitySlice } from './activity-slice';
import { createAdminSlice } from './admin-slice';
import { createCannedSlice } from './canned-slice';
import { createChatsSlice } from './chats-slice';
import { createConnectionSlice } from './connection-slice';
import { createDeskSlice } from './desk-slice';
import { createRuntime, type ConsoleDeps } from './console-runtime';
import type { ConsoleState } from './console-state';
import { bindDesktop } from './desktop-binding';
import { createLeaveSlice } from './leave-slice';
import { createReportsSlice } from './reports-slice';
import { createMessagesSlice } from './messages-slice';
import { createOperatorsSlice } from './operators-slice';
import { createScreenshareSlice } from './screenshare-slice';
import { createSessionSlice } from './session-slice';
import { createSettingsSlice } from './settings-slice';
import { createStaffSlice } from './staff-slice';
import { createSuperviseSlice } from './supervise-slice';
import { createTransferSlice } from './transfer-slice';
import { createTranscriptSearchSlice } from './transcript-search-slice';
import { createUiSlice } from './ui-slice';
import { createUnreadSlice } from './unread-slice';

export type ConsoleStore = StoreApi<ConsoleState> & {
  /** Closes the connection and stops listening to the desktop (tests call it after each case; the app never needs to). */
  dispose(): void;
};

/**
 * One store of slices (session, connection, chats, messages, ui, settings, operators, staff,
 * transfer, activity: typing and the patron's presence, canned messages, administration, desk, reports).
 * A factory rather than a module-level store so each test starts from a
 * fresh one. It listens to the desktop bridge from the start (desktop-binding.ts).
 */
export function createConsoleStore(deps: ConsoleDeps): ConsoleStore {
  const runtime = createRuntime(deps);
  const store = createStore<ConsoleState>()((...args) => ({
    ...createSessionSlice(runtime)(...args),
    ...createConnectionSlice(runtime)(...args),
    ...createChatsSlice(runtime)(...args),
    ...createMessagesSlice(runtime)(...args),
    ...createUiSlice(runtime)(...args),
    ...createSettingsSlice(runtime)(...args),
    ...createOperatorsSlice()(...args),
    ...createStaffSlice(runtime)(...args),
    ...createTransferSlice(runtime)(...args),
    ...createSuperviseSlice(runtime)(...args),
    ...createActivitySlice(runtime)(...args),
    ...createCannedSlice(runtime)(...args),
    ...createLeaveSlice(runtime)(...args),
    ...createUnreadSlice(runtime)(...args),
    ...createScreenshareSlice(runtime)(...args),
    ...createAdminSlice(runtime)(...args),
    ...createDeskSlice(runtime)(...args),
    ...createTranscriptSearchSlice(runtime)(...args),
    ...createReportsSlice(runtime)(...args),
  }));
  const unbindDesktop = bindDesktop(store, runtime);
  return Object.assign(store, {
    dispose: () => {
      unbindDesktop();
      runtime.setConnection(null);
    },
  });
}
