import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  SqliteDialect,
  type UnknownRow,
} from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { CompiledOnce } from '../../server/storage/compiled-query';
import type { DeskbellTables } from '../../server/storage/schema';
import { withStatementCache } from '../../server/storage/statement-cache';

class Watching implements KyselyPlugin {
  seen: string[] = [];
  constructor(private readonly rewrite = false) {}
  transformQuery(args: PluginTransformQueryArgs) {
    this.seen.push(args.node.kind);
    return this.rewrite ? { ...args.node } : args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

const open: SqliteDatabase.Database[] = [];
afterEach(() => {
  for (const file of open.splice(0)) file.close();
});

function database(): { file: SqliteDatabase.Database; db: Kysely<DeskbellTables> } {
  const file = new SqliteDatabase(':memory:');
  open.push(file);
  file.exec(`create table chat_participants (chat_id text, account_id text, left_at integer);
    create table chats (id text primary key, owner_id text, status text, last_seq integer);
    insert into chats values ('c1', 'alice', 'active', 0), ('c2', 'bob', 'active', 0), ('c3', 'carol', 'ended', 0);
    insert into chat_participants values ('c2', 'alice', null);`);
  return { file, db: new Kysely<DeskbellTables>({ dialect: new SqliteDialect({ database: file }) }) };
}

describe('a query compiled once', () => {
  it('puts each run’s values where the builder used them, a value used twice in both places', async () => {
    const { db } = database();
    const membersOf = new CompiledOnce<{ accountId: string; status: string }, { id: string }>(db, (query, v) =>
      query
        .selectFrom('chats')
        .select('chats.id')
        .where('chats.status', '=', v.status)
        .where((eb) =>
          eb.or([
            eb('chats.owner_id', '=', v.accountId),
            eb.exists(
              eb
                .selectFrom('chat_participants')
                .select('chat_participants.chat_id')
                .whereRef('chat_participants.chat_id', '=', 'chats.id')
                .where('chat_participants.account_id', '=', v.accountId)
                .where('chat_participants.left_at', 'is', null),
            ),
          ]),
        )
        .orderBy('chats.id'),
    );
    expect((await membersOf.execute(db, { accountId: 'alice', status: 'active' })).rows).toEqual([
      { id: 'c1' },
      { id: 'c2' },
    ]);
    expect((await membersOf.execute(db, { accountId: 'bob', status: 'active' })).rows).toEqual([{ id: 'c2' }]);
    expect((await membersOf.execute(db, { accountId: 'carol', status: 'ended' })).rows).toEqual([{ id: 'c3' }]);
    expect((await membersOf.execute(db, { accountId: 'carol', status: 'active' })).rows).toEqual([]);
  });

  it('keeps constants as compiled and writes through a transaction', async () => {
    const { db } = database();
    const bump = new CompiledOnce<{ chatId: string }, { last_seq: number }>(db, (query, v) =>
      query
        .updateTable('chats')
        .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
        .where('id', '=', v.chatId)
        .where('status', '=', 'active')
        .returning('last_seq'),
    );
    const seqs = await db
      .transaction()
      .execute(async (trx) => [
        (await bump.execute(trx, { chatId: 'c1' })).rows,
        (await bump.execute(trx, { chatId: 'c1' })).rows,
        (await bump.execute(trx, { chatId: 'c3' })).rows,
      ]);
    expect(seqs).toEqual([[{ last_seq: 1 }], [{ last_seq: 2 }], []]);
  });

  it('shows each run to the plugins of the database it runs on, and refuses one that would rewrite it', async () => {
    const { db } = database();
    const watching = new Watching();
    const find = new CompiledOnce<{ id: string }, { id: string }>(db.withPlugin(watching), (query, v) =>
      query.selectFrom('chats').select('id').where('id', '=', v.id),
    );
    // Built without the plugins: building is not a run.
    expect(watching.seen).toEqual([]);
    await find.execute(db.withPlugin(watching), { id: 'c1' });
    await find.execute(db.withPlugin(watching), { id: 'c2' });
    await find.execute(db, { id: 'c2' });
    expect(watching.seen).toEqual(['SelectQueryNode', 'SelectQueryNode']);
    await expect(find.execute(db.withPlugin(new Watching(true)), { id: 'c1' })).rejects.toThrow(/rewrote/);
  });

  it('refuses a builder that names no value it was given', () => {
    const { db } = database();
    expect(
      () =>
        new CompiledOnce<{ id: string }, { id: string }>(db, (query, v) => {
          void v.id;
          return query.selectFrom('chats').select('id').where('id', '=', 'c1');
        }),
    ).toThrow(/no named value/);
  });
});

describe('the SQLite statement cache', () => {
  it('prepares each SQL text once and keeps the most recently used', () => {
    const file = new SqliteDatabase(':memory:');
    open.push(file);
    const cached = withStatementCache(file, 2);
    const one = cached.prepare('select 1');
    expect(cached.prepare('select 1')).toBe(one);
    const two = cached.prepare('select 2');
    expect(cached.prepare('select 1')).toBe(one);
    cached.prepare('select 3');
    // 'select 2' was the least recently used of three: it is prepared anew.
    expect(cached.prepare('select 2')).not.toBe(two);
    expect(cached.prepare('select 1')).not.toBe(one);
  });
});
