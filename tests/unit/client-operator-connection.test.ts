import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionState, OperatorConnectionEvent } from '../../src/client/connection-events';
import { OperatorConnection, type OperatorConnectionOptions } from '../../src/client/operator-connection';
import { LIMITS } from '../../src/protocol/limits';
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
    retryBackoff: { initialMs: 20, maxMs: 80 },
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

/** Every reason a pending reply of the chat showed while it was being tried again, as the console heard them. */
function retryReasons(connection: OperatorConnection, chatId: string): string[] {
  const reasons: string[] = [];
  connection.subscribe((event) => {
    if (event.type !== 'outbox' || event.chatId !== chatId) return;
    for (const pending of connection.pending(chatId)) if (pending.retrying) reasons.push(pending.retrying.code);
  });
  return reasons;
}

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

  it('a message that leaves the server together with the preview of its chat is held, not dropped', async () => {
    const { connection } = connectAs('alice-token');
    await until(() => connection.state === 'connected', 'connected');
    const chat = server.startChat('Is the map room open?', 'Robin');
    // The answer and the live message arrive in one read; the answer is applied only after it.
    server.patronSaysWithNextPreview(chat.id, 'I mean on Saturday');
    const ack = await connection.preview(chat.id);
    expect(ack.ok).toBe(true);
    await until(() => bodies(connection, chat.id).length === 2, 'both messages');
    expect(bodies(connection, chat.id)).toEqual(['Is the map room open?', 'I mean on Saturday']);
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

  it('a reply whose acknowledgement was lost is sent again after a pause and stored only once', async () => {
    const { connection } = connectAs('alice-token');
    await until(() => connection.state === 'connected', 'connected');
    const chat = server.startChat('Is the printer working?');
    await connection.claim(chat.id);

    server.swallowAckFor('It is, on floor 2.');
    const reasons = retryReasons(connection, chat.id);
    connection.send(chat.id, 'It is, on floor 2.');
    // The request times out (400 ms) without an answer: the reply stays pending and goes again, same id.
    await until(() => connection.pending(chat.id).length === 0, 'the retry');
    expect(reasons).toEqual(['TIMEOUT']);
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

describe('the operator connection when the server has a moment', () => {
  it('a database blip during the reconnect keeps the librarian logged in: the console knocks again until it gets in', async () => {
    const { connection, events } = connectAs('alice-token');
    await until(() => connection.state === 'connected', 'connected');
    server.refuseHandshakes('UNAVAILABLE');
    server.dropConnections();
    await until(() => server.refusedHandshakes() >= 3, 'several refused handshakes');
    expect(connection.state).toBe('reconnecting');

    server.refuseHandshakes(null);
    await until(() => connection.state === 'connected', 'the way back in');
    expect(events.some((event) => event.type === 'unauthorized')).toBe(false);
    expect(states(events)).not.toContain('offline');
  });

  it('a console started while the database is down waits and gets in once it is back', async () => {
    server.refuseHandshakes('UNAVAILABLE');
    const { connection, events } = connectAs('alice-token');
    await until(() => server.refusedHandshakes() >= 2, 'refused handshakes');
    expect(connection.state).toBe('connecting');
    expect(events.some((event) => event.type === 'problem')).toBe(true);
    server.refuseHandshakes(null);
    await until(() => connection.state === 'connected', 'the first connection');
    expect(events.some((event) => event.type === 'unauthorized')).toBe(false);
  });

  it('a catch-up the server could not answer is asked again after a pause', async () => {
    server.failSyncs(2, 'UNAVAILABLE');
    const { connection, events } = connectAs('alice-token');
    await until(() => connection.state === 'connected', 'connected after the failed syncs');
    expect(server.syncRequests).toHaveLength(3);
    expect(events.filter((event) => event.type === 'problem')).toHaveLength(2);
    expect(events.some((event) => event.type === 'unauthorized')).toBe(false);
  });

  it('a reply the server could not store yet says it is being tried again, then is stored once with its id', async () => {
    const { connection } = connectAs('alice-token');
    await until(() => connection.state === 'connected', 'connected');
    const chat = server.startChat('Can I get a guest pass?');
    await connection.claim(chat.id);

    server.failSends(2, 'UNAVAILABLE');
    const reasons = retryReasons(connection, chat.id);
    const sent = connection.send(chat.id, 'Yes, at the front desk.');
    await until(() => connection.pending(chat.id).length === 0, 'the delivery');
    expect(reasons).toEqual(['UNAVAILABLE', 'UNAVAILABLE']);

    expect(connection.refused(chat.id)).toEqual([]);
    const stored = server.storedMessages(chat.id).filter((m) => m.body === 'Yes, at the front desk.');
    expect(stored.map((m) => m.id)).toEqual([sent?.id]);
    expect(bodies(connection, chat.id)).toEqual(['Can I get a guest pass?', 'Yes, at the front desk.']);
  });

  it('a reply refused for good leaves "Sending..." at once, with the reason', async () => {
    const { connection } = connectAs('alice-token');
    await until(() => connection.state === 'connected', 'connected');
    const chat = server.startChat('Where is the copier?');
    await connection.claim(chat.id);
    server.failSends(1, 'MESSAGE_TOO_LONG');
    connection.send(chat.id, 'On floor 1.');
    await until(() => connection.refused(chat.id).length === 1, 'the refusal');
    expect(connection.pending(chat.id)).toEqual([]);
    expect(connection.refused(chat.id)[0]?.error.code).toBe('MESSAGE_TOO_LONG');
  });
});

describe('the operator connection catching up', () => {
  it('after a reconnect it asks from before a hole, so the message it never heard arrives', async () => {
    const { connection } = connectAs('alice-token', { gapFillDelayMs: 60_000 });
    await until(() => connection.state === 'connected', 'connected');
    const chat = server.startChat('Do you lend telescopes?');
    await connection.claim(chat.id);
    server.patronSays(chat.id, 'For a week?');
    server.patronSaysUnheard(chat.id, 'Or two?');
    server.patronSays(chat.id, 'Thanks!');
    await until(() => bodies(connection, chat.id).length === 3, 'the messages heard');

    server.dropConnections();
    await until(() => connection.state !== 'connected', 'the drop');
    await until(() => connection.state === 'connected', 'the reconnection');
    expect(server.syncRequests.at(-1)?.lastSeqByChat).toEqual({ [chat.id]: 2 });
    expect(bodies(connection, chat.id)).toEqual(['Do you lend telescopes?', 'For a week?', 'Or two?', 'Thanks!']);
  });

  it('a hole left by a lost live message is fetched soon, without waiting for a reconnect, and nothing shows twice', async () => {
    const { connection } = connectAs('alice-token', { gapFillDelayMs: 50 });
    await until(() => connection.state === 'connected', 'connected');
    const chat = server.startChat('Is there parking?');
    await connection.claim(chat.id);
    server.patronSaysUnheard(chat.id, 'Behind the building?');
    server.patronSays(chat.id, 'Or on the street?');
    await until(() => bodies(connection, chat.id).length === 3, 'the missing message');
    expect(server.transcriptRequests).toEqual([chat.id]);
    expect(connection.messages(chat.id).map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('a chat whose update says it has more than the console heard is fetched too', async () => {
    const { connection } = connectAs('alice-token', { gapFillDelayMs: 50 });
    await until(() => connection.state === 'connected', 'connected');
    const chat = server.startChat('Can I bring my dog?');
    await connection.claim(chat.id);
    server.patronSaysUnheard(chat.id, 'He is small.');
    // Ending the chat sends its summary (lastSeq 2) to the console: message 2 is missing.
    await connection.end(chat.id);
    await until(() => bodies(connection, chat.id).length === 2, 'the message only the summary told of');
    expect(bodies(connection, chat.id)).toEqual(['Can I bring my dog?', 'He is small.']);
  });

  it('on reconnect the console lists only open chats it holds, and lets go of ended ones', async () => {
    const { connection, events } = connectAs('alice-token');
    await until(() => connection.state === 'connected', 'connected');
    const ended = server.startChat('First question');
    const previewed = server.startChat('Second question');
    server.startChat('Third question, never opened');
    await connection.claim(ended.id);
    await connection.end(ended.id);
    await connection.preview(previewed.id);

    server.dropConnections();
    await until(() => connection.state !== 'connected', 'the drop');
    await until(() => connection.state === 'connected', 'the reconnection');
    expect(Object.keys(server.syncRequests.at(-1)?.lastSeqByChat ?? {})).toEqual([previewed.id]);
    const synced = events.filter((event) => event.type === 'synced').at(-1);
    expect(synced?.type === 'synced' && synced.forgotten).toEqual([ended.id]);
    expect(connection.messages(ended.id)).toEqual([]);
  });

  it('a chat out of sight after a reconnect is forgotten, and loads afresh when opened again', async () => {
    const { connection, events } = connectAs('alice-token');
    await until(() => connection.state === 'connected', 'connected');
    const chat = server.startChat('Where are the maps?');
    await connection.preview(chat.id);
    expect(bodies(connection, chat.id)).toEqual(['Where are the maps?']);

    server.hide(chat.id);
    server.dropConnections();
    await until(() => connection.state !== 'connected', 'the drop');
    await until(() => connection.state === 'connected', 'the reconnection');
    const synced = events.filter((event) => event.type === 'synced').at(-1);
    expect(synced?.type === 'synced' && synced.forgotten).toEqual([chat.id]);
    expect(connection.messages(chat.id)).toEqual([]);

    server.patronSays(chat.id, 'In the basement?');
    await connection.preview(chat.id);
    expect(bodies(connection, chat.id)).toEqual(['Where are the maps?', 'In the basement?']);
  });

  it('a console that has loaded more than 500 chats lists the newest 500 on reconnect and still catches up', async () => {
    const { connection } = connectAs('alice-token');
    await until(() => connection.state === 'connected', 'connected');
    const oldest = server.startChat('The oldest question');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const chats = [oldest, ...Array.from({ length: LIMITS.syncedChatsMax }, (_, i) => server.startChat(`Q${i}`))];
    for (const chat of chats) await connection.preview(chat.id);
    const newest = chats.at(-1)!;

    server.dropConnections();
    await until(() => connection.state !== 'connected', 'the drop');
    server.patronSays(newest.id, 'Still there?');
    await until(() => connection.state === 'connected', 'the reconnection');
    const listed = Object.keys(server.syncRequests.at(-1)?.lastSeqByChat ?? {});
    expect(listed).toHaveLength(LIMITS.syncedChatsMax);
    expect(listed).not.toContain(oldest.id);
    expect(bodies(connection, newest.id)).toEqual([newest.question, 'Still there?']);
    expect(connection.messages(oldest.id)).toEqual([]);
  });
});
