import { until as untilWidget } from '../support/patron-connection-until';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { PatronConnection, type PatronConnectionState } from '../../src/client/patron-connection';
import { PATRON_NAMESPACE } from '../../src/protocol/patron-contract';
import {
  ask,
  closeAllClients,
  connectPatron,
  dataOf,
  nextEvent,
  recordEvents,
  settle,
  signIn,
  type SignedInOperator,
} from '../support/clients';
import { messageId, patronAsks } from '../support/flows';
import { claimedChat, codeOf } from '../support/team-flows';
import { addAccount, startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let alice: SignedInOperator;

const PATRON_RETURN_MS = 400;
const PATRON_SETTLE_MS = 150;

beforeAll(async () => {
  server = await startTestServer({
    timings: { patronReturnMs: PATRON_RETURN_MS, patronSettleMs: PATRON_SETTLE_MS, upkeepIntervalMs: 50 },
  });
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

describe('typing', () => {
  it('each side sees when the other is typing, and nothing of it is stored', async () => {
    alice = await signIn(server.url, 'alice');
    const { chatId, patron } = await claimedChat(server.url, alice);
    const before = await server.snapshot();

    const patronSees = nextEvent(patron, 'chat:typing');
    dataOf(await ask(alice.socket, 'chat:typing', { chatId, typing: true }));
    expect(await patronSees).toEqual({ chatId, typing: true, name: 'Alice' });

    const aliceSees = nextEvent(alice.socket, 'chat:typing');
    dataOf(await ask(patron, 'chat:typing', { typing: false }));
    expect(await aliceSees).toEqual({ chatId, typing: false, authorKind: 'patron', name: 'Patron', operatorId: null });
    expect(await server.snapshot()).toEqual(before);
  });

  it('an operator who is not in the chat cannot say they are typing in it', async () => {
    alice = await signIn(server.url, 'alice');
    const bob = await signIn(server.url, 'bob');
    const { chatId, patron } = await claimedChat(server.url, alice);
    const patronHeard = recordEvents(patron, 'chat:typing');
    const ack = await ask(bob.socket, 'chat:typing', { chatId, typing: true });
    expect(ack.ok === false && ack.error.code).toBe('NOT_CHAT_OWNER');
    await settle(patron);
    expect(patronHeard).toEqual([]);
  });
});

describe('queue position', () => {
  it('a waiting patron is told their place in the queue, and moves up when the chat ahead is claimed', async () => {
    alice = await signIn(server.url, 'alice');
    // Research Help is quiet in this file: only these two chats wait there.
    const first = await patronAsks(server.url, { departmentId: 'research-help', question: 'First question' });
    const second = await connectSecond();
    expect(second.queuePosition).toBe(2);
    const movedUp = untilPosition(second.widget, 1);
    dataOf(await ask(alice.socket, 'chat:claim', { chatId: first.chatId }));
    expect(await movedUp).toEqual({ chatId: second.chatId, position: 1 });
  });
});

/**
 * A second patron in Research Help, started from the widget's connection to read the queue position in
 * the start answer and then as the widget keeps it (the queue's moves reach every waiting widget at once).
 */
async function connectSecond() {
  const widget = new PatronConnection({
    url: `${server.url}${PATRON_NAMESPACE}`,
    departmentId: 'research-help',
    tokens: { read: () => null, write: () => undefined, clear: () => undefined },
    socketOptions: { transports: ['websocket'] },
  });
  onTestFinished(() => widget.close());
  await untilState(widget, (state) => state.link === 'online');
  const started = await widget.start({ question: 'Second question' });
  if (!started.ok) throw new Error(`chat:start refused: ${started.error.code}`);
  return { widget, chatId: started.data.id, queuePosition: widget.getState().queuePosition };
}

/** The widget's place once it shows `position`, as { chatId, position }. */
async function untilPosition(widget: PatronConnection, position: number) {
  await untilState(widget, (state) => state.queuePosition === position);
  return { chatId: widget.getState().chat?.id, position: widget.getState().queuePosition };
}

/** The shared wait for a widget's state, with the integration suite's longer patience. */
function untilState(widget: PatronConnection, predicate: (state: PatronConnectionState) => boolean): Promise<void> {
  return untilWidget(widget, predicate, 5000);
}

describe('patron details', () => {
  it("a returning patron's earlier chats are listed: the same email, or the same browser's resume token", async () => {
    alice = await signIn(server.url, 'alice');
    const byEmail = await patronAsks(server.url, { email: 'returning@example.org', question: 'Earlier by email' });
    const byBrowser = await patronAsks(server.url, { question: 'Earlier in this browser' });
    const stranger = await patronAsks(server.url, { question: 'Somebody else' });

    const now = await patronAsks(server.url, {
      email: 'returning@example.org',
      question: 'Back again',
      previousResumeToken: byBrowser.resumeToken,
    });
    const preview = dataOf(await ask(alice.socket, 'chat:preview', { chatId: now.chatId }));
    const history = preview.patronHistory ?? [];
    expect(history.map((entry) => [entry.chatId, entry.match]).sort()).toEqual(
      [
        [byEmail.chatId, 'email'],
        [byBrowser.chatId, 'browser'],
      ].sort(),
    );
    expect(history.map((entry) => entry.chatId)).not.toContain(stranger.chatId);
    const transcript = dataOf(await ask(alice.socket, 'chat:transcript', { chatId: now.chatId }));
    expect(transcript.patronHistory).toEqual(history);
  });

  it("an ended chat's token stops resuming once the browser has started its next chat", async () => {
    const first = await patronAsks(server.url, { question: 'Where are the tax forms?' });
    dataOf(await ask(first.patron, 'chat:leave', {}));
    // Until the next chat exists, the patron may reopen the ended one (a refresh shows "This chat has ended").
    const reader = await connectPatron(server.url);
    expect(dataOf(await ask(reader, 'chat:resume', { resumeToken: first.resumeToken })).chat.status).toBe('ended');

    const next = await patronAsks(server.url, { question: 'And a card?', previousResumeToken: first.resumeToken });
    expect(codeOf(await ask(reader, 'chat:resume', { resumeToken: first.resumeToken }))).toBe('CHAT_NOT_FOUND');
    expect(dataOf(await ask(reader, 'chat:resume', { resumeToken: next.resumeToken })).chat.id).toBe(next.chatId);
  });

  it('an operator sees only the earlier chats of departments they monitor', async () => {
    await addAccount(server, {
      username: 'rita',
      displayName: 'Rita',
      role: 'operator',
      departmentIds: ['general-reference'],
    });
    const rita = await signIn(server.url, 'rita');
    const elsewhere = await patronAsks(server.url, {
      departmentId: 'research-help',
      email: 'private@example.org',
      question: 'Asked in Research Help',
    });
    const here = await patronAsks(server.url, { email: 'private@example.org', question: 'Asked in General Reference' });
    const now = await patronAsks(server.url, { email: 'private@example.org', question: 'Back again' });
    const seen = dataOf(await ask(rita.socket, 'chat:preview', { chatId: now.chatId })).patronHistory ?? [];
    expect(seen.map((entry) => entry.chatId)).toEqual([here.chatId]);
    expect(seen.map((entry) => entry.chatId)).not.toContain(elsewhere.chatId);
  });
});

describe('the patron leaves', () => {
  it('a patron who loses connection and comes back in time continues the chat', async () => {
    alice = await signIn(server.url, 'alice');
    const { chatId, patron, resumeToken } = await claimedChat(server.url, alice);
    // Patrons of earlier tests' chats (closed after each test) come and go too: only this chat counts.
    const away = nextEvent(alice.socket, 'chat:patron-presence', (n) => n.chatId === chatId && n.state === 'away');
    patron.disconnect();
    expect(await away).toMatchObject({ chatId, state: 'away' });
    const preview = dataOf(await ask(alice.socket, 'chat:preview', { chatId }));
    expect(preview.chat.patronAwaySince).toEqual(expect.any(Number));

    const back = nextEvent(alice.socket, 'chat:patron-presence', (n) => n.chatId === chatId && n.state === 'back');
    const again = await connectPatron(server.url);
    dataOf(await ask(again, 'chat:resume', { resumeToken }));
    await back;
    dataOf(await ask(again, 'chat:send', { id: messageId(), body: 'Sorry, my wifi dropped.' }));
    const heard = recordEvents(alice.socket, 'chat:patron-presence');
    await new Promise((resolve) => setTimeout(resolve, PATRON_SETTLE_MS + PATRON_RETURN_MS + 200));
    await settle(alice.socket);
    expect(heard.filter((notice) => notice.chatId === chatId)).toEqual([]);
  });

  it('a patron who does not come back: the operator is told they left, and can End Chat', async () => {
    alice = await signIn(server.url, 'alice');
    const { chatId, patron } = await claimedChat(server.url, alice);
    const left = nextEvent(alice.socket, 'chat:patron-presence', (n) => n.chatId === chatId && n.state === 'left');
    const line = nextEvent(alice.socket, 'chat:message', (m) => m.chatId === chatId && m.event?.type === 'patron-left');
    patron.disconnect();
    expect(await left).toMatchObject({ chatId, state: 'left' });
    expect((await line).body).toBe('The patron left the chat; you can End Chat.');
    expect(dataOf(await ask(alice.socket, 'chat:end', { chatId })).chat.status).toBe('ended');
  });

  it('a patron declared gone who comes back after all is reported back', async () => {
    alice = await signIn(server.url, 'alice');
    const { chatId, patron, resumeToken } = await claimedChat(server.url, alice);
    const left = nextEvent(alice.socket, 'chat:patron-presence', (n) => n.chatId === chatId && n.state === 'left');
    patron.disconnect();
    await left;
    // A console that reloads now still learns that the patron left.
    const gone = dataOf(await ask(alice.socket, 'chat:preview', { chatId })).chat;
    expect(gone).toMatchObject({ patronAwaySince: null, patronLeftAt: expect.any(Number) });

    const back = nextEvent(alice.socket, 'chat:patron-presence', (n) => n.chatId === chatId && n.state === 'back');
    const again = await connectPatron(server.url);
    dataOf(await ask(again, 'chat:resume', { resumeToken }));
    expect(await back).toMatchObject({ chatId, state: 'back' });
    expect(dataOf(await ask(alice.socket, 'chat:preview', { chatId })).chat.patronLeftAt).toBeNull();
  });
});
