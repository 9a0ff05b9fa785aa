import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface AdminTab<Key extends string> {
  key: Key;
  label: string;
}

interface AdminTabsProps<Key extends string> {
  label: string;
  tabs: ReadonlyArray<AdminTab<Key>>;
  selected: Key;
  onSelect(key: Key): void;
  /** The selected tab's panel. */
  children: ReactNode;
}

/**
 * The Administration page's screens as tabs (the ARIA tabs pattern): one Tab
 * stop for the row, the arrow keys, Home and End move between tabs and show
 * each at once (every panel is cheap to show), then Tab goes into the panel.
 */
export function AdminTabs<Key extends string>({ label, tabs, selected, onSelect, children }: AdminTabsProps<Key>) {
  const id = useId();
  const list = useRef<HTMLDivElement>(null);
  const tabId = (key: string) => `${id}-tab-${key}`;

  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.findIndex((tab) => tab.key === selected);
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : -1;
    const tab = tabs[next];
    if (!tab) return;
    event.preventDefault();
    onSelect(tab.key);
    // The newly selected tab is rendered with tabIndex 0 by then; focus follows the selection.
    requestAnimationFrame(() => document.getElementById(tabId(tab.key))?.focus());
  };

  return (
    <>
      <div ref={list} role="tablist" aria-label={label} className="admin-tabs" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.key}
            id={tabId(tab.key)}
            type="button"
            role="tab"
            aria-selected={tab.key === selected}
            aria-controls={`${id}-panel`}
            tabIndex={tab.key === selected ? 0 : -1}
            onClick={() => onSelect(tab.key)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={tabId(selected)} className="admin-tab-panel">
        {children}
      </div>
    </>
  );
}
