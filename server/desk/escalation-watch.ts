import { dueEscalations, rungsPassed } from '../../src/domain/escalation';
import { DEFAULT_ESCALATION_LADDER, type EscalationLadder } from '../../src/protocol/escalation';
import type { ChatSummary } from '../../src/protocol/models';
import type { DeskbellContext } from '../context';
import { rooms } from '../sockets/rooms';

/**
 * Climbs the escalation ladders: every chat waiting unclaimed past a rung of
 * its department's ladder is moved up by one conditional write (the node
 * whose write took tells everyone, once; a restart finds the rung stored),
 * then the desk raises its voice for it:
 * - T1: its department's consoles chirp more often and show the pop-up again;
 * - T2: the supervisors on duty are alerted, and the backup department (if
 *   set) sees the chat in its queue and may claim it;
 * - T3: the patron's widget offers to leave the question for a reply by email.
 */
export async function climbEscalationLadders(ctx: DeskbellContext, now: number): Promise<void> {
  const ladders = await ctx.repos.deskWatch.ladders();
  const ladderOf = (departmentId: string): EscalationLadder => ladders.get(departmentId) ?? DEFAULT_ESCALATION_LADDER;
  // Only chats old enough for the lowest first rung can be due: one range of the queue index.
  const lowestT1 = Math.min(DEFAULT_ESCALATION_LADDER.t1Seconds, ...[...ladders.values()].map((l) => l.t1Seconds));
  const waiting = await ctx.repos.deskWatch.listUnclaimed(now - lowestT1 * 1000);
  for (const due of dueEscalations(waiting, ladderOf, now)) {
    const ladder = ladderOf(due.departmentId);
    const backup =
      due.to >= 2 && ladder.backupDepartmentId && ladder.backupDepartmentId !== due.departmentId
        ? ladder.backupDepartmentId
        : null;
    if (!(await ctx.repos.deskWatch.climb(due.chatId, due.from, due.to, backup))) continue;
    const chat = await ctx.repos.chats.find(due.chatId);
    if (!chat) continue;
    for (const rung of rungsPassed(due.from, due.to)) announceRung(ctx, chat, rung, backup);
  }
}

function announceRung(ctx: DeskbellContext, chat: ChatSummary, rung: 1 | 2 | 3, backup: string | null): void {
  const home = rooms.department(chat.departmentId);
  if (rung === 2 && backup) {
    // The backup department's consoles have never listed it: a new chat for them (with its pop-up and chirp).
    ctx.operators.to(rooms.department(backup)).except(home).emit('chat:new', chat);
  }
  const targets = [home, rooms.supervisors(), ...(backup && rung >= 2 ? [rooms.department(backup)] : [])];
  ctx.operators.to(targets).emit('chat:escalated', { chat, step: rung });
  if (rung === 3) ctx.patrons.to(rooms.chat(chat.id)).emit('chat:follow-up-offered', { chatId: chat.id });
  ctx.log.info(
    { chatId: chat.id, departmentId: chat.departmentId, rung },
    'a waiting chat climbed its escalation ladder',
  );
}
