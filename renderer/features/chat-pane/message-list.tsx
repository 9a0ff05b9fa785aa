import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { AckError } from '../../../src/protocol';
import { useKeepFocusedRow } from '../../shared/keep-focused-row';
import { observeViewport } from '../../shared/virtual-viewport';
import type { FindHighlight } from './find-in-chat';
import { useLogKeys } from './log-keys';
import { type ListedMessage, LogRows, MessageRow } from './message-row';
import './message-list.css';
import { patronLabel } from '../../../src/domain/patron-label';

export type { ListedMessage } from './message-row';

/** Patron chats: patrons on the left, staff on the right, Deskbell's own lines in the middle. */
export function sideByAuthorKind(message: { authorKind: string }): string {
  return `message-${message.authorKind}`;
}

/**
 * Patron chats name an unnamed patron's messages as the rest of the console
 * names the patron ("Patron 4821"); the server stores them as "Patron".
 */
export function authorNamesIn(chat: { id: string; patron: { name: string | null } }) {
  const patron = patronLabel(chat);
  return (message: { authorKind: string; authorName: string }): string =>
    message.authorKind === 'patron' ? patron : message.authorName;
}

/** authorNamesIn, kept while the chat and the patron's name stay the same (rows re-render only when it changes). */
export function useAuthorNamesIn(chat: { id: string; patron: { name: string | null } } | undefined) {
  const id = chat?.id;
  const name = chat?.patron.name ?? null;
  return useMemo(() => (id === undefined ? undefined : authorNamesIn({ id, patron: { name } })), [id, name]);
}

interface MessageListProps<M extends ListedMessage> {
  messages: readonly M[];
  /** The CSS side of a message ("message-operator" on the right, "message-patron" on the left, ...). */
  sideOf: (message: M) => string;
  /** Who wrote a message, as the console names them (see MessageRow); the stored author name when left out. */
  authorOf?: (message: M) => string;
  /** Messages on their way; `retrying` when a try failed in a way that passes and the outbox sends it again. */
  pending?: readonly { id: string; body: string; retrying?: AckError }[];
  /** Messages the server refused for good. */
  refused?: readonly { id: string; body: string; error: AckError }[];
  onDismissRefused?: (messageId: string) => void;
  /** False while the console has no connection: pending ones wait for it rather than being tried. */
  connected?: boolean;
  /** The name of the log for assistive technology, e.g. "Messages". */
  label: string;
  /** Keep the newest message in view as messages arrive (a live chat); a transcript reads from the top. */
  followNewest?: boolean;
  /** The find box's matches in the whole chat: marked, and the current one scrolled into view. */
  find?: FindHighlight;
}

/** Closer than this to the bottom counts as "at the newest message" (a row's worth of slack). */
const AT_END_PX = 48;
/** The rows' vertical rhythm, as `.messages` had it: 12px above and below, 8px between. */
const EDGE_PX = 12;
const GAP_PX = 8;

/**
 * A chat's messages with author and time. It is a `log` live region: screen
 * readers announce new messages as they arrive. Pending ones say "Sending...",
 * and why it takes longer while they are being tried again ("the server is
 * busy"); refused ones say "Not sent" and why.
 *
 * Only the rows on screen (and a few either side) are in the DOM, placed and
 * measured by TanStack Virtual, so a chat of thousands of messages opens as
 * fast as a short one. A live chat (`followNewest`) opens at the newest
 * message and stays there as messages arrive while the operator is at the
 * bottom; scrolled up, the view does not move and a "New messages" button
 * offers the way down. Older messages that arrive above (a gap filled after a
 * reconnect) keep the row being read where it was (`anchorTo: 'end'`).
 */
