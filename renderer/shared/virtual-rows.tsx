import { measureElement, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { type CSSProperties, Fragment, type ReactNode, useCallback, useRef } from 'react';
import { useKeepFocusedRow } from './keep-focused-row';
import { observeViewport } from './virtual-viewport';
import './virtual-rows.css';

/** What a row spreads on its `<li>`: the measuring ref, its place in the whole list, its position. */
export interface VirtualRowProps {
  ref: (element: HTMLLIElement | null) => void;
  'data-index': number;
  'aria-posinset': number;
  'aria-setsize': number;
  style: CSSProperties;
}

interface VirtualRowsProps<T> {
  items: readonly T[];
  keyOf: (item: T) => string;
  /** A first guess at a row's height in pixels; every row is measured once rendered. */
  estimateRowHeight: number;
  /** The id of the heading that names the list. */
  labelledBy: string;
  renderRow: (item: T, row: VirtualRowProps) => ReactNode;
  /** "virtual-rows-tall" for a list that has the column to itself (Transcripts). */
  className?: string;
}

/**
 * A row's height, except while the list is hidden (the workspace under
 * Settings or Canned messages): a hidden row measures 0, and a list whose rows
 * all measured 0 is 0 tall, so its viewport never grows back and the rows
 * never return. Then the size known before (or the estimate) stands.
 */
function measureShownRow(
  element: HTMLLIElement,
  entry: ResizeObserverEntry | undefined,
  instance: Virtualizer<HTMLDivElement, HTMLLIElement>,
): number {
  if (element.getClientRects().length > 0) return measureElement(element, entry, instance);
  const known = instance.measurementsCache[instance.indexFromElement(element)]?.size;
  return known ?? instance.options.estimateSize(instance.indexFromElement(element));
}

/** The gap between rows, as `.chat-rows` had it. */
const ROW_GAP = 6;

/**
 * A left-column list (Patron Chats, My chats, Transcripts) that puts only the
 * rows in view, and a few either side, in the DOM. With many entries it
 * scrolls on its own; with a few it is as tall as they are. Each row is
 * measured, so rows of different heights (a transfer note, a long question)
 * take their own room. Screen readers hear each row's place in the whole list
 * (aria-posinset of aria-setsize), and the row holding the focus is kept.
 */
export function VirtualRows<T>({
  items,
  keyOf,
  estimateRowHeight,
  labelledBy,
  renderRow,
  className,
}: VirtualRowsProps<T>) {
  const viewport = useRef<HTMLDivElement>(null);
  const { rangeExtractor, focusHandlers } = useKeepFocusedRow();
  const getItemKey = useCallback((index: number) => keyOf(items[index] as T), [items, keyOf]);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => viewport.current,
    estimateSize: () => estimateRowHeight,
    getItemKey,
    gap: ROW_GAP,
    overscan: 4,
    observeElementRect: observeViewport,
    rangeExtractor,
    measureElement: measureShownRow,
  });
  return (
    <div ref={viewport} className={`virtual-rows${className ? ` ${className}` : ''}`}>
      <ul
        aria-labelledby={labelledBy}
        className="chat-rows"
        style={{ height: virtualizer.getTotalSize() }}
        {...focusHandlers}
      >
        {virtualizer.getVirtualItems().map((row) => (
          <Fragment key={row.key}>
            {renderRow(items[row.index] as T, {
              ref: virtualizer.measureElement,
              'data-index': row.index,
              'aria-posinset': row.index + 1,
              'aria-setsize': items.length,
              style: { transform: `translateY(${row.start}px)` },
            })}
          </Fragment>
        ))}
      </ul>
    </div>
  );
}
