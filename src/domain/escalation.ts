import type { EscalationLadder, EscalationStep } from '../protocol/escalation';

/**
 * Which rung of its department's ladder a waiting chat has reached: the one
 * home of that rule. The server's desk watch asks it for every unclaimed
 * chat; the console colours the Desk view with it. Pure: given the time.
 */
export function escalationStepAt(ladder: EscalationLadder, waitingSince: number, now: number): EscalationStep {
  const waitedSeconds = (now - waitingSince) / 1000;
  if (waitedSeconds >= ladder.t3Seconds) return 3;
  if (waitedSeconds >= ladder.t2Seconds) return 2;
  if (waitedSeconds >= ladder.t1Seconds) return 1;
  return 0;
}

/** A chat waiting unclaimed, as the desk watch sees it. */
export interface UnclaimedChat {
  id: string;
  departmentId: string;
  /** When it began waiting (its place in the queue). */
  waitingSince: number;
  /** The rung already acted on (stored, so a restart does not act twice). */
  step: EscalationStep;
}

export interface DueEscalation {
  chatId: string;
  departmentId: string;
  from: EscalationStep;
  to: EscalationStep;
}

/**
 * The chats that climbed since they were last acted on. A chat can skip
 * rungs (the server was down through T2): the caller acts on each rung it
 * passed, once, in order.
 */
export function dueEscalations(
  chats: readonly UnclaimedChat[],
  ladderOf: (departmentId: string) => EscalationLadder,
  now: number,
): DueEscalation[] {
  const due: DueEscalation[] = [];
  for (const chat of chats) {
    const to = escalationStepAt(ladderOf(chat.departmentId), chat.waitingSince, now);
    if (to > chat.step) due.push({ chatId: chat.id, departmentId: chat.departmentId, from: chat.step, to });
  }
  return due;
}

/** The rungs passed going from `from` to `to`, lowest first: 0 -> 3 is [1, 2, 3]. */
export function rungsPassed(from: EscalationStep, to: EscalationStep): Array<1 | 2 | 3> {
  const rungs: Array<1 | 2 | 3> = [];
  for (let step = from + 1; step <= to; step += 1) rungs.push(step as 1 | 2 | 3);
  return rungs;
}

/** How the Desk view colours a wait: calm before T1, a warning past it, urgent past T2. */
export function waitColour(step: EscalationStep): 'calm' | 'warning' | 'urgent' {
  if (step >= 2) return 'urgent';
  if (step === 1) return 'warning';
  return 'calm';
}
