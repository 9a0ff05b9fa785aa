import type { CannedMessage, CannedSaveRequest } from '../../src/protocol';

/** Canned messages: the picker and `/shortcut` in the composer, and the page where they are managed. */
export interface CannedSlice {
  /** Mine and the shared ones of my departments; null until loaded. */
  canned: CannedMessage[] | null;
  cannedError: string | null;
  /** The Canned messages page is showing. */
  cannedOpen: boolean;
  loadCanned(): Promise<void>;
  /** Saves a new or changed one; resolves to the server's refusal in words, or null when saved. */
  saveCanned(request: CannedSaveRequest): Promise<string | null>;
  deleteCanned(id: string): Promise<string | null>;
  openCanned(): void;
  closeCanned(): void;
}
