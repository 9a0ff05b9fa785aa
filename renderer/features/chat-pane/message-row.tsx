import { memo } from 'react';
import { refusedNote, sendingNote } from '../../../src/client/send-status';
import type { AckError } from '../../../src/protocol';
import { formatTime, isoOf } from '../../shared/format-time';
import { MessageText } from '../../shared/message-text';
import type { FindMatch } from './find-in-chat';

/** What the list shows of a stored message: patron-chat and staff-chat messages both fit. */
export interface ListedMessage {
  seq: number;
  authorName: string;
  createdAt: number;
  body: string;
}

type PendingMessage = { id: string; body: string; retrying?: AckError };
type RefusedMessage = { id: string; body: string; error: AckError };

/** One row of the log: a stored message, then the operator's own on their way, then the refused ones. */
export type LogRow<M extends ListedMessage> =
  | { kind: 'stored'; key: string; message: M }
  | { kind: 'pending'; key: string; message: PendingMessage }
  | { kind: 'refused'; key: string; message: RefusedMessage };

/**
 * A one-line message row as the console lays it out: the meta line and the
 * bubble's padding and border (32px), and 18px per line of body. Measured, not
 * guessed: every row that differs from its estimate moves the scroll position
 * when it is first measured above the fold, and a keyboard scroll (PageUp,
 * the arrows) that is still animating loses those pixels.
 */
const ROW_CHROME_PX = 32;
const BODY_LINE_PX = 18;

/**
 * The log's rows by index, made only for the rows the virtualizer renders: a
 * chat of thousands of messages costs no row objects for the ones off screen.
 */
export class LogRows<M extends ListedMessage> {
  constructor(
    readonly messages: readonly M[],
    readonly pending: readonly PendingMessage[],
    readonly refused: readonly RefusedMessage[],
  ) {}

  get count(): number {
    return this.messages.length + this.pending.length + this.refused.length;
  }

  at(index: number): LogRow<M> {
    const stored = this.messages[index];
    if (stored) return { kind: 'stored', key: `seq-${stored.seq}`, message: stored };
    const waiting = this.pending[index - this.messages.length];
    if (waiting) return { kind: 'pending', key: `pending-${waiting.id}`, message: waiting };
    const message = this.refused[index - this.messages.length - this.pending.length] as RefusedMessage;
    return { kind: 'refused', key: `refused-${message.id}`, message };
  }

  key(index: number): string {
    const stored = this.messages[index];
    return stored ? `seq-${stored.seq}` : this.at(index).key;
  }

  /**
   * A first guess at a row's height before it is measured: the meta line, the
   * bubble's padding, and a line of body per ~70 characters (the bubble is at
   * most 75% of the pane). Close guesses keep the scrollbar from jumping.
   */
  estimatedHeight(index: number): number {
    const stored = this.messages[index];
    const row = stored ? undefined : this.at(index);
    const body = stored ? stored.body : (row?.message.body ?? '');
    let breaks = 0;
    for (let at = body.indexOf('\n'); at !== -1; at = body.indexOf('\n', at + 1)) breaks++;
    const lines = Math.max(1, Math.ceil(body.length / 70)) + breaks;
    return ROW_CHROME_PX + lines * BODY_LINE_PX + (row?.kind === 'refused' ? 30 : 0);
  }

  /** The row of the stored message with this sequence number (stored messages are in sequence order). */
  indexOfSeq(seq: number): number | undefined {
    let low = 0;
    let high = this.messages.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const found = (this.messages[middle] as M).seq;
      if (found === seq) return middle;
      if (found < seq) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }
}

interface MessageRowProps<M extends ListedMessage> {
  row: LogRow<M>;
  index: number;
  /** Where the virtualizer put the row, in pixels from the top of the list. */
  start: number;
  setSize: number;
  measure: (element: HTMLLIElement | null) => void;
  sideOf: (message: M) => string;
  /** Who wrote it, as the console names them (an unnamed patron is "Patron 4821"); the stored author name otherwise. */
  authorOf?: (message: M) => string;
  connected: boolean;
  onDismissRefused?: (messageId: string) => void;
  /** The find box's matches in this message's body, if any. */
  matches?: readonly FindMatch[];
  currentMatch?: FindMatch;
}

function MessageRowView<M extends ListedMessage>({
  row,
  index,
  start,
  setSize,
  measure,
  sideOf,
  authorOf,
  connected,
  onDismissRefused,
  matches,
  currentMatch,
}: MessageRowProps<M>) {
  // The row spans the list and is placed by the virtualizer; the bubble inside it takes its side.
  const placed = {
    ref: measure,
    className: 'message-row',
    'data-index': index,
    'aria-posinset': index + 1,
    'aria-setsize': setSize,
    style: { transform: `translateY(${start}px)` },
  };
  if (row.kind === 'stored') {
    const { message } = row;
    return (
      <li {...placed} data-seq={message.seq}>
        <div className={`message ${sideOf(message)}`}>
          <p className="message-meta">
            <bdi className="message-author" dir="auto">
              {authorOf ? authorOf(message) : message.authorName}
            </bdi>{' '}
            <time dateTime={isoOf(message.createdAt)}>{formatTime(message.createdAt)}</time>
          </p>
          <p className="message-body" dir="auto">
            <MessageText body={message.body} marks={marksOf(matches, currentMatch)} />
          </p>
        </div>
      </li>
    );
  }
  if (row.kind === 'pending') {
    const { message } = row;
    return (
      <li {...placed} data-pending="true" data-retrying={message.retrying ? 'true' : undefined}>
        <div className="message message-operator message-pending">
          <p className="message-meta">
            <span className="message-author">You</span>{' '}
            <span className="message-sending">{sendingNote(message.retrying, connected)}</span>
          </p>
          <p className="message-body" dir="auto">
            <MessageText body={message.body} />
          </p>
        </div>
      </li>
    );
  }
  const { message } = row;
  return (
    <li {...placed} data-refused="true">
      <div className="message message-operator message-refused">
        <p className="message-meta">
          <span className="message-author">You</span>{' '}
          <span className="message-error">{refusedNote(message.error)}</span>
        </p>
        <p className="message-body" dir="auto">
          <MessageText body={message.body} />
        </p>
        {onDismissRefused ? (
          <button type="button" className="small" onClick={() => onDismissRefused(message.id)}>
            Dismiss
          </button>
        ) : null}
      </div>
    </li>
  );
}

/** Rows re-render only when their own message, place or matches change, not on every scroll frame of the list. */
export const MessageRow = memo(MessageRowView) as typeof MessageRowView;

/** The find box's matches in this body, the current one flagged, as MessageText marks them. */
function marksOf(matches: readonly FindMatch[] | undefined, current: FindMatch | undefined) {
  return matches?.map((match) => ({ start: match.start, end: match.end, current: match === current }));
}
