import type { Kysely, Selectable } from 'kysely';
import { STAFF_NOTE_KINDS, type StaffNote } from '../../src/protocol/desk';
import { newId } from '../storage/ids';
import type { ChatStaffNotesTable, DeskbellTables } from '../storage/schema';

const KINDS = new Set<string>(STAFF_NOTE_KINDS);

function toNote(row: Selectable<ChatStaffNotesTable>): StaffNote | undefined {
  if (!KINDS.has(row.kind)) return undefined; // a kind a newer server wrote: left out, not misread
  return {
    id: row.id,
    chatId: row.chat_id,
    at: Number(row.at),
    authorId: row.author_id,
    authorName: row.author_name,
    kind: row.kind as StaffNote['kind'],
    body: row.body,
  };
}

/**
 * Staff-only lines of a patron chat: a supervisor's whisper, "watching", a
 * colleague's status set from the Desk view, a follow-up left. Kept apart from
 * the messages table, which the patron's side reads, so no query of the
 * patron's can ever return one.
 */
export class StaffNoteRepository {
  constructor(private readonly db: Kysely<DeskbellTables>) {}

  async add(note: Omit<StaffNote, 'id'>): Promise<StaffNote> {
    const stored = { ...note, id: newId() };
    await this.db
      .insertInto('chat_staff_notes')
      .values({
        id: stored.id,
        chat_id: stored.chatId,
        at: stored.at,
        author_id: stored.authorId,
        author_name: stored.authorName,
        kind: stored.kind,
        body: stored.body,
      })
      .execute();
    return stored;
  }

  async listOf(chatId: string): Promise<StaffNote[]> {
    const rows = await this.db
      .selectFrom('chat_staff_notes')
      .selectAll()
      .where('chat_id', '=', chatId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    return rows.flatMap((row) => toNote(row) ?? []);
  }
}
