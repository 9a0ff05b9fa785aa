import type BetterSqlite3 from 'better-sqlite3';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import { runsOnPostgres, sqliteFileOf } from '../storage/database';
import { CompiledOnce } from '../storage/compiled-query';
import type { PipelinedStatement } from '../storage/pipelined-writes';
import type { DeskbellTables } from '../storage/schema';
import { openForPatron, writableBy } from './chat-access-query';

/** A message row as stored, its sequence number still to be taken from the chat. */
export type UnnumberedRow = {
  chat_id: string;
  id: string;
  author_kind: string;
  author_id: string | null;
  author_name: string;
  body: string;
  created_at: number;
  event: string | null;
};

/**
 * Who may still write, checked in the same statement that takes the sequence
 * number: an operator while the access rule says so (an active chat they own
 * or take part in), the patron (and the system's lines about them) until the
 * chat has ended. The rules are chat-access-query.ts's. `record` is the desk's
 * own account of something that happened in the chat, which may come just
 * after it ended (a screenshare that ended with the chat, and how long it lasted).
 */
export type Writer = { operatorId: string } | { patron: true } | { record: true };

/**
 * What one send's statements found: the sequence number the new message got;
 * or that nothing was written, because the guard refused or because a message
 * with this id is stored already (the caller looks which).
 */
export type SendOutcome = { seq: number } | { written: false };

/**
 * The statements of one send, compiled once, for the engine the store runs
 * on. Both take the chat's next sequence number in the conditional statement
 * that checks the guard (chat-access-query.ts), and leave no hole in the
 * sequence when the id is stored already.
 */
export interface SendStatements {
  send(trx: Kysely<DeskbellTables>, row: UnnumberedRow, writer: Writer): Promise<SendOutcome>;
}

export function sendStatementsFor(db: Kysely<DeskbellTables>): SendStatements {
  return runsOnPostgres(db) ? new PostgresSend(db) : new SqliteSend(db);
}

/** PostgreSQL's are also sent by the store itself, a whole group in one round trip (message-store.ts). */
export function postgresSendFor(statements: SendStatements): PostgresSend | undefined {
  return statements instanceof PostgresSend ? statements : undefined;
}

/** SQLite's statements also run at once on the file, for a whole group in one turn (message-store.ts). */
export function sqliteSendFor(statements: SendStatements): SqliteSend | undefined {
  return statements instanceof SqliteSend ? statements : undefined;
}

type Guarded = { chatId: string; operatorId: string };
type WriterKind = 'operator' | 'patron' | 'record';
const kindOf = (writer: Writer): WriterKind =>
  'operatorId' in writer ? 'operator' : 'patron' in writer ? 'patron' : 'record';
const WRITERS: Record<WriterKind, Writer> = {
  operator: { operatorId: '' },
  patron: { patron: true },
  record: { record: true },
};
const guardOf = (writer: Writer, operatorId: string): Expression<SqlBool> =>
  'operatorId' in writer ? writableBy(operatorId) : 'patron' in writer ? openForPatron() : sql<SqlBool>`true`;

/**
 * SQLite: `UPDATE chats SET last_seq = last_seq + 1 ... RETURNING`, then the
 * insert. SQLite has one writer at a time, so when the insert finds the id
 * stored (a retry), giving the sequence number back at once is exact.
 */
class SqliteSend implements SendStatements {
  private readonly bump: Record<WriterKind, CompiledOnce<Guarded, { last_seq: number }>>;
  private readonly unbump: CompiledOnce<{ chatId: string }, unknown>;
  private readonly insert: CompiledOnce<UnnumberedRow & { seq: number }, { id: string }>;

  constructor(db: Kysely<DeskbellTables>) {
    const bump = (writer: Writer) =>
      new CompiledOnce<Guarded, { last_seq: number }>(db, (query, v) =>
        query
          .updateTable('chats')
          .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
          .where('id', '=', v.chatId)
          .where(guardOf(writer, v.operatorId))
          .returning('last_seq'),
      );
    this.bump = { operator: bump(WRITERS.operator), patron: bump(WRITERS.patron), record: bump(WRITERS.record) };
    this.unbump = new CompiledOnce(db, (query, v) =>
      query
        .updateTable('chats')
        .set((eb) => ({ last_seq: eb('last_seq', '-', 1) }))
        .where('id', '=', v.chatId),
    );
    this.insert = new CompiledOnce(db, (query, v) =>
      query
        .insertInto('messages')
        .values({
          chat_id: v.chat_id,
          id: v.id,
          seq: v.seq,
          author_kind: v.author_kind,
          author_id: v.author_id,
          author_name: v.author_name,
          body: v.body,
          created_at: v.created_at,
          event: v.event,
        })
        .onConflict((oc) => oc.columns(['chat_id', 'id']).doNothing())
        .returning('id'),
    );
  }

  send(trx: Kysely<DeskbellTables>, row: UnnumberedRow, writer: Writer): Promise<SendOutcome> {
    const file = sqliteFileOf(trx);
    if (!file) throw new Error('SQLite sends need the file under the database (openStorage)');
    // The transaction holds the one connection: its statements may run on the file directly.
    return Promise.resolve(this.sendNow(trx, file, row, writer));
  }

