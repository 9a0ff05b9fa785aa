import type { ScreenshareEvent } from '../protocol/models';
import type { ScreenshareEndReason, ScreenshareSession, ScreenshareState } from '../protocol/screenshare';

/**
 * The screenshare session's state machine, the one place that decides what
 * may happen next: the server runs it on every request and timer, the console
 * and the patron's window run it to know which buttons to show. Pure: the
 * clock comes in as `now`, the timings as arguments.
 *
 *   requested --Join--> joined --Launch--> connecting --connected--> audio-only <--Share/Stop--> sharing
 *       |  No thanks / expiry / cancel        |  expiry / End                   End, chat over, connection lost
 *       v                                     v                                        v
 *     ended  <-----------------------------------------------------------------------  ended
 */

/** How long things may wait; one home for them (the server's chat timings hand them in). */
export interface ScreenshareTimings {
  /** A request nobody answers lapses after this. */
  screenshareRequestMs: number;
  /** After Join, the host has this long to Launch. */
  screenshareLaunchMs: number;
  /** A party whose connection dropped has this long to come back before the session ends. */
  screenshareGraceMs: number;
}

export const DEFAULT_SCREENSHARE_TIMINGS: ScreenshareTimings = {
  screenshareRequestMs: 90_000,
  screenshareLaunchMs: 5 * 60_000,
  screenshareGraceMs: 15_000,
};

export type ScreenshareRole = 'host' | 'guest';

export type ScreenshareAction =
  | { type: 'answer'; join: boolean }
  | { type: 'launch' }
  /** The sharer's picture went on or off; `sharing: false` from connecting means the voices are connected. */
  | { type: 'media'; sharing: boolean; sourceLabel: string | null }
  | { type: 'end'; by: ScreenshareRole }
  /** A party's window (re)binds its side: the guest's window arrives, a console reloads. No line. */
  | { type: 'reconnect' }
  | { type: 'expire' }
  | { type: 'chat-ended' }
  | { type: 'connection-lost' };

export type ScreenshareRefusalCode = 'SCREENSHARE_OVER' | 'SCREENSHARE_NOT_YET' | 'FORBIDDEN';

export type ScreenshareDecision =
  | {
      ok: true;
      session: ScreenshareSession;
      /** The line this change writes into the chat, if any. */
      step: ScreenshareEvent['step'] | null;
    }
  | { ok: false; code: ScreenshareRefusalCode; message: string };

const LIVE: readonly ScreenshareState[] = ['connecting', 'audio-only', 'sharing'];

export const isLive = (state: ScreenshareState): boolean => LIVE.includes(state);
export const isOpen = (state: ScreenshareState): boolean => state !== 'ended';

/** Whose picture the session shows: the role that may report media. */
export const sharerRole = (session: Pick<ScreenshareSession, 'direction'>): ScreenshareRole =>
  session.direction === 'host-shares' ? 'host' : 'guest';

/** The deadline of a session that waits for someone: its expiry, unless it is live or over. */
export function deadlineOf(session: Pick<ScreenshareSession, 'state' | 'expiresAt'>): number | null {
  return session.state === 'requested' || session.state === 'joined' ? session.expiresAt : null;
}

const refuse = (code: ScreenshareRefusalCode, message: string): ScreenshareDecision => ({ ok: false, code, message });

function ended(
  session: ScreenshareSession,
  reason: ScreenshareEndReason,
  endedBy: string | null,
  now: number,
): ScreenshareSession {
  return { ...session, state: 'ended', endReason: reason, endedBy, endedAt: now, expiresAt: null, sourceLabel: null };
}

/**
 * What `action` by `role` (the host, the guest, or the desk's own timers and
 * rules when `role` is null) does to `session` at `now`.
 */
