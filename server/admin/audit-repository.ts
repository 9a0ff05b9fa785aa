import type { Kysely } from 'kysely';
import type { AuditEntry } from '../../src/protocol/admin';
import { newId } from '../storage/ids';
import type { DeskbellTables } from '../storage/schema';

/** Who made a change: a signed-in account, or the command line on the server's machine. */
export interface AuditActor {
  id: string | null;
  name: string;
}

export const COMMAND_LINE_ACTOR: AuditActor = { id: null, name: 'deskbell admin (command line)' };

export interface AuditRecord {
  action: string;
  targetKind: string;
  targetId: string | null;
  before?: unknown;
  after?: unknown;
}

type Executor = Pick<Kysely<DeskbellTables>, 'insertInto'>;

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The append-only record of administrative changes: written beside each change, read by the Audit log. */
export class AuditRepository {
  constructor(private readonly db: Kysely<DeskbellTables>) {}

  async record(actor: AuditActor, entry: AuditRecord, at: number, executor: Executor = this.db): Promise<void> {
    await executor
      .insertInto('audit_log')
      .values({
        id: newId(),
        at,
        actor_id: actor.id,
        actor_name: actor.name,
        action: entry.action,
        target_kind: entry.targetKind,
        target_id: entry.targetId,
        before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
        after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
      })
      .execute();
  }

  /** The newest entries first. */
  async listNewest(limit: number): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      at: Number(row.at),
      actorId: row.actor_id,
      actorName: row.actor_name,
      action: row.action,
      targetKind: row.target_kind,
      targetId: row.target_id,
      before: parseJson(row.before_json),
      after: parseJson(row.after_json),
    }));
  }
}
