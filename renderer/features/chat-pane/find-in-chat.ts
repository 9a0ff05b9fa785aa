import { useCallback, useMemo, useState } from 'react';

/** One place a search matched: in the message with this sequence number, characters [start, end) of its body. */
export interface FindMatch {
  seq: number;
  start: number;
  end: number;
}

/** What the message list needs to mark the matches and bring the current one into view. */
export interface FindHighlight {
  matches: readonly FindMatch[];
  /** Index into `matches` of the one the operator is on. */
  current: number;
  /**
   * Counts the operator's moves (typing, next, previous): the list scrolls to
   * the current match on each move, and not when a new message merely adds matches.
   */
  revision: number;
}

const escapeForRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Every match of `query` in the bodies of the whole chat (not only the rows on
 * screen), in reading order. Case-insensitive, and Unicode-aware without
 * changing lengths, so `start`/`end` index the body as it is shown.
 */
export function findMatches(messages: readonly { seq: number; body: string }[], query: string): FindMatch[] {
  const wanted = query.trim();
  if (wanted === '') return [];
  const pattern = new RegExp(escapeForRegExp(wanted), 'giu');
  const matches: FindMatch[] = [];
  for (const message of messages) {
    for (const found of message.body.matchAll(pattern)) {
      matches.push({ seq: message.seq, start: found.index, end: found.index + found[0].length });
    }
  }
  return matches;
}

/** "3 of 12", "No matches", or nothing before the operator has typed. */
export function findCountText(query: string, found: number, current: number): string {
  if (query.trim() === '') return '';
  return found === 0 ? 'No matches' : `${current + 1} of ${found}`;
}

/**
 * The find box's state for one chat: the query, every match in the whole chat,
 * and which one is current. `scope` names the chat; opening another one starts
 * with an empty search.
 */
export function useFindInChat(messages: readonly { seq: number; body: string }[], scope: string) {
  const [search, setSearch] = useState({ scope, query: '', current: 0, revision: 0 });
  const query = search.scope === scope ? search.query : '';
  const current = search.scope === scope ? search.current : 0;
  const matches = useMemo(() => findMatches(messages, query), [messages, query]);
  // A message that arrives while searching may add matches; the one the operator is on stays in range.
  const at = matches.length === 0 ? 0 : Math.min(current, matches.length - 1);
  const revision = search.revision;
  const setQuery = useCallback(
    (next: string) => setSearch((was) => ({ scope, query: next, current: 0, revision: was.revision + 1 })),
    [scope],
  );
  const step = useCallback(
    (by: 1 | -1) => {
      if (matches.length === 0) return;
      const current = (matches.length + at + by) % matches.length;
      setSearch((was) => ({ scope, query, current, revision: was.revision + 1 }));
    },
    [scope, query, matches.length, at],
  );
  const highlight: FindHighlight | undefined = useMemo(
    () => (matches.length > 0 ? { matches, current: at, revision } : undefined),
    [matches, at, revision],
  );
  return {
    query,
    setQuery,
    highlight,
    count: findCountText(query, matches.length, at),
    next: () => step(1),
    previous: () => step(-1),
  };
}

export type FindInChat = ReturnType<typeof useFindInChat>;
