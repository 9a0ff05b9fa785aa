import type { Kysely, Selectable } from 'kysely';
import { DeskbellError } from '../../src/protocol/ack';
import type { ChatEvent, Message } from '../../src/protocol/models';
import { CompiledOnce } from '../storage/compiled-query';
import { pipelinedWritesOf, runsOnPostgres, sqliteFileOf, writeOnFile } from '../storage/database';
import { isDatabaseUnavailable } from '../storage/database-errors';
import { GroupCommit } from '../storage/group-commit';
import type { DeskbellTables, MessagesTable } from '../storage/schema';
import { toMessage } from './chat-rows';
import {
  postgresSendFor,
  type SendStatements,
  sendStatementsFor,
  sqliteSendFor,
  type UnnumberedRow,
  type Writer,
} from './send-statements';

export interface NewMessage {
  chatId: string;
  /** Client-made id: the same id sent again finds the stored message. */
  id: string;
  authorKind: Message['authorKind'];
  authorId: string | null;
  authorName: string;
  body: string;
  createdAt: number;
  /** System messages: the structured event (stored as JSON). */
  event?: ChatEvent;
}

/** Who may still write (send-statements.ts's Writer: one rule, one home). */
export type SendGuard = Writer;

export type AppendResult = { kind: 'stored'; message: Message; created: boolean } | { kind: 'refused' };

/** A group's answer to one send: its result, or its own failure found after the group committed. */
type StoreOutcome = AppendResult | { kind: 'failed'; error: unknown };

/** Groups of sends written side by side on PostgreSQL (of the pool's 10 connections; the rest serve everything else). */
const POSTGRES_WRITERS = 4;

interface StoreJob {
  input: NewMessage;
  guard: SendGuard;
}

/**
 * Stores chat messages. Each gets the chat's next sequence number in the same
 * transaction that inserts it, taken under the chat row's lock (which also
 * serialises concurrent writers to that chat) in a statement whose condition is
 * the guard, so a chat that ended a moment ago takes no more messages. A send is
 * one statement on PostgreSQL and two on SQLite, compiled once
 * (send-statements.ts), and sends that arrive together share one transaction and
 * one commit (group-commit.ts); each is answered only after that commit.
 */
export class MessageStore {
  private readonly groups: GroupCommit<StoreJob, StoreOutcome>;
  private readonly statements: SendStatements;
  private readonly findOne: CompiledOnce<{ chatId: string; id: string }, Selectable<MessagesTable>>;

  constructor(private readonly db: Kysely<DeskbellTables>) {
    this.statements = sendStatementsFor(db);
    this.findOne = new CompiledOnce(db, (query, v) =>
      query.selectFrom('messages').selectAll().where('chat_id', '=', v.chatId).where('id', '=', v.id),
    );
    this.groups = new GroupCommit(
      db,
      (trx, job) => this.store(trx, job),
      (job) => job.input.chatId,
      // PostgreSQL's pool writes several groups at once; SQLite has one connection, so one group at a time.
      runsOnPostgres(db) ? POSTGRES_WRITERS : 1,
      isDatabaseUnavailable,
      this.sqliteGroupWriter() ?? this.postgresGroupWriter(),
    );
  }

  /**
   * PostgreSQL: a group is one transaction of the one-send statements sent in one round trip
   * (pipelined-writes.ts: BEGIN, each send's statement, COMMIT in one write, the answers read
   * together), where Kysely's transaction waits for each answer before the next statement. The
   * statements are the same as the one-send way's, shown to the plugins the same way. A send that
   * wrote nothing was refused or is stored already (a retry, even one in the same group): it is
   * looked up once the group has committed, and a stored id of another author is that send's own
   * refusal, never the group's.
   */
  private postgresGroupWriter(): ((jobs: readonly StoreJob[]) => Promise<StoreOutcome[]>) | undefined {
    const writes = pipelinedWritesOf(this.db);
    const statements = postgresSendFor(this.statements);
    if (!writes || !statements) return undefined;
    return async (jobs) => {
      const sent = jobs.map(({ input, guard }) => statements.statementOf(this.db, unnumberedRow(input), guard));
      const answers = await writes.transaction(sent);
      return Promise.all(
        jobs.map(async ({ input }, index): Promise<StoreOutcome> => {
          const outcome = statements.outcomeOf(answers[index] ?? []);
          if ('seq' in outcome) return { kind: 'stored', message: storedMessage(input, outcome.seq), created: true };
          const stored = await this.find(input.chatId, input.id);
          if (!stored) return { kind: 'refused' };
          const same = sameAuthorOr(stored, input);
          return same instanceof DeskbellError
            ? { kind: 'failed', error: same }
            : { kind: 'stored', message: same, created: false };
        }),
      );
    };
  }

