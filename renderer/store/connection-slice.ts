import type { StateCreator } from 'zustand';
import type { ConsoleRuntime } from './console-runtime';
import type { ConsoleState } from './console-state';
import type { ConnectionSlice } from './connection-types';

type ConnectionData = Omit<ConnectionSlice, 'setStatus'>;

export const initialConnectionState: ConnectionData = {
  connection: 'offline',
  status: 'offline',
  statusError: null,
  departments: [],
  questionTypes: [],
  readScale: false,
  patronFields: [],
  problem: null,
};

export const createConnectionSlice =
  (runtime: ConsoleRuntime): StateCreator<ConsoleState, [], [], ConnectionSlice> =>
  (set) => ({
    ...initialConnectionState,

    async setStatus(status) {
      const connection = runtime.connection();
      if (!connection) return;
      set({ statusError: null });
      const ack = await connection.setStatus(status);
      if (ack.ok) set({ status: ack.data.status });
      else set({ statusError: ack.error.message });
    },
  });
