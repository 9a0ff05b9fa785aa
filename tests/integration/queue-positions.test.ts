import { until as untilWidget } from '../support/patron-connection-until';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PatronConnection, PatronConnectionState, ResumeTokenStore } from '../../src/client/patron-connection';
import { hashToken, newSecretToken } from '../../server/auth/tokens';
import { memoryTokens, testWidget } from '../support/test-widgets';
import { createRepositories } from '../../server/repositories';
import { ask, closeAllClients, dataOf, recordEvents, settle, signIn, type SignedInOperator } from '../support/clients';
import { patronAsks } from '../support/flows';
import { claimedChat, onlineOperator } from '../support/team-flows';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * "You are number N in the queue", as the widget's connection keeps it against
 * a real server: one push per chat that joins or leaves a queue, told to every
 * chat waiting there, and an exact count on start and resume. Each test uses a
 * department of its own queue (Research Help), emptied between tests.
 */

let server: TestServer;
let alice: SignedInOperator;
const widgets: PatronConnection[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const widget of widgets.splice(0)) widget.close();
  // What is still waiting in Research Help is ended, so the next test starts with an empty queue.
  const operator = await signIn(server.url, 'sam');
  const { chats } = dataOf(await ask(operator.socket, 'console:sync', { lastSeqByChat: {} }));
  for (const chat of chats) {
    if (chat.status === 'waiting' && chat.departmentId === 'research-help') {
      dataOf(await ask(operator.socket, 'chat:claim', { chatId: chat.id }));
      dataOf(await ask(operator.socket, 'chat:end', { chatId: chat.id }));
    }
  }
  closeAllClients();
});
afterAll(() => server.close());

/** The widget on a patron's page (pass the same tokens again to play a reload). */
function widgetOf(tokens: ResumeTokenStore = memoryTokens(), departmentId = 'research-help'): PatronConnection {
  const widget = testWidget(server.url, tokens, departmentId);
  widgets.push(widget);
  return widget;
}

/** The shared wait for a widget's state, with the integration suite's longer patience. */
function until(widget: PatronConnection, predicate: (state: PatronConnectionState) => boolean): Promise<void> {
  return untilWidget(widget, predicate, 5000);
}

/** A patron asks in Research Help from the widget; resolves with the widget once it shows its number. */
async function patronWaits(question: string, departmentId = 'research-help') {
  const tokens = memoryTokens();
  const widget = widgetOf(tokens, departmentId);
  await until(widget, (state) => state.link === 'online');
  const ack = await widget.start({ question });
  if (!ack.ok) throw new Error(`chat:start refused: ${ack.error.code}`);
  return { widget, chatId: ack.data.id, tokens };
}

const numberOf = (widget: PatronConnection) => widget.getState().queuePosition;
const shows = (widget: PatronConnection, position: number | null) =>
  until(widget, (state) => state.queuePosition === position);