  /**
   * The send's statements at once on the file, inside a transaction the caller opened on it
   * (and while it holds the database's one connection); shown to `db`'s plugins.
   */
  sendNow(db: Kysely<DeskbellTables>, file: BetterSqlite3.Database, row: UnnumberedRow, writer: Writer): SendOutcome {
    const guarded = { chatId: row.chat_id, operatorId: 'operatorId' in writer ? writer.operatorId : '' };
    const seq = this.bump[kindOf(writer)].runOnFile(db, file, guarded)[0]?.last_seq;
    if (seq === undefined) return { written: false };
    if (this.insert.runOnFile(db, file, { ...row, seq }).length > 0) return { seq };
    this.unbump.runOnFile(db, file, { chatId: row.chat_id });
    return { written: false };
  }
}

/**
 * PostgreSQL: one statement, one round trip. The insert reads the chat row
 * `FOR UPDATE` (waiting for any other writer of the chat, then seeing its
 * latest `last_seq`) with the guard in the same WHERE, and the chat is bumped
 * only through the row the insert returns: an id stored already (by this
 * transaction or one that just committed elsewhere) inserts nothing and so
 * bumps nothing.
 *
 *   WITH inserted AS (
 *     INSERT INTO messages (...) SELECT $id, ..., chats.last_seq + 1 FROM chats
 *     WHERE chats.id = $chat AND <guard> FOR UPDATE
 *     ON CONFLICT (chat_id, id) DO NOTHING RETURNING seq)
 *   UPDATE chats SET last_seq = inserted.seq FROM inserted WHERE chats.id = $chat RETURNING chats.last_seq
 */
class PostgresSend implements SendStatements {
  private readonly statements: Record<WriterKind, CompiledOnce<UnnumberedRow & Guarded, { last_seq: number }>>;

  constructor(db: Kysely<DeskbellTables>) {
    const statement = (writer: Writer) =>
      new CompiledOnce<UnnumberedRow & Guarded, { last_seq: number }>(db, (query, v) =>
        query
          .with('inserted', (q) =>
            q
              .insertInto('messages')
              .columns([
                'chat_id',
                'id',
                'seq',
                'author_kind',
                'author_id',
                'author_name',
                'body',
                'created_at',
                'event',
              ])
              .expression((eb) =>
                eb
                  .selectFrom('chats')
                  .select([
                    eb.val(v.chat_id).as('chat_id'),
                    eb.val(v.id).as('id'),
                    sql<number>`chats.last_seq + 1`.as('seq'),
                    eb.val(v.author_kind).as('author_kind'),
                    eb.cast<string | null>(eb.val(v.author_id), 'text').as('author_id'),
                    eb.val(v.author_name).as('author_name'),
                    eb.val(v.body).as('body'),
                    eb.cast<number>(eb.val(v.created_at), 'bigint').as('created_at'),
                    eb.cast<string | null>(eb.val(v.event), 'text').as('event'),
                  ])
                  .where('chats.id', '=', v.chat_id)
                  .where(guardOf(writer, v.operatorId))
                  .forUpdate(),
              )
              .onConflict((oc) => oc.columns(['chat_id', 'id']).doNothing())
              .returning('seq'),
          )
          .updateTable('chats')
          .from('inserted')
          .set((eb) => ({ last_seq: eb.ref('inserted.seq') }))
          .where('chats.id', '=', v.chat_id)
          .returning('chats.last_seq'),
      );
    this.statements = {
      operator: statement(WRITERS.operator),
      patron: statement(WRITERS.patron),
      record: statement(WRITERS.record),
    };
  }

  async send(trx: Kysely<DeskbellTables>, row: UnnumberedRow, writer: Writer): Promise<SendOutcome> {
    const { rows } = await this.statements[kindOf(writer)].execute(trx, valuesOf(row, writer));
    return outcomeOf(rows);
  }

  /**
   * The same statement, for a caller that sends it in a pipelined transaction (pipelined-writes.ts):
   * its SQL, name and values (shown to `db`'s plugins now), and what its rows say.
   */
  statementOf(db: Kysely<DeskbellTables>, row: UnnumberedRow, writer: Writer): PipelinedStatement {
    return this.statements[kindOf(writer)].runOf(db, valuesOf(row, writer));
  }

  outcomeOf(rows: readonly unknown[]): SendOutcome {
    return outcomeOf(rows as ReadonlyArray<{ last_seq: number }>);
  }
}

const valuesOf = (row: UnnumberedRow, writer: Writer): UnnumberedRow & Guarded => ({
  ...row,
  chatId: row.chat_id,
  operatorId: 'operatorId' in writer ? writer.operatorId : '',
});

function outcomeOf(rows: ReadonlyArray<{ last_seq: number }>): SendOutcome {
  const seq = rows[0]?.last_seq;
  return seq === undefined ? { written: false } : { seq: Number(seq) };
}
