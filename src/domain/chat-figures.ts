import { DateTime } from 'luxon';

/**
 * An ended chat's figures, worked out from its own events (server/reports/chat-event-log.ts), never
 * typed by anyone: how long the patron waited, how long until a librarian answered, how long it
 * lasted, how often it moved, whether it was missed or left unanswered.
 */

/** The events that gave a chat an owner: the first of them ends the patron's wait. */
export const OWNER_GAINING_EVENTS = ['claimed', 'taken-over', 'reassigned', 'transfer-accepted'] as const;

export interface FigureEvent {
  kind: string;
  at: number;
}

export interface ChatFigureFacts {
  createdAt: number;
  endedAt: number;
  /** Who the 'ended' line names: 'operator' | 'patron' | 'system' | 'missed'. */
  endedBy: string | null;
  events: readonly FigureEvent[];
}

export interface ChatFigures {
  waitMs: number | null;
  firstReplyMs: number | null;
  durationMs: number | null;
  transfers: number;
  screenshares: number;
  missed: boolean;
  leftUnanswered: boolean;
}

export function chatFigures(facts: ChatFigureFacts): ChatFigures {
  const owned = new Set<string>(OWNER_GAINING_EVENTS);
  const firstAt = (test: (event: FigureEvent) => boolean): number | null => {
    let first: number | null = null;
    for (const event of facts.events) if (test(event) && (first === null || event.at < first)) first = event.at;
    return first;
  };
  const claimedAt = firstAt((event) => owned.has(event.kind));
  const firstReplyAt = firstAt((event) => event.kind === 'first-reply');
  const count = (kind: string) => facts.events.filter((event) => event.kind === kind).length;
  const since = (at: number | null) => (at === null ? null : Math.max(0, at - facts.createdAt));
  const answered = firstReplyAt !== null && firstReplyAt <= facts.endedAt;
  return {
    waitMs: since(claimedAt),
    firstReplyMs: since(firstReplyAt),
    durationMs: claimedAt === null ? null : Math.max(0, facts.endedAt - claimedAt),
    transfers: count('transfer-requested'),
    screenshares: count('screenshare-started'),
    missed: claimedAt === null,
    leftUnanswered: !answered && (facts.endedBy === 'patron' || facts.endedBy === 'missed'),
  };
}

/** Where a moment falls in the library's time zone: its local day, ISO weekday (1 Monday) and hour. */
export interface LocalBucket {
  day: string;
  weekday: number;
  hour: number;
}

export function localBucket(at: number, timeZone: string): LocalBucket {
  const local = DateTime.fromMillis(at, { zone: timeZone });
  return { day: local.toFormat('yyyy-MM-dd'), weekday: local.weekday, hour: local.hour };
}

/** The page a patron asked from, without its query string or fragment (they may carry personal data). */
export function pageOf(url: string | null): string | null {
  if (!url) return null;
  return url.split(/[?#]/)[0]?.slice(0, 500) || null;
}
