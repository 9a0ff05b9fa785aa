import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  UnknownRow,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageStore, type NewMessage } from '../../server/chats/message-store';
import { ask, closeAllClients, dataOf } from '../support/clients';
import { messageId, patronAsks } from '../support/flows';
import { onlineOperator } from '../support/team-flows';
import { startTestServer, type TestServer } from '../support/test-server';

/** Fails the Nth insert it is shown (counting from 1), once: a statement that goes wrong in the middle of a group. */
class FailOneInsert implements KyselyPlugin {
  private inserts = 0;
  constructor(
    private readonly failing: number,
    private readonly error: () => Error = () => new Error('a statement failed (test)'),
  ) {}
  /** Statements that insert: on SQLite the insert itself, on PostgreSQL the one send statement (an insert in its WITH). */
  get insertsShown(): number {
    return this.inserts;
  }
  transformQuery(args: PluginTransformQueryArgs) {
    const inner = 'with' in args.node ? (args.node.with?.expressions ?? []) : [];
    const inserts =
      args.node.kind === 'InsertQueryNode' || inner.some((cte) => cte.expression.kind === 'InsertQueryNode');
    if (inserts && ++this.inserts === this.failing) throw this.error();
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/**
 * Sends that arrive together are written in one transaction (group commit):
 * whatever the grouping, each chat's messages get contiguous sequence numbers
 * in the order they were sent, a retried id is stored once, a refused send and
 * a failed statement touch only their own message. On SQLite and PostgreSQL.
 */
describe('the message store writes sends in groups', () => {
  let server: TestServer;
  let chats: string[];
  let alice: Awaited<ReturnType<typeof onlineOperator>>;

  beforeAll(async () => {
    server = await startTestServer();
    alice = await onlineOperator(server.url, 'alice');
    chats = [];
    for (let i = 0; i < 3; i++) {
      const { chatId } = await patronAsks(server.url);
      dataOf(await ask(alice.socket, 'chat:claim', { chatId }));
      chats.push(chatId);
    }
  });
  afterAll(async () => {
    closeAllClients();
    await server.close();
  });

  const message = (chatId: string, body: string, id = messageId()): NewMessage => ({
    chatId,
    id,
    authorKind: 'patron',
    authorId: null,
    authorName: 'Patron',
    body,
    createdAt: Date.now(),
  });

  async function storedSeqs(chatId: string): Promise<Array<{ seq: number; body: string }>> {
    return server.storage.db
      .selectFrom('messages')
      .select(['seq', 'body'])
      .where('chat_id', '=', chatId)
      .where('author_kind', '!=', 'system')
      .orderBy('seq')
      .execute();
  }

  async function lastSeq(chatId: string): Promise<number> {
    const row = await server.storage.db
      .selectFrom('chats')
      .select('last_seq')
      .where('id', '=', chatId)
      .executeTakeFirstOrThrow();
    return Number(row.last_seq);
  }

  it('many sends at once to several chats: contiguous sequence numbers in sending order, each answered', async () => {
    const store = new MessageStore(server.storage.db);
    const before = await Promise.all(chats.map(lastSeq));
    const sends = Array.from({ length: 60 }, (_, n) => {
      const chatId = chats[n % chats.length] ?? '';
      return store.append(message(chatId, `line ${n}`), { patron: true });
    });
    const results = await Promise.all(sends);
    expect(results.every((result) => result.kind === 'stored' && result.created)).toBe(true);
    for (const [index, chatId] of chats.entries()) {
      const mine = results.flatMap((result) =>
        result.kind === 'stored' && result.message.chatId === chatId ? [result.message] : [],
      );
      const first = (before[index] ?? 0) + 1;
      expect(mine.map((stored) => stored.seq)).toEqual(Array.from({ length: 20 }, (_, k) => first + k));
      expect(mine.map((stored) => Number(stored.body.split(' ')[1]) % chats.length)).toEqual(
        Array.from({ length: 20 }, () => index),
      );
      expect(await lastSeq(chatId)).toBe(first + 19);
      const rows = (await storedSeqs(chatId)).filter((row) => row.seq >= first);
      expect(rows.map((row) => row.body)).toEqual(mine.map((stored) => stored.body));
    }
  });

  it('the same id twice in one group, and again later: stored once, no hole in the sequence', async () => {
    const store = new MessageStore(server.storage.db);
    const chatId = chats[0] ?? '';
    const start = await lastSeq(chatId);
    const id = messageId();
    const [a, b, other] = await Promise.all([
      store.append(message(chatId, 'Are you there?', id), { patron: true }),
      store.append(message(chatId, 'Are you there?', id), { patron: true }),
      store.append(message(chatId, 'Hello?'), { patron: true }),
    ]);
    const again = await store.append(message(chatId, 'Are you there?', id), { patron: true });
    expect(a).toMatchObject({ kind: 'stored', created: true, message: { seq: start + 1 } });
    expect(b).toMatchObject({ kind: 'stored', created: false, message: { seq: start + 1 } });
    expect(again).toMatchObject({ kind: 'stored', created: false, message: { seq: start + 1 } });
    expect(other).toMatchObject({ kind: 'stored', created: true, message: { seq: start + 2 } });
    expect(await lastSeq(chatId)).toBe(start + 2);
  });

  it('a database that is away answers the whole group at once, without trying each send again', async () => {
    const away = new FailOneInsert(1, () =>
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432 (test)'), { code: 'ECONNREFUSED' }),
    );
    const store = new MessageStore(server.storage.db.withPlugin(away));
    const chatId = chats[0] ?? '';
    const start = await lastSeq(chatId);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, n) => store.append(message(chatId, `away ${n}`), { patron: true })),
    );
    expect(results.map((result) => result.status)).toEqual(Array.from({ length: 5 }, () => 'rejected'));
    // One insert was tried (and failed): nobody was tried again.
    expect(away.insertsShown).toBe(1);
    expect(await lastSeq(chatId)).toBe(start);
  });

