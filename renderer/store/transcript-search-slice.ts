import type { StateCreator } from 'zustand';
import type { TranscriptSearch } from '../../src/protocol';
import type { ConsoleRuntime } from './console-runtime';
import type { ConsoleState } from './console-state';
import type { TranscriptSearchSlice } from './transcript-search-types';

export const initialTranscriptSearchState: Pick<TranscriptSearchSlice, 'transcriptSearch'> = {
  transcriptSearch: null,
};

/** Searches ended chats on the server (full-text and filters); only the page shown is held. */
export const createTranscriptSearchSlice =
  (runtime: ConsoleRuntime): StateCreator<ConsoleState, [], [], TranscriptSearchSlice> =>
  (set) => ({
    ...initialTranscriptSearchState,

    async searchTranscripts(query: TranscriptSearch) {
      const connection = runtime.connection();
      if (!connection) return;
      set((state) => ({
        transcriptSearch: {
          total: 0,
          page: 1,
          pageSize: 50,
          chats: [],
          ...state.transcriptSearch,
          query,
          busy: true,
          error: null,
        },
      }));
      const ack = await connection.searchTranscripts(query);
      set((state) => {
        // A newer search went out meanwhile: its answer is the one to show.
        if (state.transcriptSearch?.query !== query) return {};
        return {
          transcriptSearch: ack.ok
            ? { query, busy: false, error: null, ...ack.data }
            : { ...state.transcriptSearch, busy: false, error: ack.error.message },
        };
      });
    },

    clearTranscriptSearch() {
      set({ transcriptSearch: null });
    },
  });
