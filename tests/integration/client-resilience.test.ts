import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OperatorConnectionEvent } from '../../src/client/connection-events';
import { OperatorConnection } from '../../src/client/operator-connection';
import {
  PatronConnection,
  type PatronConnectionState,
  type ResumeTokenStore,
} from '../../src/client/patron-connection';
import { LIMITS } from '../../src/protocol/limits';
import { PATRON_NAMESPACE } from '../../src/protocol/patron-contract';
import { OPERATOR_NAMESPACE } from '../../src/protocol/operator-contract';
import { createRepositories } from '../../server/repositories';
import { ask, closeAllClients, dataOf, login, signIn } from '../support/clients';
import { DatabaseOutage } from '../support/database-outage';
import { patronAsks } from '../support/flows';
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres';
import { testDatabaseKind } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The real clients of src/client (the console's OperatorConnection, the
 * widget's PatronConnection) against a real Deskbell server having a bad
 * moment: its database down, a console that has loaded too many chats, a
 * laptop back from sleep, a resume answer that is slow to come.
 */

const SOCKET_OPTIONS = { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 200 };
const RETRY_BACKOFF = { initialMs: 50, maxMs: 300 };

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  closeAllClients();
  vi.restoreAllMocks();
});

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A librarian's console: logged in, connected and caught up. */
async function consoleOf(server: TestServer, username: string) {
  const session = await login(server.url, username);
  if (!session.token) throw new Error('the login gave no bearer token');
  const connection = new OperatorConnection({
    url: server.url,
    token: session.token,
    requestTimeoutMs: 5000,
    socketOptions: SOCKET_OPTIONS,
    retryBackoff: RETRY_BACKOFF,
    gapFillDelayMs: 200,
  });
  const events: OperatorConnectionEvent[] = [];
  connection.subscribe((event) => events.push(event));
  cleanups.push(() => connection.close());
  connection.connect();
  await until(() => connection.state === 'connected', `${username}'s console to connect`);
  return { connection, events, me: session.operator };
}

function memoryTokens(initial: string | null = null): ResumeTokenStore {
  let value = initial;
  return { read: () => value, write: (token) => (value = token), clear: () => (value = null) };
}

/** The widget in a patron's page; `tokens` is its localStorage (pass the same one to play a reload). */
function widgetOf(server: TestServer, tokens: ResumeTokenStore): PatronConnection {
  const connection = new PatronConnection({
    url: `${server.url}${PATRON_NAMESPACE}`,
    departmentId: 'general-reference',
    tokens,
    ackTimeoutMs: 5000,
    resumeRetryMs: 100,
    retryBackoff: RETRY_BACKOFF,
    socketOptions: SOCKET_OPTIONS,
  });
  cleanups.push(() => connection.close());
  return connection;
}

function untilWidget(widget: PatronConnection, what: string, predicate: (state: PatronConnectionState) => boolean) {
  return until(() => predicate(widget.getState()), what);
}

/** Every console loses its connection at once (a network drop, not a logout). */
function dropConsoles(server: TestServer): void {
  server.server.io.of(OPERATOR_NAMESPACE).disconnectSockets(true);
}

async function storedWithBody(server: TestServer, chatId: string, body: string) {
  return server.storage.db
    .selectFrom('messages')
    .select(['id', 'seq'])
    .where('chat_id', '=', chatId)
    .where('body', '=', body)
    .execute();
}

