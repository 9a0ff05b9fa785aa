import type BetterSqlite3 from 'better-sqlite3';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import { runsOnPostgres, sqliteFileOf } from '../storage/database';
import { CompiledOnce } from '../storage/compiled-query';
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

/** SQLite's statements also run at once on the file, for a whole group in one turn (message-store.ts). */
export function sqliteSendFor(statements: SendStatements): SqliteSend | undefined {
  return statements instanceof SqliteSend ? statements : undefined;
}

/** PostgreSQL's also write a whole group of sends in one statement (message-store.ts). */
export function postgresSendFor(statements: SendStatements): PostgresSend | undefined {
  return statements instanceof PostgresSend ? statements : undefined;
}

/** One send of a group: its row and who writes it. */
export interface GroupSend {
  row: UnnumberedRow;
  writer: Writer;
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
    this.group = groupStatement(db);
  }

  private readonly group: CompiledOnce<GroupValues, { chat_id: string; id: string; seq: number }>;

  /**
   * A whole group of sends (distinct ids) in one statement and one round trip, committed on its own
   * (no BEGIN, no COMMIT): the sequence number each new message got, or undefined where nothing was
   * written (refused, or stored already: the caller looks which). Should an id turn out to have been
   * stored by another process between the statement's start and its lock on the chat, the statement
   * fails whole and writes nothing (the caller writes the group again the one-send way).
   */
  async sendGroup(db: Kysely<DeskbellTables>, sends: readonly GroupSend[]): Promise<Array<number | undefined>> {
    const values: GroupValues = {
      chatIds: sends.map(({ row }) => row.chat_id),
      ids: sends.map(({ row }) => row.id),
      authorKinds: sends.map(({ row }) => row.author_kind),
      authorIds: sends.map(({ row }) => row.author_id),
      authorNames: sends.map(({ row }) => row.author_name),
      bodies: sends.map(({ row }) => row.body),
      createdAts: sends.map(({ row }) => row.created_at),
      events: sends.map(({ row }) => row.event),
      writers: sends.map(({ writer }) => kindOf(writer)),
      operatorIds: sends.map(({ writer }) => ('operatorId' in writer ? writer.operatorId : '')),
    };
    // Shown to plugins once per send it writes, as the one-send statements would be (tests count writes).
    const { rows } = await this.group.execute(db, values, sends.length);
    const seqs = new Map(rows.map((row) => [`${row.chat_id}\u0000${row.id}`, Number(row.seq)]));
    return sends.map(({ row }) => seqs.get(`${row.chat_id}\u0000${row.id}`));
  }

  async send(trx: Kysely<DeskbellTables>, row: UnnumberedRow, writer: Writer): Promise<SendOutcome> {
    const values = { ...row, chatId: row.chat_id, operatorId: 'operatorId' in writer ? writer.operatorId : '' };
    const { rows } = await this.statements[kindOf(writer)].execute(trx, values);
    const seq = rows[0]?.last_seq;
    return seq === undefined ? { written: false } : { seq: Number(seq) };
  }
}

/** A group's sends as columns, one array each, unnested into rows by the statement. */
type GroupValues = {
  chatIds: string[];
  ids: string[];
  authorKinds: string[];
  authorIds: Array<string | null>;
  authorNames: string[];
  bodies: string[];
  createdAts: number[];
  events: Array<string | null>;
  writers: WriterKind[];
  operatorIds: string[];
};

type InputRow = UnnumberedRow & { writer: WriterKind; operator_id: string; ord: number };

/**
 * PostgreSQL's group of sends, one statement:
 *
 *   WITH input AS (SELECT * FROM unnest($chat_ids, $ids, ...) WITH ORDINALITY AS i(...)),
 *     locked AS MATERIALIZED (SELECT * FROM chats WHERE id IN (SELECT chat_id FROM input) ORDER BY id FOR UPDATE),
 *     fresh AS (SELECT input.*, chats.last_seq + row_number() OVER (PARTITION BY chat_id ORDER BY ord) AS seq
 *       FROM input JOIN locked AS chats ON chats.id = input.chat_id
 *       WHERE <no message with this id> AND <the writer's guard>),
 *     bumped AS (UPDATE chats SET last_seq = top.seq FROM (SELECT chat_id, max(seq) ... FROM fresh GROUP BY chat_id) top ...)
 *   INSERT INTO messages (...) SELECT ... FROM fresh
 *   ON CONFLICT (chat_id, id) DO UPDATE SET seq = cast('deskbell: ...' || excluded.id AS integer)
 *   RETURNING chat_id, id, seq
 *
 * The chats are locked in id order (as the one-send way, sorted by chat, takes them), and their
 * `last_seq` is read under the lock, so each chat's new messages follow on in arrival order. The
 * guards are chat-access-query.ts's, on the locked rows. An id stored by another process after
 * the statement began is not seen by `fresh` and meets the conflict clause, whose cast fails: the
 * whole statement is undone rather than leave a hole, and the caller writes the group the one-send way.
 */
