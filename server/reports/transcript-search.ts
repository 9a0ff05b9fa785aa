import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { DeskbellTables } from '../storage/schema';

/**
 * Full-text search of ended chats, with what each database offers: SQLite's FTS5 (porter stemming) and
 * PostgreSQL's tsvector with a GIN index ('english' stemming), behind these two functions. A chat's
 * document (its question, the patron's name and email, every message) is written once, when it ends,
 * in the same transaction; the table is made by migration 0011.
 */

const isPostgres = (db: Kysely<DeskbellTables>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** The most text of one chat that is indexed; a longer transcript is indexed from its start. */
const MAX_DOCUMENT = 200_000;

export async function indexTranscript(db: Kysely<DeskbellTables>, chatId: string): Promise<void> {
  const chat = await db
    .selectFrom('chats')
    .select(['question', 'patron_name', 'patron_email'])
    .where('id', '=', chatId)
    .executeTakeFirst();
  if (!chat) return;
  const messages = await db
    .selectFrom('messages')
    .select('body')
    .where('chat_id', '=', chatId)
    .where('author_kind', '!=', 'system')
    .orderBy('seq')
    .execute();
  const document = [chat.question, chat.patron_name ?? '', chat.patron_email ?? '', ...messages.map((m) => m.body)]
    .join('\n')
    .slice(0, MAX_DOCUMENT);
  if (isPostgres(db)) {
    await sql`INSERT INTO transcript_search (chat_id, document) VALUES (${chatId}, to_tsvector('english', ${document}))
      ON CONFLICT (chat_id) DO UPDATE SET document = excluded.document`.execute(db);
  } else {
    await sql`DELETE FROM transcript_search WHERE chat_id = ${chatId}`.execute(db);
    await sql`INSERT INTO transcript_search (chat_id, body) VALUES (${chatId}, ${document})`.execute(db);
  }
}

/**
 * Words a person typed, as each engine's query: every word must appear (prefix match on the last
 * one, as a search box expects). Punctuation is dropped, so nothing typed is read as query syntax.
 */
export function searchTerms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
}

/** The condition "this chat's document matches `text`", for a query over `chat_stats` (or `chats`). */
export function matchesText(db: Kysely<DeskbellTables>, text: string, chatIdColumn: string) {
  const terms = searchTerms(text);
  if (terms.length === 0) return sql<boolean>`1 = 1`;
  const column = sql.ref(chatIdColumn);
  if (isPostgres(db)) {
    const query = terms.map((term, index) => (index === terms.length - 1 ? `${term}:*` : term)).join(' & ');
    return sql<boolean>`${column} IN (SELECT chat_id FROM transcript_search WHERE document @@ to_tsquery('english', ${query}))`;
  }
  const query = terms.map((term, index) => (index === terms.length - 1 ? `"${term}"*` : `"${term}"`)).join(' ');
  return sql<boolean>`${column} IN (SELECT chat_id FROM transcript_search WHERE transcript_search MATCH ${query})`;
}