export function MessageList<M extends ListedMessage>({
  messages,
  sideOf,
  authorOf,
  pending = [],
  refused = [],
  onDismissRefused,
  connected = true,
  label,
  followNewest = true,
  find,
}: MessageListProps<M>) {
  const log = useRef<HTMLDivElement | null>(null);
  // A live chat opens at its newest message, in its first paint: the log is scrolled to the bottom as it
  // mounts, before the virtualizer first reads where it is (a ref is set before the effects run).
  const attachLog = useCallback(
    (element: HTMLDivElement | null) => {
      log.current = element;
      if (element && followNewest) element.scrollTop = element.scrollHeight;
    },
    [followNewest],
  );
  const rows = useMemo(() => new LogRows(messages, pending, refused), [messages, pending, refused]);
  // The newest row stays in the DOM, scrolled away or not, so the log announces each new message.
  const { rangeExtractor, focusHandlers } = useKeepFocusedRow({ keepLast: followNewest });
  const [atEnd, setAtEnd] = useState(true);
  const getItemKey = useCallback((index: number) => rows.key(index), [rows]);
  const estimateSize = useCallback((index: number) => rows.estimatedHeight(index), [rows]);
  const virtualizer = useVirtualizer({
    count: rows.count,
    getScrollElement: () => log.current,
    estimateSize,
    getItemKey,
    gap: GAP_PX,
    paddingStart: EDGE_PX,
    paddingEnd: EDGE_PX,
    overscan: 6,
    observeElementRect: observeViewport,
    rangeExtractor,
    // The first render already lays out the newest rows (the offset is clamped to the end).
    initialOffset: followNewest ? Number.MAX_SAFE_INTEGER : 0,
    anchorTo: followNewest ? 'end' : 'start',
    followOnAppend: followNewest,
    scrollEndThreshold: AT_END_PX,
    onChange: (instance) => setAtEnd(instance.isAtEnd(AT_END_PX)),
  });

  // Then the virtualizer holds it there while the rows' real heights replace the estimates.
  useLayoutEffect(() => {
    if (followNewest) virtualizer.scrollToEnd();
    // Once, on opening: afterwards followOnAppend keeps it there.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The operator's own message goes to the bottom even when they had scrolled up to read.
  const pendingCount = pending.length;
  const sentBefore = useRef(pendingCount);
  useEffect(() => {
    if (followNewest && pendingCount > sentBefore.current) virtualizer.scrollToEnd();
    sentBefore.current = pendingCount;
  }, [followNewest, pendingCount, virtualizer]);

  const onLogKeyDown = useLogKeys(virtualizer);
  // The button goes once the log is at the bottom: the focus it held goes to the log, not to the page.
  const showNewest = useCallback(() => {
    log.current?.focus({ preventScroll: true });
    virtualizer.scrollToEnd();
  }, [virtualizer]);

  const newestSeq = messages.at(-1)?.seq ?? 0;
  const unseen = useUnseenNewest(newestSeq, atEnd);

  const matchesBySeq = useMemo(() => groupBySeq(find), [find]);
  const currentMatch = find ? find.matches[find.current] : undefined;
  const currentIndex = currentMatch ? rows.indexOfSeq(currentMatch.seq) : undefined;
  // On the operator's moves only: a message arriving during a search must not pull the view back to the match.
  const findMove = find?.revision;
  useEffect(() => {
    if (findMove !== undefined && currentIndex !== undefined)
      virtualizer.scrollToIndex(currentIndex, { align: 'center' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- currentIndex shifts when older messages arrive; that is not a move
  }, [findMove, virtualizer]);

  return (
    <div className="message-log-frame">
      {/* The log wraps the list (a list may not carry role="log" itself); it takes focus so keyboards can scroll it. */}
      <div
        ref={attachLog}
        className="message-log"
        role="log"
        aria-label={label}
        aria-live="polite"
        // Rows mounted by scrolling are not news; tell assistive technology to hold off while the list moves.
        aria-busy={virtualizer.isScrolling || undefined}
        tabIndex={0}
        onKeyDown={onLogKeyDown}
      >
        <ol className="messages" style={{ height: virtualizer.getTotalSize() }} {...focusHandlers}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows.at(item.index);
            const seq = row.kind === 'stored' ? row.message.seq : undefined;
            return (
              <MessageRow
                key={item.key}
                row={row}
                index={item.index}
                start={item.start}
                setSize={rows.count}
                measure={virtualizer.measureElement}
                sideOf={sideOf}
                authorOf={authorOf}
                connected={connected}
                onDismissRefused={onDismissRefused}
                matches={seq === undefined ? undefined : matchesBySeq.get(seq)}
                currentMatch={seq !== undefined && currentMatch?.seq === seq ? currentMatch : undefined}
              />
            );
          })}
        </ol>
      </div>
      {followNewest && unseen && !atEnd ? (
        <button type="button" className="new-messages-button" onClick={showNewest}>
          New messages
        </button>
      ) : null}
    </div>
  );
}

/**
 * Whether a message newer than any the operator has seen at the bottom has
 * arrived: true from its arrival while they are scrolled up until they are
 * back at the bottom.
 */
function useUnseenNewest(newestSeq: number, atEnd: boolean): boolean {
  const [seenSeq, setSeenSeq] = useState(newestSeq);
  useEffect(() => {
    if (atEnd && newestSeq > seenSeq) setSeenSeq(newestSeq);
  }, [atEnd, newestSeq, seenSeq]);
  return newestSeq > seenSeq;
}

function groupBySeq(find: FindHighlight | undefined) {
  const bySeq = new Map<number, FindHighlight['matches'][number][]>();
  for (const match of find?.matches ?? []) {
    const list = bySeq.get(match.seq);
    if (list) list.push(match);
    else bySeq.set(match.seq, [match]);
  }
  return bySeq;
}