function groupStatement(
  db: Kysely<DeskbellTables>,
): CompiledOnce<GroupValues, { chat_id: string; id: string; seq: number }> {
  return new CompiledOnce<GroupValues, { chat_id: string; id: string; seq: number }>(db, (query, v) =>
    query
      .with('input', (q) =>
        q
          .selectFrom(
            sql<InputRow>`unnest(${v.chatIds}::text[], ${v.ids}::text[], ${v.authorKinds}::text[], ${v.authorIds}::text[], ${v.authorNames}::text[], ${v.bodies}::text[], ${v.createdAts}::bigint[], ${v.events}::text[], ${v.writers}::text[], ${v.operatorIds}::text[]) with ordinality`.as<'i'>(
              sql`i(chat_id, id, author_kind, author_id, author_name, body, created_at, event, writer, operator_id, ord)`,
            ),
          )
          .selectAll('i'),
      )
      .with(
        (cte) => cte('locked').materialized(),
        (q) =>
          q
            .selectFrom('chats')
            .selectAll('chats')
            .where('chats.id', 'in', q.selectFrom('input').select('input.chat_id'))
            .orderBy('chats.id')
            .forUpdate(),
      )
      .with('fresh', (q) =>
        q
          .selectFrom('input')
          .innerJoin('locked as chats', 'chats.id', 'input.chat_id')
          .select([
            'input.chat_id',
            'input.id',
            'input.author_kind',
            'input.author_id',
            'input.author_name',
            'input.body',
            'input.created_at',
            'input.event',
            sql<number>`chats.last_seq + row_number() over (partition by input.chat_id order by input.ord)`.as('seq'),
          ])
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('messages')
                  .select('messages.id')
                  .whereRef('messages.chat_id', '=', 'input.chat_id')
                  .whereRef('messages.id', '=', 'input.id'),
              ),
            ),
          )
          .where((eb) =>
            eb.or([
              eb.and([eb('input.writer', '=', 'patron'), openForPatron()]),
              eb.and([eb('input.writer', '=', 'operator'), writableBy(eb.ref('input.operator_id'))]),
              eb('input.writer', '=', 'record'),
            ]),
          ),
      )
      .with('bumped', (q) =>
        q
          .updateTable('chats')
          .from(
            q
              .selectFrom('fresh')
              .select(['fresh.chat_id', (eb) => eb.fn.max('fresh.seq').as('seq')])
              .groupBy('fresh.chat_id')
              .as('top'),
          )
          .set((eb) => ({ last_seq: eb.ref('top.seq') }))
          .whereRef('chats.id', '=', 'top.chat_id'),
      )
      .insertInto('messages')
      .columns(['chat_id', 'id', 'seq', 'author_kind', 'author_id', 'author_name', 'body', 'created_at', 'event'])
      .expression((eb) =>
        eb
          .selectFrom('fresh')
          .select([
            'fresh.chat_id',
            'fresh.id',
            'fresh.seq',
            'fresh.author_kind',
            'fresh.author_id',
            'fresh.author_name',
            'fresh.body',
            'fresh.created_at',
            'fresh.event',
          ]),
      )
      .onConflict((oc) =>
        oc.columns(['chat_id', 'id']).doUpdateSet((eb) => ({
          // Never a number: evaluated only on a conflict, it fails the statement (see above).
          seq: sql<number>`cast('deskbell: a message id was stored meanwhile: ' || ${eb.ref('excluded.id')} as integer)`,
        })),
      )
      .returning(['messages.chat_id', 'messages.id', 'messages.seq']),
  );
}
