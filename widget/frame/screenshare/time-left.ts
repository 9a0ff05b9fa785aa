import type { ScreenshareSession } from '../../../src/protocol/screenshare';

/** A patron's clock this far from the server's still counts as right (latency, rounding). */
const CLOCK_TOLERANCE_MS = 5_000;

/**
 * How long the patron has left to answer a request. The server's deadline
 * is read against the patron's clock when that clock agrees with the server's
 * (the request was made "now" by it, give or take); a clock that is off is
 * not trusted, and the time is counted from when the widget first saw the
 * request instead.
 */
export function timeLeftMs(
  session: Pick<ScreenshareSession, 'requestedAt' | 'expiresAt'>,
  now: number,
  firstSeenAt: number,
): number | null {
  if (session.expiresAt === null) return null;
  const total = session.expiresAt - session.requestedAt;
  const clockAgrees =
    firstSeenAt >= session.requestedAt - CLOCK_TOLERANCE_MS && firstSeenAt <= session.expiresAt + CLOCK_TOLERANCE_MS;
  const left = clockAgrees ? session.expiresAt - now : total - (now - firstSeenAt);
  return Math.max(0, Math.min(total, left));
}

/** "1:05 left to answer", "0:09 left to answer". */
export function timeLeftText(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')} left to answer`;
}
