import { type ReactNode, useId, useState } from 'react';
import './collapsible-section.css';

interface CollapsibleSectionProps {
  title: string;
  className: string;
  /** The section's body, given the heading's id to name its list by. */
  children: (headingId: string) => ReactNode;
  /** Said after the title while folded away, so a folded list still tells what waits in it (e.g. "3 unread"). */
  foldedNote?: string;
}

/**
 * A left-column section (Patron Chats, My chats, Operators) whose heading is
 * a disclosure button: a librarian with fifty chats folds one away and the
 * counter and the Operators list stay in reach. The section and its list keep
 * the heading's name, so folding changes nothing a screen reader hears of it.
 */
export function CollapsibleSection({ title, className, children, foldedNote }: CollapsibleSectionProps) {
  const [open, setOpen] = useState(true);
  const headingId = useId();
  const bodyId = useId();
  return (
    <section className={`${className} collapsible`} aria-labelledby={headingId}>
      <h2 id={headingId} className="collapsible-heading">
        <button
          type="button"
          className="collapsible-toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen((wasOpen) => !wasOpen)}
        >
          <span className="collapsible-chevron" aria-hidden="true" />
          {title}
        </button>
        {!open && foldedNote ? <span className="collapsible-note">{foldedNote}</span> : null}
      </h2>
      <div id={bodyId} hidden={!open}>
        {children(headingId)}
      </div>
    </section>
  );
}
