import type { Kysely } from 'kysely';
import type { UnclaimedChat } from '../../src/domain/escalation';
import {
  DEFAULT_ESCALATION_LADDER,
  type EscalationLadder,
  type EscalationStep,
  escalationLadderSchema,
  escalationStepSchema,
} from '../../src/protocol/escalation';
import type { DeskbellTables } from '../storage/schema';

/** One department's dark-desk watch, as stored. */
export interface DepartmentWatch {
  coveredAt: number;
  alarmSince: number | null;
}

/** A stored ladder that does not parse (edited by hand?) falls back to the defaults rather than stopping the watch. */
function parseLadder(text: string | null): EscalationLadder {
  if (!text) return DEFAULT_ESCALATION_LADDER;
  try {
    const parsed = escalationLadderSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : DEFAULT_ESCALATION_LADDER;
  } catch {
    return DEFAULT_ESCALATION_LADDER;
  }
}

const stepOf = (value: number): EscalationStep => {
  const parsed = escalationStepSchema.safeParse(value);
  return parsed.success ? parsed.data : 0;
};

/**
 * What the desk watch reads and writes: each department's ladder, the
 * waiting chats that may climb it, and each department's coverage. Every
 * write that acts on something is conditional on the state it was decided
 * on, so of two nodes (or a node and its own restart) exactly one acts.
 */
export class DeskWatchRepository {
  constructor(private readonly db: Kysely<DeskbellTables>) {}

  /** Every active department's ladder (the defaults where none was set). */
  async ladders(): Promise<Map<string, EscalationLadder>> {
    const rows = await this.db
      .selectFrom('departments')
      .select(['id', 'escalation_json'])
      .where('active', '=', 1)
      .execute();
    return new Map(rows.map((row) => [row.id, parseLadder(row.escalation_json)]));
  }

  async ladderOf(departmentId: string): Promise<EscalationLadder> {
    const row = await this.db
      .selectFrom('departments')
      .select('escalation_json')
      .where('id', '=', departmentId)
      .executeTakeFirst();
    return parseLadder(row?.escalation_json ?? null);
  }

  /** Null restores the defaults. */
  async setLadder(departmentId: string, ladder: EscalationLadder | null): Promise<void> {
    await this.db
      .updateTable('departments')
      .set({ escalation_json: ladder ? JSON.stringify(ladder) : null })
      .where('id', '=', departmentId)
      .execute();
  }

  /**
   * Chats waiting unclaimed since at least `waitingSinceAtMost`, below the top
   * rung, whose patron is here (one who stepped away is not kept waiting by
   * the desk). Never claimed: a chat handed back or transferred was answered once.
   */
  async listUnclaimed(waitingSinceAtMost: number): Promise<UnclaimedChat[]> {
    const rows = await this.db
      .selectFrom('chats')
      .select(['id', 'department_id', 'created_at', 'escalation_step'])
      .where('status', '=', 'waiting')
      .where('claimed_at', 'is', null)
      .where('patron_away_since', 'is', null)
      .where('escalation_step', '<', 3)
      .where('created_at', '<=', waitingSinceAtMost)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      departmentId: row.department_id,
      waitingSince: row.created_at,
      step: stepOf(row.escalation_step),
    }));
  }

  /**
   * Moves a chat from rung `from` to `to` if it is still waiting unclaimed on
   * `from`; true for the one writer that did. Past T2 the backup department
   * (if any) is written in the same statement.
   */
  async climb(
    chatId: string,
    from: EscalationStep,
    to: EscalationStep,
    backupDepartmentId: string | null,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('chats')
      .set({ escalation_step: to, ...(backupDepartmentId ? { backup_department_id: backupDepartmentId } : {}) })
      .where('id', '=', chatId)
      .where('status', '=', 'waiting')
      .where('claimed_at', 'is', null)
      .where('escalation_step', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async watches(): Promise<Map<string, DepartmentWatch>> {
    const rows = await this.db.selectFrom('department_watch').selectAll().execute();
    return new Map(
      rows.map((row) => [
        row.department_id,
        { coveredAt: Number(row.covered_at), alarmSince: row.alarm_since === null ? null : Number(row.alarm_since) },
      ]),
    );
  }

  /** Starts watching a department (counted as covered from now); nothing when it is watched already. */
  async startWatching(departmentId: string, now: number): Promise<void> {
    await this.db
      .insertInto('department_watch')
      .values({ department_id: departmentId, covered_at: now, alarm_since: null })
      .onConflict((oc) => oc.column('department_id').doNothing())
      .execute();
  }

  /** Someone is Online for it now. */
  async markCovered(departmentId: string, now: number): Promise<void> {
    await this.db
      .updateTable('department_watch')
      .set({ covered_at: now })
      .where('department_id', '=', departmentId)
      .where('covered_at', '<', now)
      .execute();
  }

  /** Raises the alarm unless it stands already; true for the one writer that raised it. */
  async raiseAlarm(departmentId: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('department_watch')
      .set({ alarm_since: now })
      .where('department_id', '=', departmentId)
      .where('alarm_since', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Clears a standing alarm; true for the one writer that cleared it. */
  async clearAlarm(departmentId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('department_watch')
      .set({ alarm_since: null })
      .where('department_id', '=', departmentId)
      .where('alarm_since', 'is not', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