  /**
   * SQLite: a group is written in one turn of the event loop, straight on the file (better-sqlite3
   * is synchronous): BEGIN, each send's statements, COMMIT, with no promise between statements,
   * while the database's one connection is held, so no other transaction is open on it meanwhile.
   */
  private sqliteGroupWriter(): ((jobs: readonly StoreJob[]) => Promise<AppendResult[]>) | undefined {
    const file = sqliteFileOf(this.db);
    const statements = sqliteSendFor(this.statements);
    if (!file || !statements) return undefined;
    const writeAll = file.transaction((jobs: readonly StoreJob[]) =>
      jobs.map(({ input, guard }): AppendResult => {
        const outcome = statements.sendNow(this.db, file, unnumberedRow(input), guard);
        if ('seq' in outcome) return { kind: 'stored', message: storedMessage(input, outcome.seq), created: true };
        const stored = this.findOne.runOnFile(this.db, file, { chatId: input.chatId, id: input.id })[0];
        return stored
          ? { kind: 'stored', message: sameAuthorOrThrow(toMessage(stored), input), created: false }
          : { kind: 'refused' };
      }),
    );
    return (jobs) => writeOnFile(this.db, file, () => writeAll(jobs));
  }

  async find(chatId: string, id: string, db: Kysely<DeskbellTables> = this.db): Promise<Message | undefined> {
    const { rows } = await this.findOne.execute(db, { chatId, id });
    return rows[0] ? toMessage(rows[0]) : undefined;
  }

  /** Stores a message once; a retry of a stored id returns the stored message with created=false. */
  async append(input: NewMessage, guard: SendGuard): Promise<AppendResult> {
    const outcome = await this.groups.submit({ input, guard });
    if (outcome.kind === 'failed') throw outcome.error;
    return outcome;
  }

  /** One send inside a group's transaction: stored with the next seq if the guard allows, unless stored already. */
  private async store(trx: Kysely<DeskbellTables>, { input, guard }: StoreJob): Promise<AppendResult> {
    const row = unnumberedRow(input);
    const outcome = await this.statements.send(trx, row, guard);
    if ('seq' in outcome) return { kind: 'stored', message: storedMessage(input, outcome.seq), created: true };
    // Nothing written: a retry of a stored id (answered with the stored message, even once the chat has
    // ended, as before), or a refusal.
    const stored = await this.find(input.chatId, input.id, trx);
    return stored ? { kind: 'stored', message: sameAuthorOrThrow(stored, input), created: false } : { kind: 'refused' };
  }

  /** Messages of a chat with a sequence number above `afterSeq`, oldest first. */
  async listAfter(chatId: string, afterSeq: number): Promise<Message[]> {
    const rows = await this.db
      .selectFrom('messages')
      .selectAll()
      .where('chat_id', '=', chatId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .execute();
    return rows.map(toMessage);
  }
}

/** Inserts a message with a sequence number already taken from the chat row (inside the caller's transaction). */
export async function insertMessage(db: Kysely<DeskbellTables>, input: NewMessage, seq: number): Promise<Message> {
  await db
    .insertInto('messages')
    .values({ ...unnumberedRow(input), seq })
    .execute();
  return storedMessage(input, seq);
}

function unnumberedRow(input: NewMessage): UnnumberedRow {
  return {
    chat_id: input.chatId,
    id: input.id,
    author_kind: input.authorKind,
    author_id: input.authorId,
    author_name: input.authorName,
    body: input.body,
    created_at: input.createdAt,
    event: input.event ? JSON.stringify(input.event) : null,
  };
}

/** The message just stored, from what was written (not parsed back from a row: it came from a parsed request). */
function storedMessage(input: NewMessage, seq: number): Message {
  const { chatId, id, authorKind, authorId, authorName, body, createdAt, event } = input;
  // Left out (not null) when absent, as toMessage does.
  return { id, chatId, seq, authorKind, authorId, authorName, body, createdAt, ...(event ? { event } : {}) };
}

function sameAuthorOrThrow(stored: Message, input: NewMessage): Message {
  const same = sameAuthorOr(stored, input);
  if (same instanceof DeskbellError) throw same;
  return same;
}

/** The stored message, if the retry is its author's; otherwise the refusal to answer with. */
function sameAuthorOr(stored: Message, input: NewMessage): Message | DeskbellError {
  if (stored.authorKind !== input.authorKind || stored.authorId !== input.authorId) {
    return new DeskbellError('BAD_REQUEST', 'id: this message id is already used in this chat; make a new one');
  }
  return stored;
}
