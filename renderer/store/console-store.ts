import { createStore, type StoreApi } from 'zustand/vanilla';
import { createChatsSlice } from './chats-slice';
import { createConnectionSlice } from './connection-slice';
import { createRuntime, type ConsoleDeps } from './console-runtime';
import type { ConsoleState } from './console-state';
import { createMessagesSlice } from './messages-slice';
import { createSessionSlice } from './session-slice';
import { createUiSlice } from './ui-slice';

export type ConsoleStore = StoreApi<ConsoleState> & {
  /** Closes the connection (tests call it after each case; the app never needs to). */
  dispose(): void;
};

/**
 * One store, five slices (session, connection, chats, messages, ui). A factory
 * rather than a module-level store so each test starts from a fresh one.
 */
export function createConsoleStore(deps: ConsoleDeps): ConsoleStore {
  const runtime = createRuntime(deps);
  const store = createStore<ConsoleState>()((...args) => ({
    ...createSessionSlice(runtime)(...args),
    ...createConnectionSlice(runtime)(...args),
    ...createChatsSlice(runtime)(...args),
    ...createMessagesSlice(runtime)(...args),
    ...createUiSlice(runtime)(...args),
  }));
  return Object.assign(store, { dispose: () => runtime.setConnection(null) });
}
