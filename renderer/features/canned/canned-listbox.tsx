import { useEffect, useRef } from 'react';
import type { CannedMessage } from '../../../src/protocol';
import { firstWords } from './canned-shortcut';
import './canned.css';

interface CannedListboxProps {
  id: string;
  items: readonly CannedMessage[];
  /** The highlighted option (aria-activedescendant of the box that has focus). */
  activeIndex: number;
  departmentName: (id: string | null) => string;
  onPick: (canned: CannedMessage) => void;
  onHover: (index: number) => void;
}

/** The id of an option, for the box's aria-activedescendant. */
export function cannedOptionId(listId: string, canned: CannedMessage): string {
  return `${listId}-${canned.id}`;
}

/**
 * A listbox of canned messages: `/shortcut`, whose it is (Personal, or the
 * department that shares it) and its first words. Focus stays in the box that
 * owns it (the reply or the filter), which points at the highlighted option.
 */
export function CannedListbox({ id, items, activeIndex, departmentName, onPick, onHover }: CannedListboxProps) {
  const list = useRef<HTMLUListElement>(null);
  const activeId = items[activeIndex] ? cannedOptionId(id, items[activeIndex]) : null;

  // Arrow keys move past the visible rows: keep the highlighted one in view.
  useEffect(() => {
    if (!activeId) return;
    const option = list.current?.ownerDocument.getElementById(activeId);
    // jsdom (the component tests) has no scrollIntoView.
    if (typeof option?.scrollIntoView === 'function') option.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  return (
    <ul ref={list} id={id} role="listbox" aria-label="Canned messages" className="canned-listbox">
      {items.map((canned, index) => (
        <li
          key={canned.id}
          id={cannedOptionId(id, canned)}
          role="option"
          aria-selected={index === activeIndex}
          className="canned-option"
          // The mouse must not take focus from the box: the insertion goes where its caret is.
          onMouseDown={(event) => event.preventDefault()}
          onMouseMove={() => index !== activeIndex && onHover(index)}
          onClick={() => onPick(canned)}
        >
          {/* The spaces between the parts keep the option's accessible name readable ("/hours General Reference We open…"). */}
          <span className="canned-option-shortcut">/{canned.shortcut}</span>{' '}
          <span className={canned.scope === 'personal' ? 'canned-tag canned-tag-personal' : 'canned-tag'}>
            {canned.scope === 'personal' ? 'Personal' : departmentName(canned.departmentId)}
          </span>{' '}
          <span className="canned-option-body">{firstWords(canned.body)}</span>
        </li>
      ))}
    </ul>
  );
}
