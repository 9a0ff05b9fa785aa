import type { ScreenshareEvent } from '../protocol/models';
import type { ScreenshareSession } from '../protocol/screenshare';
import { connectedMs } from './screenshare-session';

/**
 * What a shared track shows, as people say it: browsers label a whole screen
 * "screen:0:0" (or "screen:-3:0"), a window "window:123:0" (Chromium's own
 * picker gives its title instead) and a tab "web-contents-media-stream://...".
 */
export function describeShareSource(label: string): string {
  if (label === '' || /^screen(:-?\d+)*$/i.test(label)) return 'Entire screen';
  if (/^window(:-?\d+)*$/i.test(label)) return 'A window';
  if (/^web-contents-media-stream/i.test(label)) return 'A browser tab';
  return label.slice(0, 200);
}

/** "4 min 12 s", "35 s", "1 h 5 min": how long a screenshare lasted, as a line says it. */
export function formatShareDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * The line a screenshare step writes into the chat and its transcript, read
 * by both sides (the patron sees the lines of a patron chat): its text and
 * its structured event.
 */
export function screenshareLine(
  session: ScreenshareSession,
  step: ScreenshareEvent['step'],
  now: number,
): { body: string; event: ScreenshareEvent } {
  const host = session.host.name;
  const guest = session.guest.kind === 'patron' ? 'The patron' : session.guest.name;
  const hostShares = session.direction === 'host-shares';
  const sharer = hostShares ? host : guest;
  const duration = step === 'ended' ? connectedMs(session, now) : null;
  const by = byOf(session, step);
  const body = ((): string => {
    switch (step) {
      case 'requested':
        return hostShares
          ? `${host} would like to share their screen with you.`
          : `${host} would like to see your screen.`;
      case 'joined':
        return `${guest} joined the screenshare.`;
      case 'declined':
        return `${guest} said no thanks to the screenshare.`;
      case 'expired':
        return session.endReason === 'chat-ended'
          ? 'The screenshare request ended with the chat.'
          : 'The screenshare request was not answered in time.';
      case 'cancelled':
        return `${host} withdrew the screenshare request.`;
      case 'started':
        return session.sourceLabel
          ? `${sharer} started sharing (${session.sourceLabel}).`
          : `${sharer} started sharing their screen.`;
      case 'stopped':
        return `${sharer} stopped sharing; the call goes on.`;
      case 'ended': {
        const lasted = duration && duration > 0 ? ` after ${formatShareDuration(duration)}` : '';
        return `The screenshare ended${lasted}${endedWhy(session)}.`;
      }
    }
  })();
  return {
    body,
    event: { type: 'screenshare', sessionId: session.id, step, direction: session.direction, by, durationMs: duration },
  };
}

function byOf(session: ScreenshareSession, step: ScreenshareEvent['step']): string | null {
  switch (step) {
    case 'requested':
    case 'cancelled':
      return session.host.name;
    case 'joined':
    case 'declined':
      return session.guest.name;
    case 'started':
    case 'stopped':
      return session.direction === 'host-shares' ? session.host.name : session.guest.name;
    case 'expired':
      return null;
    case 'ended':
      return session.endedBy;
  }
}

function endedWhy(session: ScreenshareSession): string {
  switch (session.endReason) {
    case 'hung-up':
      return session.endedBy ? ` (${session.endedBy} ended it)` : '';
    case 'chat-ended':
      return ' with the chat';
    case 'connection-lost':
      return ' (a connection was lost)';
    case 'expired':
      return ' (it was never launched)';
    default:
      return '';
  }
}
