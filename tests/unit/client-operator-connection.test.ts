import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionState, OperatorConnectionEvent } from '../../src/client/connection-events';
import { OperatorConnection, type OperatorConnectionOptions } from '../../src/client/operator-connection';
import { startFakeDeskServer, type FakeDeskServer } from './client-fake-desk-server';

let server: FakeDeskServer;
const open: OperatorConnection[] = [];

beforeEach(async () => {
  server = await startFakeDeskServer();
});

afterEach(async () => {
  for (const connection of open.splice(0)) connection.close();
  await server.close();
});

function connectAs(token: string, options: Partial<OperatorConnectionOptions> = {}) {
  const connection = new OperatorConnection({
    url: server.url,
    token,
    requestTimeoutMs: 400,
    socketOptions: { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 100 },
    ...options,
  });
  const events: OperatorConnectionEvent[] = [];
  connection.subscribe((event) => events.push(event));
  open.push(connection);
  connection.connect();
  return { connection, events };
}

async function until(condition: () => boolean, what: string, timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const bodies = (connection: OperatorConnection, chatId: string) => connection.messages(chatId).map((m) => m.body);
const states = (events: OperatorConnectionEvent[]): ConnectionState[] =>
  events.flatMap((event) => (event.type === 'state' ? [event.state] : []));

describe('the operator connection', () => {
  it('shows connecting, then connected once caught up, reconnecting when the line drops, and offline after log out', async () => {
    const { connection, events } = connectAs('alice-token');
    await until(() => connection.state === 'connected', 'the first connection');
    server.dropConnections();
    await until(() => states(events).includes('reconnecting'), 'the drop to be noticed');
    await until(() => connection.state === 'connected', 'the reconnection');
    connection.close();
    expect(states(events)).toEqual(['connecting', 'connected', 'reconnecting', 'connected', 'offline']);
  });

  it('an operator who drops off mid-chat gets every message missed while away, once and in order', async () => {
    const { connection } = connectAs('alice-token');
    await until(() => connection.state === 'connected', 'connected');
    const chat = server.startChat('Where are the atlases?');
    expect((await connection.claim(chat.id)).ok).toBe(true);
    server.patronSays(chat.id, 'Hello?');
    await until(() => bodies(connection, chat.id).length === 2, 'the live message');

    server.dropConnections();
    await until(() => connection.state !== 'connected', 'the drop');
    server.patronSays(chat.id, 'Are you there?');
    server.patronSays(chat.id, 'The big ones, for maps.');
    await until(() => connection.state === 'connected', 'the reconnection');

    expect(server.syncRequests.at(-1)?.lastSeqByChat).toEqual({ [chat.id]: 2 });
    expect(bodies(connection, chat.id)).toEqual([
      'Where are the atlases?',
      'Hello?',
      'Are you there?',
      'The big ones, for maps.',
    ]);
    expect(connection.messages(chat.id).map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it("an operator's own chats come back with their history after a fresh start", async () => {
    const first = connectAs('alice-token');
    await until(() => first.connection.state === 'connected', 'connected');
    const chat = server.startChat('Do you have the Times from 1920?');
    await first.connection.claim(chat.id);
    server.patronSays(chat.id, 'On microfilm is fine.');
    first.connection.close();

    const second = connectAs('alice-token');
    await until(() => second.connection.state === 'connected', 'connected again');
    expect(bodies(second.connection, chat.id)).toEqual(['Do you have the Times from 1920?', 'On microfilm is fine.']);
  });

  it('a message repeated by the network is shown once', async () => {
    const { connection } = connectAs('alice-token');
    await until(() => connection.state === 'connected', 'connected');
    const chat = server.startChat('Can I renew online?');
    await connection.claim(chat.id);
    const message = server.patronSays(chat.id, 'My card is 1234.');
    await until(() => bodies(connection, chat.id).length === 2, 'the message');
    server.repeat(message);
    server.patronSays(chat.id, 'Thanks!');
    await until(() => bodies(connection, chat.id).length >= 3, 'the next message');
    expect(bodies(connection, chat.id)).toEqual(['Can I renew online?', 'My card is 1234.', 'Thanks!']);
  });

  it('a reply typed while the connection is down waits as pending and is delivered once it is back', async () => {
    const { connection } = connectAs('alice-token', {
      socketOptions: { transports: ['websocket'], reconnectionDelay: 300, reconnectionDelayMax: 300 },
    });
    await until(() => connection.state === 'connected', 'connected');
    const chat = server.startChat('What time do you close?');
    await connection.claim(chat.id);

    server.dropConnections();
    await until(() => connection.state === 'reconnecting', 'the drop');
    connection.send(chat.id, 'We close at 8 tonight.');
    expect(connection.pending(chat.id).map((m) => m.body)).toEqual(['We close at 8 tonight.']);

    await until(() => connection.pending(chat.id).length === 0, 'delivery after the reconnection');
    expect(server.storedMessages(chat.id).map((m) => m.body)).toEqual([
      'What time do you close?',
      'We close at 8 tonight.',
    ]);
    expect(bodies(connection, chat.id)).toEqual(['What time do you close?', 'We close at 8 tonight.']);
  });

  it('a reply whose acknowledgement was lost is sent again and stored only once', async () => {
    const { connection } = connectAs('alice-token');
    await until(() => connection.state === 'connected', 'connected');
    const chat = server.startChat('Is the printer working?');
    await connection.claim(chat.id);

    server.swallowAckFor('It is, on floor 2.');
    connection.send(chat.id, 'It is, on floor 2.');
    // The request times out (400 ms) without an answer: the reply stays pending.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(connection.pending(chat.id)).toHaveLength(1);

    server.dropConnections();
    await until(() => connection.pending(chat.id).length === 0, 'the retry after the reconnection');
    expect(server.storedMessages(chat.id).filter((m) => m.body === 'It is, on floor 2.')).toHaveLength(1);
    expect(bodies(connection, chat.id)).toEqual(['Is the printer working?', 'It is, on floor 2.']);
  });

  it('a reply the server refuses shows the reason instead of "Sending..."', async () => {
    const { connection } = connectAs('alice-token');
    await until(() => connection.state === 'connected', 'connected');
    const chat = server.startChat('Quick question');
    await connection.claim(chat.id);
    await connection.end(chat.id);

    connection.send(chat.id, 'One more thing...');
    await until(() => connection.refused(chat.id).length === 1, 'the refusal');
    expect(connection.pending(chat.id)).toEqual([]);
    expect(connection.refused(chat.id)[0]?.error).toEqual({ code: 'CHAT_ENDED', message: 'This chat has ended.' });
  });

  it("the network coming back reconnects at once, without waiting out socket.io's back-off", async () => {
    let announceOnline = () => {};
    const { connection } = connectAs('alice-token', {
      socketOptions: { transports: ['websocket'], reconnectionDelay: 60_000, reconnectionDelayMax: 60_000 },
      onlineSignal: (listener) => {
        announceOnline = listener;
        return () => {};
      },
    });
    await until(() => connection.state === 'connected', 'connected');
    server.dropConnections();
    await until(() => connection.state === 'reconnecting', 'the drop');
    announceOnline();
    await until(() => connection.state === 'connected', 'the immediate reconnection', 3000);
  });

  it('two operators claim together: exactly one wins and the other is told who took it', async () => {
    const alice = connectAs('alice-token');
    const bob = connectAs('bob-token');
    await until(() => alice.connection.state === 'connected' && bob.connection.state === 'connected', 'both connected');
    const chat = server.startChat('Help with citations');
    await until(() => bob.events.some((e) => e.type === 'chat' && e.isNew && e.chat.id === chat.id), 'the new chat');

    const [forAlice, forBob] = await Promise.all([alice.connection.claim(chat.id), bob.connection.claim(chat.id)]);
    const outcomes = [forAlice, forBob];
    expect(outcomes.filter((ack) => ack.ok)).toHaveLength(1);
    const lost = outcomes.find((ack) => !ack.ok);
    expect(lost && !lost.ok && lost.error.code).toBe('ALREADY_CLAIMED');
  });

  it('a server closing every connection (a restart) does not leave the console offline', async () => {
    const { connection, events } = connectAs('alice-token');
    await until(() => connection.state === 'connected', 'connected');
    server.disconnectAll();
    await until(() => states(events).includes('reconnecting'), 'the disconnect');
    await until(() => connection.state === 'connected', 'the reconnection');
    expect(server.syncRequests).toHaveLength(2);
  });

  it('a refused session says so and stops trying', async () => {
    const { connection, events } = connectAs('stale-token');
    await until(() => events.some((e) => e.type === 'unauthorized'), 'the refusal');
    expect(connection.state).toBe('offline');
  });

  it('a request while offline is refused at once with OFFLINE', async () => {
    const connection = new OperatorConnection({ url: server.url, token: 'alice-token' });
    const ack = await connection.preview('chat-1');
    expect(ack).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
  });
});