describe('the desk through a database outage', () => {
  const outage = new DatabaseOutage();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ outage });
  });
  afterEach(() => outage.end());
  afterAll(() => server.close());

  it('a console that reconnects while the database is down keeps the librarian logged in and catches up once it is back', async () => {
    const alice = await consoleOf(server, 'alice');
    const { patron, chatId } = await patronAsks(server.url);
    dataOf(await alice.connection.claim(chatId));

    outage.begin();
    dropConsoles(server);
    const refusedHandshakes = () =>
      alice.events.filter((event) => event.type === 'problem' && /did not let this console in/.test(event.message))
        .length;
    await until(() => refusedHandshakes() >= 2, 'the console to knock again after a refused handshake');
    expect(alice.connection.state).toBe('reconnecting');

    outage.end();
    dataOf(await ask(patron, 'chat:send', { id: randomUUID(), body: 'Are you still there?' }));
    await until(() => alice.connection.state === 'connected', 'the console to get back in');
    await until(
      () => alice.connection.messages(chatId).some((message) => message.body === 'Are you still there?'),
      "the patron's message",
    );
    expect(alice.events.some((event) => event.type === 'unauthorized')).toBe(false);
    expect(alice.events.filter((event) => event.type === 'state').map((event) => event.state)).not.toContain('offline');
  });

  it("a librarian's reply sent while the database is down says it is being tried again, and is stored once with its id", async () => {
    const alice = await consoleOf(server, 'alice');
    const { chatId } = await patronAsks(server.url);
    dataOf(await alice.connection.claim(chatId));
    const reasons: string[] = [];
    alice.connection.subscribe((event) => {
      if (event.type !== 'outbox') return;
      for (const pending of alice.connection.pending(chatId)) if (pending.retrying) reasons.push(pending.retrying.code);
    });

    outage.begin();
    const sent = alice.connection.send(chatId, 'Let me check the catalogue.');
    await until(() => reasons.length >= 1, 'the server to answer that it cannot store it now');
    expect(reasons[0]).toMatch(/^(UNAVAILABLE|INTERNAL)$/);
    expect(alice.connection.refused(chatId)).toEqual([]);

    outage.end();
    await until(() => alice.connection.pending(chatId).length === 0, 'the reply to be stored');
    expect(alice.connection.refused(chatId)).toEqual([]);
    expect((await storedWithBody(server, chatId, 'Let me check the catalogue.')).map((row) => row.id)).toEqual([
      sent?.id,
    ]);
    expect(alice.connection.messages(chatId).filter((m) => m.body === 'Let me check the catalogue.')).toHaveLength(1);
  });

  it("a patron's message sent while the database is down is tried again with its id and stored once", async () => {
    const widget = widgetOf(server, memoryTokens());
    await untilWidget(widget, 'the widget to connect', (s) => s.link === 'online');
    const started = await widget.start({ question: 'Do you have large-print books?' });
    expect(started.ok).toBe(true);
    const chatId = widget.getState().chat!.id;

    outage.begin();
    const id = widget.send('Mysteries, if you have them.');
    await untilWidget(widget, 'the retrying note', (s) => s.pending[0]?.retrying !== undefined);
    expect(widget.getState().failed).toEqual([]);

    outage.end();
    await untilWidget(widget, 'the message to be stored', (s) => s.pending.length === 0);
    expect(widget.getState().failed).toEqual([]);
    expect((await storedWithBody(server, chatId, 'Mysteries, if you have them.')).map((row) => row.id)).toEqual([id]);
    expect(widget.getState().messages.filter((m) => m.body === 'Mysteries, if you have them.')).toHaveLength(1);
  });
});

describe.runIf(testDatabaseKind() === 'postgres')('the desk through a real PostgreSQL restart', () => {
  let postgres: OwnPostgres;
  let server: TestServer;
  beforeAll(async () => {
    postgres = await startOwnPostgres();
    server = await startTestServer({ databaseUrl: postgres.url });
  }, 60_000);
  afterAll(async () => {
    await server.close();
    postgres.stop();
  });

  it('a librarian replying while PostgreSQL restarts, and whose console reconnects meanwhile, stays logged in and loses nothing', async () => {
    const alice = await consoleOf(server, 'alice');
    const { patron, chatId } = await patronAsks(server.url);
    dataOf(await alice.connection.claim(chatId));

    postgres.halt('fast');
    dropConsoles(server);
    await until(() => alice.connection.state === 'reconnecting', 'the drop');
    const sent = alice.connection.send(chatId, 'Sorry, one moment.');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alice.connection.state).toBe('reconnecting');

    postgres.resume();
    await until(() => alice.connection.state === 'connected', 'the console to get back in', 15_000);
    await until(() => alice.connection.pending(chatId).length === 0, 'the reply to be stored', 15_000);
    dataOf(await ask(patron, 'chat:send', { id: randomUUID(), body: 'No problem.' }));
    await until(
      () => alice.connection.messages(chatId).some((message) => message.body === 'No problem.'),
      "the patron's answer",
    );
    expect(alice.events.some((event) => event.type === 'unauthorized')).toBe(false);
    expect(alice.connection.refused(chatId)).toEqual([]);
    expect((await storedWithBody(server, chatId, 'Sorry, one moment.')).map((row) => row.id)).toEqual([sent?.id]);
  }, 40_000);
});