describe('the patron sees their place in the queue', () => {
  it('each new patron is told their number, and everyone behind moves up when a chat ahead is claimed', async () => {
    alice = await signIn(server.url, 'alice');
    const first = await patronWaits('First question');
    const second = await patronWaits('Second question');
    const third = await patronWaits('Third question');
    expect([first, second, third].map(({ widget }) => numberOf(widget))).toEqual([1, 2, 3]);

    dataOf(await ask(alice.socket, 'chat:claim', { chatId: first.chatId }));
    await shows(second.widget, 1);
    await shows(third.widget, 2);
    await shows(first.widget, null);
  });

  it('a patron who leaves, or whose chat is claimed from the middle, moves up only those behind them', async () => {
    alice = await signIn(server.url, 'alice');
    const waiting = [];
    for (const question of ['One', 'Two', 'Three', 'Four']) waiting.push(await patronWaits(question));
    const [one, two, three, four] = waiting;
    if (!one || !two || !three || !four) throw new Error('four patrons wait');

    const left = await three.widget.leave();
    expect(left.ok).toBe(true);
    await shows(four.widget, 3);
    dataOf(await ask(alice.socket, 'chat:claim', { chatId: two.chatId }));
    await shows(four.widget, 2);
    // Nobody ahead of the first moved: still next.
    await settle(alice.socket);
    expect(numberOf(one.widget)).toBe(1);
    expect(numberOf(three.widget)).toBeNull();
  });

  it('a chat transferred to the department takes its place by when it was asked, and everyone after it moves back', async () => {
    alice = await onlineOperator(server.url, 'alice');
    await onlineOperator(server.url, 'bob');
    // Asked first, in General Reference, and claimed there.
    const early = await claimedChat(server.url, alice, 'An early question about maps');
    const later = await patronWaits('A later question');
    expect(numberOf(later.widget)).toBe(1);

    dataOf(
      await ask(alice.socket, 'chat:transfer', {
        chatId: early.chatId,
        to: { kind: 'department', id: 'research-help' },
      }),
    );
    await shows(later.widget, 2);
    // The transferred patron's widget, reloaded from its token: its exact place.
    const tokens = memoryTokens();
    tokens.value = early.resumeToken;
    await shows(widgetOf(tokens), 1);
  });

  it("the transferred patron's open widget is told its number when the chat lands in the queue", async () => {
    alice = await onlineOperator(server.url, 'alice');
    await onlineOperator(server.url, 'bob');
    const waiting = await patronWaits('Waiting in Research Help');
    const moved = await patronWaits('Asked next, in General Reference', 'general-reference');
    expect(numberOf(moved.widget)).toBe(1);
    dataOf(await ask(alice.socket, 'chat:claim', { chatId: moved.chatId }));
    await shows(moved.widget, null);
    dataOf(
      await ask(alice.socket, 'chat:transfer', {
        chatId: moved.chatId,
        to: { kind: 'department', id: 'research-help' },
      }),
    );
    await shows(moved.widget, 2);
    expect(numberOf(waiting.widget)).toBe(1);
  });

  it('a refreshed widget shows its exact number, counting what changed while it was closed', async () => {
    alice = await signIn(server.url, 'alice');
    const first = await patronWaits('First question');
    await patronWaits('Second question');
    const third = await patronWaits('Third question');
    expect(numberOf(third.widget)).toBe(3);
    third.widget.close();

    dataOf(await ask(alice.socket, 'chat:claim', { chatId: first.chatId }));
    const reloaded = widgetOf(third.tokens);
    await shows(reloaded, 2);
  });
});

describe('a chat that joins the queue in the middle', () => {
  it('a chat asked here waits ahead of one asked on a node whose clock runs ahead, and that patron moves back', async () => {
    // Written as another server node would: the same database, a clock a minute ahead.
    const token = newSecretToken();
    const repos = createRepositories(server.storage.db);
    await repos.chats.create({
      departmentId: 'research-help',
      question: 'Asked on the other node',
      patronName: null,
      patronEmail: null,
      patronIp: null,
      pageUrl: null,
      referrer: null,
      userAgent: null,
      browser: null,
      extraFields: {},
      resumeTokenHash: hashToken(token),
      createdAt: Date.now() + 60_000,
    });
    const tokens = memoryTokens();
    tokens.value = token;
    const ahead = widgetOf(tokens);
    await shows(ahead, 1);

    const here = await patronWaits('Asked here, a moment later by the wall clock');
    expect(numberOf(here.widget)).toBe(1);
    await shows(ahead, 2);
  });
});

describe('what a claim costs the queue', () => {
  it('one push to each waiting patron, and no per-chat position, however long the queue', async () => {
    alice = await signIn(server.url, 'alice');
    const patrons = [];
    for (let i = 0; i < 5; i++) {
      patrons.push(await patronAsks(server.url, { departmentId: 'research-help', question: `Question ${i}` }));
    }
    // Each start's own push (a chat joined at the back) has arrived before listening.
    for (const { patron } of patrons) await settle(patron);
    const heard = patrons.map(({ patron }) => ({
      moved: recordEvents(patron, 'queue:moved'),
      positions: recordEvents(patron, 'queue:position'),
    }));
    const [claimed] = patrons;
    if (!claimed) throw new Error('five patrons wait');
    dataOf(await ask(alice.socket, 'chat:claim', { chatId: claimed.chatId }));
    for (const { patron } of patrons) await settle(patron);

    expect(heard[0]).toEqual({ moved: [], positions: [] });
    for (const patron of heard.slice(1)) {
      expect(patron.positions).toEqual([]);
      expect(patron.moved).toEqual([
        {
          departmentId: 'research-help',
          change: 'left',
          ticket: { chatId: claimed.chatId, createdAt: expect.any(Number) },
        },
      ]);
    }
  });
});
