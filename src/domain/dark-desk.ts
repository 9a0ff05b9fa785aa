/**
 * The dark-desk alarm: during a department's hours of service, nobody has
 * been Online for it for too long, so patrons may be trying to reach a desk
 * nobody answers. The one home of that rule; the server's desk watch runs it
 * for every department on one node (a lease), and the stored alarm makes a
 * restart neither forget nor repeat it. Pure: given the time and the facts.
 */

/** Five minutes, unless the server is told otherwise (DESKBELL_DARK_DESK_SECONDS). */
export const DEFAULT_DARK_DESK_MS = 5 * 60_000;

export interface CoverageFacts {
  /** In hours of service now. */
  open: boolean;
  /** When the current stretch of service began; null when always open (no hours). */
  openSince: number | null;
  /** Someone is Online for the department right now (any server node). */
  someoneOnline: boolean;
  /** The last moment the desk watch saw someone Online for it, or when it began watching. */
  coveredAt: number;
  /** When the alarm was raised, while it stands; null otherwise. */
  alarmSince: number | null;
}

export type CoverageDecision =
  | { kind: 'covered' }
  /** Dark, but not for long enough yet (or the alarm already stands). */
  | { kind: 'dark'; darkSince: number }
  | { kind: 'raise'; darkSince: number }
  /** The alarm stands but someone is Online again, or the desk closed. */
  | { kind: 'clear' }
  | { kind: 'closed' };

/** When the desk went dark: the later of the stretch's opening and the last time anyone covered it. */
export function darkSince(facts: CoverageFacts): number {
  return facts.openSince === null ? facts.coveredAt : Math.max(facts.openSince, facts.coveredAt);
}

export function coverageDecision(facts: CoverageFacts, now: number, thresholdMs: number): CoverageDecision {
  if (facts.someoneOnline) return facts.alarmSince !== null ? { kind: 'clear' } : { kind: 'covered' };
  if (!facts.open) return facts.alarmSince !== null ? { kind: 'clear' } : { kind: 'closed' };
  const since = darkSince(facts);
  if (facts.alarmSince === null && now - since >= thresholdMs) return { kind: 'raise', darkSince: since };
  return { kind: 'dark', darkSince: since };
}

/** Someone Online outside hours: not an alarm, but the Desk view shows it (a forgotten Online at closing time). */
export function onlineOutsideHours(facts: Pick<CoverageFacts, 'open' | 'someoneOnline'>): boolean {
  return facts.someoneOnline && !facts.open;
}
