import type { Kysely } from 'kysely';
import type { CannedMessage } from '../../src/protocol/models';
import { newId } from '../storage/ids';
import type { DeskbellTables } from '../storage/schema';

export interface CannedDraft {
  shortcut: string;
  body: string;
  /** Personal: the owner; shared: the department. Exactly one is set. */
  ownerId: string | null;
  departmentId: string | null;
}

/** Canned messages: an operator's own, and those a department shares. */
export class CannedMessageRepository {
  constructor(private readonly db: Kysely<DeskbellTables>) {}

  /** The account's personal ones and the shared ones of the given departments, by shortcut. */
  async listFor(accountId: string, departmentIds: readonly string[]): Promise<CannedMessage[]> {
    const rows = await this.db
      .selectFrom('canned_messages')
      .selectAll()
      .where((eb) =>
        departmentIds.length === 0
          ? eb('owner_id', '=', accountId)
          : eb.or([eb('owner_id', '=', accountId), eb('department_id', 'in', [...departmentIds])]),
      )
      .orderBy('shortcut')
      .orderBy('id')
      .execute();
    return rows.map(toCanned);
  }

  async find(id: string): Promise<CannedMessage | undefined> {
    const row = await this.db.selectFrom('canned_messages').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toCanned(row) : undefined;
  }

  async create(draft: CannedDraft, now: number): Promise<CannedMessage> {
    const row = {
      id: newId(),
      owner_id: draft.ownerId,
      department_id: draft.departmentId,
      shortcut: draft.shortcut,
      body: draft.body,
      created_at: now,
      updated_at: now,
    };
    await this.db.insertInto('canned_messages').values(row).execute();
    return toCanned(row);
  }

  async update(id: string, change: { shortcut: string; body: string }, now: number): Promise<CannedMessage> {
    await this.db
      .updateTable('canned_messages')
      .set({ shortcut: change.shortcut, body: change.body, updated_at: now })
      .where('id', '=', id)
      .execute();
    const saved = await this.find(id);
    if (!saved) throw new Error(`canned message ${id} vanished after saving`);
    return saved;
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('canned_messages').where('id', '=', id).execute();
  }
}

function toCanned(row: {
  id: string;
  owner_id: string | null;
  department_id: string | null;
  shortcut: string;
  body: string;
  updated_at: number;
}): CannedMessage {
  return {
    id: row.id,
    scope: row.department_id ? 'department' : 'personal',
    ownerId: row.owner_id,
    departmentId: row.department_id,
    shortcut: row.shortcut,
    body: row.body,
    updatedAt: row.updated_at,
  };
}
