import { useEffect, useRef } from 'react';
import type { Message } from '../../src/protocol/models';
import { tellLoader } from './parent-link';

/**
 * Counts the librarian's messages that arrived while the panel was closed and
 * tells the loader, which shows the count on the launcher button. What the
 * patron has seen is kept per tab, so a refresh does not count old messages again.
 */
export function useUnread(
  messages: readonly Message[],
  panelOpen: boolean,
  parentOrigin: string | null,
  seenKey: string,
): void {
  const seen = useRef<{ key: string; seq: number } | null>(null);
  const told = useRef(0);
  const newest = messages.at(-1)?.seq ?? 0;
  useEffect(() => {
    if (seen.current?.key !== seenKey) seen.current = { key: seenKey, seq: readSeen(seenKey) };
    if (panelOpen && newest > seen.current.seq) {
      seen.current.seq = newest;
      writeSeen(seenKey, newest);
    }
    const seenSeq = seen.current.seq;
    const unread = panelOpen ? 0 : messages.filter((m) => m.authorKind !== 'patron' && m.seq > seenSeq).length;
    if (unread === told.current) return;
    told.current = unread;
    tellLoader({ type: 'unread', count: unread }, parentOrigin);
  }, [messages, newest, panelOpen, parentOrigin, seenKey]);
}

function readSeen(key: string): number {
  try {
    return Number(sessionStorage.getItem(key)) || 0;
  } catch {
    return 0;
  }
}

function writeSeen(key: string, seq: number): void {
  try {
    sessionStorage.setItem(key, String(seq));
  } catch {
    // blocked: a refresh may count a few messages again
  }
}
