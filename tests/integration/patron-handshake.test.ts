import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../src/protocol/ack';
import type { Message } from '../../src/protocol/models';
import { PATRON_NAMESPACE } from '../../src/protocol/patron-contract';
import { ask, closeAllClients, dataOf, nextEvent, type PatronClient } from '../support/clients';
import { messageId, patronAsks } from '../support/flows';
import { claimedChat, onlineOperator } from '../support/team-flows';
import { startTestServer, type TestServer } from '../support/test-server';

const opened: PatronClient[] = [];

/** A widget's socket as the widget opens it: the resume token in the handshake; not connected yet. */
function widgetSocket(server: TestServer, resumeToken: string | null): PatronClient {
  const socket: PatronClient = io(`${server.url}${PATRON_NAMESPACE}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    autoConnect: false,
    auth: (callback) => callback(resumeToken ? { resumeToken } : {}),
  });
  opened.push(socket);
  return socket;
}

function sendAck(socket: PatronClient, body: string): Promise<Ack<{ message: Message }>> {
  return socket.timeout(5_000).emitWithAck('chat:send', { id: messageId(), body });
}

describe('a widget socket carries its chat in the handshake', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    closeAllClients();
    await server.close();
  });
  afterEach(() => {
    for (const socket of opened.splice(0)) socket.disconnect();
    closeAllClients();
  });

  it('a message typed while the connection was down is stored when socket.io flushes it on reconnect, before any resume', async () => {
    const alice = await onlineOperator(server.url, 'alice');
    const chat = await claimedChat(server.url, alice);
    chat.patron.disconnect();

    const socket = widgetSocket(server, chat.resumeToken);
    // Emitted while disconnected: socket.io-client buffers it and sends it first thing after the handshake.
    const sent = sendAck(socket, 'Typed while offline');
    const heardByAlice = nextEvent(alice.socket, 'chat:message', (message) => message.body === 'Typed while offline');
    socket.connect();
    const ack = await sent;
    expect(ack.ok ? ack.data.message.body : ack.error.code).toBe('Typed while offline');
    await heardByAlice;
  });

  it('the librarian’s reply reaches a freshly opened page before its resume is answered', async () => {
    const alice = await onlineOperator(server.url, 'alice');
    const chat = await claimedChat(server.url, alice);
    chat.patron.disconnect();

    const socket = widgetSocket(server, chat.resumeToken);
    socket.connect();
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const heard = nextEvent(socket, 'chat:message', (message) => message.body === 'Still with you');
    dataOf(await ask(alice.socket, 'chat:send', { chatId: chat.chatId, id: messageId(), body: 'Still with you' }));
    expect((await heard).chatId).toBe(chat.chatId);
  });

  it('a socket without a token, or with one that opens nothing, is not tied to any chat', async () => {
    for (const token of [null, 'not-a-real-token-0123456789abcdef']) {
      const socket = widgetSocket(server, token);
      socket.connect();
      const ack = await sendAck(socket, 'hello?');
      expect(ack.ok ? 'stored' : ack.error.code).toBe('NO_ACTIVE_CHAT');
    }
  });

  it('an ended chat’s token opens nothing once the browser has started its next chat', async () => {
    const first = await patronAsks(server.url, { question: 'First visit' });
    dataOf(await ask(first.patron, 'chat:leave', {}));
    await patronAsks(server.url, { question: 'Next visit', previousResumeToken: first.resumeToken });

    const socket = widgetSocket(server, first.resumeToken);
    socket.connect();
    const ack = await sendAck(socket, 'reading the old chat?');
    expect(ack.ok ? 'stored' : ack.error.code).toBe('NO_ACTIVE_CHAT');
  });
});