  it('two stores at once (as two server processes would): a retried id is stored once, no hole', async () => {
    // Each store has its own groups, so both write to the chat at the same moment on two connections.
    const here = new MessageStore(server.storage.db);
    const there = new MessageStore(server.storage.db);
    const chatId = chats[1] ?? '';
    for (let round = 0; round < 5; round++) {
      const start = await lastSeq(chatId);
      const id = messageId();
      const results = await Promise.all([
        here.append(message(chatId, 'Is the archive open today?', id), { patron: true }),
        there.append(message(chatId, 'Is the archive open today?', id), { patron: true }),
        there.append(message(chatId, `other ${round}`), { patron: true }),
      ]);
      const created = results.filter((result) => result.kind === 'stored' && result.created);
      expect(created).toHaveLength(2);
      expect(await lastSeq(chatId)).toBe(start + 2);
      const [first, second] = results;
      expect(first?.kind === 'stored' && second?.kind === 'stored' && first.message.seq === second.message.seq).toBe(
        true,
      );
      const rows = (await storedSeqs(chatId)).filter((row) => row.seq > start);
      expect(rows.map((row) => row.seq)).toEqual([start + 1, start + 2]);
    }
  });

  it('a refused send in a group (a colleague’s chat) is refused alone; the others are stored', async () => {
    const store = new MessageStore(server.storage.db);
    const bob = await onlineOperator(server.url, 'bob');
    const [mine, notBobs] = await Promise.all([
      store.append(
        { ...message(chats[1] ?? '', 'Here is the link.'), authorKind: 'operator' },
        {
          operatorId: alice.me.id,
        },
      ),
      store.append({ ...message(chats[1] ?? '', 'Hi from Bob'), authorKind: 'operator' }, { operatorId: bob.me.id }),
    ]);
    expect(mine).toMatchObject({ kind: 'stored', created: true });
    expect(notBobs).toEqual({ kind: 'refused' });
  });

  it('a statement that fails in the middle of a group: the group is written again send by send, nothing twice, no hole', async () => {
    const chatId = chats[2] ?? '';
    const start = await lastSeq(chatId);
    const failing = new FailOneInsert(3);
    const store = new MessageStore(server.storage.db.withPlugin(failing));
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, n) => store.append(message(chatId, `retry ${n}`), { patron: true })),
    );
    // The third insert failed: the group's, and then six alone.
    expect(failing.insertsShown).toBeGreaterThan(6);
    expect(results.every((result) => result.status === 'fulfilled')).toBe(true);
    expect(await lastSeq(chatId)).toBe(start + 6);
    const rows = (await storedSeqs(chatId)).filter((row) => row.seq > start);
    expect(rows).toEqual(Array.from({ length: 6 }, (_, n) => ({ seq: start + n + 1, body: `retry ${n}` })));
  });
});