export function decideScreenshare(
  session: ScreenshareSession,
  action: ScreenshareAction,
  role: ScreenshareRole | null,
  now: number,
  timings: ScreenshareTimings = DEFAULT_SCREENSHARE_TIMINGS,
): ScreenshareDecision {
  if (session.state === 'ended') return refuse('SCREENSHARE_OVER', 'This screenshare has ended.');
  const nameOf = (who: ScreenshareRole) => (who === 'host' ? session.host.name : session.guest.name);
  switch (action.type) {
    case 'answer': {
      if (role !== 'guest') return refuse('FORBIDDEN', 'Only the person asked can answer a screenshare request.');
      if (session.state !== 'requested') return refuse('SCREENSHARE_OVER', 'This screenshare request was answered.');
      if (isPast(session.expiresAt, now)) return refuse('SCREENSHARE_OVER', 'This screenshare request has expired.');
      if (!action.join)
        return { ok: true, session: ended(session, 'declined', nameOf('guest'), now), step: 'declined' };
      return {
        ok: true,
        session: { ...session, state: 'joined', expiresAt: now + timings.screenshareLaunchMs },
        step: 'joined',
      };
    }
    case 'launch': {
      if (role !== 'host') return refuse('FORBIDDEN', 'Only the operator who asked can launch the screenshare.');
      if (session.state === 'requested')
        return refuse('SCREENSHARE_NOT_YET', 'The screenshare can be launched once it is joined.');
      if (session.state !== 'joined') return refuse('SCREENSHARE_OVER', 'This screenshare is launched already.');
      if (!session.guestReady)
        return refuse('SCREENSHARE_NOT_YET', `Waiting for ${session.guest.name}'s screenshare window to open.`);
      if (isPast(session.expiresAt, now)) return refuse('SCREENSHARE_OVER', 'This screenshare has expired.');
      return { ok: true, session: { ...session, state: 'connecting', expiresAt: null, startedAt: now }, step: null };
    }
    case 'media': {
      if (role !== sharerRole(session)) return refuse('FORBIDDEN', 'Only the one who shows their screen can share.');
      if (!isLive(session.state)) return refuse('SCREENSHARE_NOT_YET', 'The screenshare is not launched yet.');
      if (action.sharing) {
        const step = session.state === 'sharing' ? null : 'started';
        return { ok: true, session: { ...session, state: 'sharing', sourceLabel: action.sourceLabel }, step };
      }
      const step = session.state === 'sharing' ? 'stopped' : null;
      return { ok: true, session: { ...session, state: 'audio-only', sourceLabel: null }, step };
    }
    case 'end': {
      const who = action.by;
      if (role !== who) return refuse('FORBIDDEN', 'Only a party of the screenshare can end it.');
      // Withdrawing an unanswered request is cancelling it; anything later is hanging up.
      const reason: ScreenshareEndReason = session.state === 'requested' && who === 'host' ? 'cancelled' : 'hung-up';
      if (session.state === 'requested' && who === 'guest')
        return { ok: true, session: ended(session, 'declined', nameOf('guest'), now), step: 'declined' };
      return {
        ok: true,
        session: ended(session, reason, nameOf(who), now),
        step: reason === 'cancelled' ? 'cancelled' : 'ended',
      };
    }
    case 'reconnect': {
      if (role === null) return refuse('FORBIDDEN', 'Only a party of the screenshare can take their side.');
      if (role === 'guest' && session.state === 'requested')
        return refuse('SCREENSHARE_NOT_YET', 'Join the screenshare first.');
      return { ok: true, session: role === 'guest' ? { ...session, guestReady: true } : session, step: null };
    }
    case 'expire': {
      if (role !== null) return refuse('FORBIDDEN', 'Only the desk lets a screenshare expire.');
      if (!isPast(deadlineOf(session), now)) return refuse('SCREENSHARE_NOT_YET', 'This screenshare has not expired.');
      return {
        ok: true,
        session: ended(session, 'expired', null, now),
        step: session.state === 'requested' ? 'expired' : 'ended',
      };
    }
    case 'chat-ended':
    case 'connection-lost': {
      if (role !== null) return refuse('FORBIDDEN', 'Only the desk ends a screenshare for these reasons.');
      const wasRequest = session.state === 'requested';
      return {
        ok: true,
        session: ended(session, action.type, null, now),
        step: wasRequest ? 'expired' : 'ended',
      };
    }
  }
}

const isPast = (deadline: number | null, now: number): boolean => deadline !== null && now >= deadline;

/** How long a session was connected (Launch to its end); 0 when it never started. */
export function connectedMs(session: Pick<ScreenshareSession, 'startedAt' | 'endedAt'>, now: number): number {
  if (session.startedAt === null) return 0;
  return Math.max(0, (session.endedAt ?? now) - session.startedAt);
}