describe('a console open all week', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Loading 500 chats one preview at a time is more than the everyday limit of events per socket.
    server = await startTestServer({ socketRateLimit: { burst: 10_000, perSecond: 10_000 } });
  });
  afterAll(() => server.close());

  it('a console that has loaded more than 500 chats reconnects and catches up', async () => {
    const repos = createRepositories(server.storage.db);
    const asked = Date.now() - 3_600_000;
    const older: string[] = [];
    for (let batch = 0; batch < LIMITS.syncedChatsMax; batch += 50) {
      const chats = await Promise.all(
        Array.from({ length: 50 }, (_, index) =>
          repos.chats.create({
            departmentId: 'general-reference',
            question: `Question ${batch + index}`,
            patronName: null,
            patronEmail: null,
            patronIp: null,
            pageUrl: null,
            referrer: null,
            userAgent: null,
            browser: null,
            extraFields: {},
            resumeTokenHash: randomUUID(),
            createdAt: asked + batch + index,
          }),
        ),
      );
      older.push(...chats.map((chat) => chat.id));
    }
    // The newest chat, from a patron still at the keyboard.
    const { patron, chatId } = await patronAsks(server.url, { question: 'Is the reading room open late?' });

    const sam = await consoleOf(server, 'sam');
    const loaded = [...older, chatId];
    for (let index = 0; index < loaded.length; index += 25) {
      const acks = await Promise.all(loaded.slice(index, index + 25).map((id) => sam.connection.preview(id)));
      for (const ack of acks) dataOf(ack);
    }
    expect(loaded.length).toBeGreaterThan(LIMITS.syncedChatsMax);

    dropConsoles(server);
    await until(() => sam.connection.state !== 'connected', 'the drop');
    dataOf(await ask(patron, 'chat:send', { id: randomUUID(), body: 'Until nine?' }));
    await until(() => sam.connection.state === 'connected', 'the console to catch up');
    await until(
      () => sam.connection.messages(chatId).some((message) => message.body === 'Until nine?'),
      'the message written while the console was away',
    );
    expect(Object.keys(sam.connection.lastSeqByChat()).length).toBeLessThanOrEqual(LIMITS.syncedChatsMax);

    // The quietest chat was let go of; opening it again loads it afresh.
    const oldest = older[0]!;
    expect(sam.connection.messages(oldest)).toEqual([]);
    dataOf(await sam.connection.preview(oldest));
    expect(sam.connection.state).toBe('connected');
  });
});

describe('the widget on a new socket', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('a message socket.io sends on the new socket before the resume answer (a laptop back from sleep) is stored, not refused', async () => {
    const alice = await signIn(server.url, 'alice');
    const widget = widgetOf(server, memoryTokens());
    await untilWidget(widget, 'the widget to connect', (s) => s.link === 'online');
    dataOf(await widget.start({ question: 'Can I renew by phone?' }));
    const chatId = widget.getState().chat!.id;
    dataOf(await ask(alice.socket, 'chat:claim', { chatId }));

    // Back from sleep: socket.io's ping has long expired while the page still thinks it is connected,
    // so it buffers the send, drops the socket, and sends the send first thing on the next one.
    const now = Date.now();
    const slept = vi.spyOn(Date, 'now').mockImplementation(() => now + 120_000);
    const id = widget.send('Yes, my card is 1234.');
    slept.mockRestore();

    await untilWidget(widget, 'the widget to reconnect', (s) => s.link === 'reconnecting');
    await untilWidget(widget, 'the message to be stored', (s) => s.link === 'online' && s.pending.length === 0);
    expect(widget.getState().failed).toEqual([]);
    expect((await storedWithBody(server, chatId, 'Yes, my card is 1234.')).map((row) => row.id)).toEqual([id]);
    expect(widget.getState().messages.filter((m) => m.body === 'Yes, my card is 1234.')).toHaveLength(1);
  });

  it('a reloaded page shows the librarian’s messages that arrive before its first resume answer', async () => {
    const alice = await signIn(server.url, 'alice');
    const tokens = memoryTokens();
    const before = widgetOf(server, tokens);
    await untilWidget(before, 'the widget to connect', (s) => s.link === 'online');
    dataOf(await before.start({ question: 'Do you keep old phone books?' }));
    const chatId = before.getState().chat!.id;
    dataOf(await ask(alice.socket, 'chat:claim', { chatId }));
    before.close();

    // The server is slow to answer the reloaded page's resume: the answer is held after it was read.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let answered = false;
    server.server.io.of(PATRON_NAMESPACE).on('connection', (socket) => {
      socket.use((packet, next) => {
        const ack = packet[2];
        if (packet[0] === 'chat:resume' && typeof ack === 'function') {
          packet[2] = (answer: unknown) => {
            answered = true;
            void held.then(() => ack(answer));
          };
        }
        next();
      });
    });

    const reloaded = widgetOf(server, tokens);
    await until(() => answered, 'the resume to be read');
    dataOf(await ask(alice.socket, 'chat:send', { chatId, id: randomUUID(), body: 'We do, back to 1950.' }));
    release();

    await untilWidget(reloaded, 'the resumed chat', (s) => !s.resuming && s.chat?.id === chatId);
    await untilWidget(reloaded, "the librarian's reply", (s) =>
      s.messages.some((message) => message.body === 'We do, back to 1950.'),
    );
    const seqs = reloaded.getState().messages.map((message) => message.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
  });
});
