import type { ReactNode } from 'react';
import { type MessagePart, messageParts } from '../../src/domain/message-links';

/** A stretch of the body to mark (the find box's matches), characters [start, end). */
export interface MarkedRange {
  start: number;
  end: number;
  current?: boolean;
}

/**
 * A message body as the console shows it: text, with the links of
 * `src/domain/message-links.ts` as anchors that open in a new tab (and tell
 * the new page nothing of the console), and the find box's matches in
 * `<mark>`, inside a link or not. React elements only: nothing in a message
 * ever becomes markup.
 */
export function MessageText({ body, marks = [] }: { body: string; marks?: readonly MarkedRange[] }): ReactNode {
  const parts = messageParts(body);
  if (marks.length === 0 && parts.every((part) => part.kind === 'text')) return body;
  return parts.map((part) => <Part key={part.start} part={part} marks={marks} />);
}

function Part({ part, marks }: { part: MessagePart; marks: readonly MarkedRange[] }) {
  const content = markedWithin(part, marks);
  if (part.kind === 'text') return <>{content}</>;
  return (
    <a href={part.href} target="_blank" rel="noopener noreferrer">
      {content}
    </a>
  );
}

/** The part's text with the stretches of `marks` that fall inside it in `<mark>`. */
function markedWithin(part: MessagePart, marks: readonly MarkedRange[]): ReactNode {
  const nodes: ReactNode[] = [];
  let from = part.start;
  for (const mark of marks) {
    const start = Math.max(mark.start, part.start);
    const end = Math.min(mark.end, part.end);
    if (end <= start) continue;
    if (start > from) nodes.push(part.text.slice(from - part.start, start - part.start));
    nodes.push(
      <mark
        key={start}
        className={mark.current ? 'find-match find-current' : 'find-match'}
        data-find-current={mark.current ? 'true' : undefined}
      >
        {part.text.slice(start - part.start, end - part.start)}
      </mark>,
    );
    from = end;
  }
  if (from < part.end) nodes.push(part.text.slice(from - part.start));
  return nodes.length === 1 ? nodes[0] : nodes;
}
