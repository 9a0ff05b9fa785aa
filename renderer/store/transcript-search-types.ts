import type { ChatSummary, TranscriptSearch } from '../../src/protocol';

/** The Transcripts tab's search: what was asked, what came back, a page at a time. */
export interface TranscriptSearchSlice {
  /** Null while the tab shows the latest ended chats (no search made). */
  transcriptSearch: {
    query: TranscriptSearch;
    busy: boolean;
    error: string | null;
    total: number;
    page: number;
    pageSize: number;
    chats: ChatSummary[];
  } | null;
  searchTranscripts(query: TranscriptSearch): Promise<void>;
  clearTranscriptSearch(): void;
}
