import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PatronConnection, ResumeTokenStore } from '../../src/client/patron-connection';
import { memoryTokens, testWidget } from '../support/test-widgets';
import type { ChatSummary } from '../../src/protocol/models';
import { until as untilWidget } from '../support/patron-connection-until';
import { ask, closeAllClients, dataOf, nextEvent, recordEvents, settle, signIn } from '../support/clients';
import { claimedChat, onlineOperator } from '../support/team-flows';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Every chat is in someone's hands or visibly nobody's (issue 11): a waiting
 * patron who leaves stops counting in the queue and, past the return period,
 * ends unanswered; an operator who leaves (or whose consoles vanish) hands
 * their chats back to the queue. Real servers, on SQLite and PostgreSQL.
 */

const SETTLE_MS = 100;
const RETURN_MS = 700;
const GRACE_MS = 400;
const TIMINGS = {
  patronSettleMs: SETTLE_MS,
  patronReturnMs: RETURN_MS,
  presenceGraceMs: GRACE_MS,
  upkeepIntervalMs: 50,
  // The sweep has tests of its own below.
  presenceSweepMs: 3_600_000,
};

let server: TestServer;
const widgets: PatronConnection[] = [];

beforeAll(async () => {
  server = await startTestServer({ timings: TIMINGS });
});
afterEach(() => {
  for (const widget of widgets.splice(0)) widget.close();
  closeAllClients();
});
afterAll(() => server.close());

/** The widget on a patron's page; the same tokens again play the patron coming back. */
function widgetOf(url: string, tokens: ResumeTokenStore, departmentId: string): PatronConnection {
  const widget = testWidget(url, tokens, departmentId);
  widgets.push(widget);
  return widget;
}

async function patronWaits(url: string, question: string, departmentId: string) {
  const tokens = memoryTokens();
  const widget = widgetOf(url, tokens, departmentId);
  await untilWidget(widget, (state) => state.link === 'online', 5000);
  const ack = await widget.start({ question });
  if (!ack.ok) throw new Error(`chat:start refused: ${ack.error.code}`);
  return { widget, chatId: ack.data.id, tokens };
}

const placeOf = (widget: PatronConnection, position: number | null) =>
  untilWidget(widget, (state) => state.queuePosition === position, 5000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the database until `check` holds for the chat's row (a deadline acted on by some process). */
async function rowUntil(
  db: TestServer,
  chatId: string,
  check: (row: { status: string; ended_by: string | null; patron_away_since: number | null }) => boolean,
  timeoutMs = 8000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.storage.db.selectFrom('chats').selectAll().where('id', '=', chatId).executeTakeFirstOrThrow();
    if (check(row)) return row;
    if (Date.now() > deadline) throw new Error(`chat ${chatId} never got there: ${JSON.stringify(row)}`);
    await sleep(40);
  }
}

async function linesOf(db: TestServer, chatId: string): Promise<string[]> {
  const rows = await db.storage.db
    .selectFrom('messages')
    .select('body')
    .where('chat_id', '=', chatId)
    .where('author_kind', '=', 'system')
    .orderBy('seq')
    .execute();
  return rows.map((row) => row.body);
}

describe('a waiting patron who leaves', () => {
  it('stops counting in the queue at once for the others, and comes back to the same place in time', async () => {
    const sam = await signIn(server.url, 'sam');
    const updates = recordEvents(sam.socket, 'chat:updated');
    const first = await patronWaits(server.url, 'One', 'research-help');
    const second = await patronWaits(server.url, 'Two', 'research-help');
    const third = await patronWaits(server.url, 'Three', 'research-help');
    await placeOf(third.widget, 3);

    const awayNotice = nextEvent(sam.socket, 'chat:patron-presence', (n) => n.chatId === second.chatId);
    second.widget.close();
    // The queue's watchers hear it at once; after the settle period it is stored and the others move up.
    expect(await awayNotice).toMatchObject({ state: 'away' });
    await placeOf(third.widget, 2);
    await placeOf(first.widget, 1);
    const stored = updates.find((chat) => chat.id === second.chatId && typeof chat.patronAwaySince === 'number');
    expect(stored?.status).toBe('waiting');
    expect(await linesOf(server, second.chatId)).toEqual(['The patron left the queue.']);

    // Back within the return period: the same place again, and the one behind moves back.
    const again = widgetOf(server.url, second.tokens, 'research-help');
    await placeOf(again, 2);
    await placeOf(third.widget, 3);
    expect(await linesOf(server, second.chatId)).toEqual(['The patron left the queue.', 'The patron is back.']);
    await sleep(RETURN_MS + 200);
    expect((await rowUntil(server, second.chatId, () => true)).status).toBe('waiting');
    for (const { chatId } of [first, second, third]) {
      dataOf(await ask(sam.socket, 'chat:claim', { chatId }));
      dataOf(await ask(sam.socket, 'chat:end', { chatId }));
    }
  });

  it('a page change (back within the settle period) leaves no trace', async () => {
    const waiting = await patronWaits(server.url, 'Quick page change', 'research-help');
    waiting.widget.close();
    const again = widgetOf(server.url, waiting.tokens, 'research-help');
    await placeOf(again, 1);
    await sleep(SETTLE_MS + 150);
    expect(await linesOf(server, waiting.chatId)).toEqual([]);
    const sam = await signIn(server.url, 'sam');
    dataOf(await ask(sam.socket, 'chat:claim', { chatId: waiting.chatId }));
    dataOf(await ask(sam.socket, 'chat:end', { chatId: waiting.chatId }));
  });

  it('who does not come back: the chat ends unanswered (missed), with its transcript, without anyone clicking', async () => {
    const sam = await signIn(server.url, 'sam');
    const waiting = await patronWaits(server.url, 'Anyone there?', 'research-help');
    const ended = nextEvent(
      sam.socket,
      'chat:updated',
      (chat) => chat.id === waiting.chatId && chat.status === 'ended',
    );
    waiting.widget.close();
    const chat = await ended;
    expect(chat).toMatchObject({ endedBy: 'missed', ownerId: null, claimedAt: null });
    const transcript = dataOf(await ask(sam.socket, 'chat:transcript', { chatId: waiting.chatId }));
    expect(transcript.messages.map((message) => message.body)).toEqual([
      'The patron left the queue.',
      'The patron left before anyone answered; the chat ended unanswered.',
    ]);
    expect(transcript.messages.at(-1)?.event).toEqual({ type: 'ended', by: 'missed' });
    // Nobody can claim it any more.
    const claim = await ask(sam.socket, 'chat:claim', { chatId: waiting.chatId });
    expect(claim.ok === false && claim.error.code).toBe('CHAT_ENDED');
  });
});

describe('an operator who leaves hands their chats on', () => {
  it('hand back: each chat returns to its queue marked as returned, the patron is told, a colleague claims one', async () => {
    const alice = await onlineOperator(server.url, 'alice');
    const bob = await onlineOperator(server.url, 'bob');
    const one = await claimedChat(server.url, alice, 'Maps of the harbour?');
    const two = await claimedChat(server.url, alice, 'Interlibrary loan?');
    const bobsOwn = await claimedChat(server.url, bob, 'Printing?');
    const arrived = recordEvents(bob.socket, 'chat:new');
    const patronLine = nextEvent(one.patron, 'chat:message', (message) => message.event?.type === 'handed-back');
    const patronStatus = nextEvent(one.patron, 'chat:status', (view) => view.status === 'waiting');
    const aliceAlerted = recordEvents(alice.socket, 'chat:new');

    const { chats } = dataOf(await ask(alice.socket, 'chats:hand-back', {}));
    expect(chats.map((chat) => chat.id).sort()).toEqual([one.chatId, two.chatId].sort());
    for (const chat of chats) {
      expect(chat).toMatchObject({ status: 'waiting', ownerId: null, returnedBy: { id: alice.me.id, name: 'Alice' } });
    }
    expect((await patronLine).body).toBe('Alice had to leave; another librarian will be with you shortly.');
    expect((await patronStatus).operatorName).toBeNull();
    await settle(bob.socket);
    expect(arrived.filter((chat) => chat.returnedBy?.id === alice.me.id).map((chat) => chat.id)).toHaveLength(2);
    await settle(alice.socket);
    expect(aliceAlerted).toEqual([]);

    const taken = dataOf(await ask(bob.socket, 'chat:claim', { chatId: one.chatId }));
    expect(taken.chat).toMatchObject({ status: 'active', ownerId: bob.me.id, returnedBy: null });
    // Bob's own chat was never Alice's to hand back.
    const bobs = dataOf(await ask(bob.socket, 'chat:preview', { chatId: bobsOwn.chatId }));
    expect(bobs.chat).toMatchObject({ status: 'active', ownerId: bob.me.id });
    // Nothing left in progress: a second hand-back hands back nothing.
    expect(dataOf(await ask(alice.socket, 'chats:hand-back', {})).chats).toEqual([]);
  });

  it('a console that vanishes past the grace period: the server hands the chats back for them', async () => {
    const alice = await onlineOperator(server.url, 'alice');
    const bob = await onlineOperator(server.url, 'bob');
    const chat = await claimedChat(server.url, alice, 'My laptop is about to die');
    const returned = nextEvent(
      bob.socket,
      'chat:new',
      (arrived: ChatSummary) => arrived.id === chat.chatId && arrived.returnedBy?.id === alice.me.id,
    );
    const line = nextEvent(chat.patron, 'chat:message', (message) => message.event?.type === 'handed-back');
    const gone = Date.now();
    alice.socket.disconnect();
    expect(await returned).toMatchObject({ status: 'waiting', ownerId: null });
    expect(Date.now() - gone).toBeGreaterThanOrEqual(GRACE_MS - 50);
    expect((await line).body).toBe('Alice lost their connection; another librarian will be with you shortly.');
  });

  it('a console that comes back within the grace period keeps its chats', async () => {
    const alice = await onlineOperator(server.url, 'alice');
    const chat = await claimedChat(server.url, alice, 'Just a blip');
    alice.socket.disconnect();
    await sleep(GRACE_MS / 4);
    const back = await signIn(server.url, 'alice');
    await sleep(GRACE_MS + 300);
    const seen = dataOf(await ask(back.socket, 'chat:preview', { chatId: chat.chatId }));
    expect(seen.chat).toMatchObject({ status: 'active', ownerId: alice.me.id });
    expect(await linesOf(server, chat.chatId)).toEqual(['Alice has joined the chat.']);
  });
});

describe('deadlines survive a restart and fire once', () => {
  let holder: TestServer;

  beforeAll(async () => {
    // Owns the database and never acts on a deadline itself: the nodes below come and go over it.
    holder = await startTestServer({ timings: { upkeepIntervalMs: 3_600_000 } });
  });
  afterAll(() => holder.close());

  it("a patron's return deadline stored by one process is acted on by the next ones, exactly once", async () => {
    const before = await startTestServer({ sameDatabaseAs: holder, timings: TIMINGS });
    const waiting = await patronWaits(before.url, 'Before the restart', 'research-help');
    waiting.widget.close();
    await rowUntil(holder, waiting.chatId, (row) => row.patron_away_since !== null);
    await before.close();

    // Two processes after the restart, both looking at the same deadline.
    const [after, beside] = await Promise.all([
      startTestServer({ sameDatabaseAs: holder, timings: TIMINGS }),
      startTestServer({ sameDatabaseAs: holder, timings: TIMINGS }),
    ]);
    try {
      const row = await rowUntil(holder, waiting.chatId, (candidate) => candidate.status === 'ended');
      expect(row.ended_by).toBe('missed');
      await sleep(300);
      expect(await linesOf(holder, waiting.chatId)).toEqual([
        'The patron left the queue.',
        'The patron left before anyone answered; the chat ended unanswered.',
      ]);
    } finally {
      await Promise.all([after.close(), beside.close()]);
    }
  });

  it("an operator's grace deadline survives a restart: the next process hands their chats back", async () => {
    const before = await startTestServer({ sameDatabaseAs: holder, timings: TIMINGS });
    const alice = await signIn(before.url, 'alice');
    const chat = await claimedChat(before.url, alice, 'Server restarting');
    // Stopping the server says goodbye to every console: the deadline is written on the way out.
    await before.close();
    const after = await startTestServer({ sameDatabaseAs: holder, timings: TIMINGS });
    try {
      // Its patron went with the restart too, so once back in the queue it may end as missed later.
      const row = await rowUntil(holder, chat.chatId, (candidate) => candidate.status !== 'active');
      expect(row).toMatchObject({ returned_by_id: alice.me.id, owner_id: null });
    } finally {
      await after.close();
    }
  });

  it('a restart that takes longer than the grace hands nothing back when the librarian reconnects at once', async () => {
    const before = await startTestServer({ sameDatabaseAs: holder, timings: TIMINGS });
    const alice = await signIn(before.url, 'alice');
    const chat = await claimedChat(before.url, alice, 'A slow upgrade');
    await before.close();
    // The upgrade takes longer than the grace period: the deadline written on the way out is past.
    await sleep(GRACE_MS + 200);
    const after = await startTestServer({ sameDatabaseAs: holder, timings: TIMINGS });
    try {
      await sleep(GRACE_MS / 2);
      const back = await signIn(after.url, 'alice');
      await sleep(GRACE_MS + 300);
      const seen = dataOf(await ask(back.socket, 'chat:preview', { chatId: chat.chatId }));
      expect(seen.chat).toMatchObject({ status: 'active', ownerId: alice.me.id });
    } finally {
      await after.close();
    }
  });

  it('the sweep finds a patron who left while no process watched, and an owner with no console anywhere', async () => {
    const before = await startTestServer({ sameDatabaseAs: holder, timings: TIMINGS });
    const waiting = await patronWaits(before.url, 'Lost in a restart', 'research-help');
    const alice = await signIn(before.url, 'alice');
    const answered = await claimedChat(before.url, alice, 'Also lost in a restart');
    await before.close();
    // As if the process had died without a word: no absence and no deadline stored.
    await holder.storage.db
      .updateTable('chats')
      .set({ patron_away_since: null, patron_return_by: null })
      .where('id', 'in', [waiting.chatId, answered.chatId])
      .execute();
    await holder.storage.db
      .updateTable('accounts')
      .set({ handback_due_at: null })
      .where('id', '=', alice.me.id)
      .execute();
    for (const widget of widgets.splice(0)) widget.close();

    const after = await startTestServer({ sameDatabaseAs: holder, timings: { ...TIMINGS, presenceSweepMs: 200 } });
    try {
      const missed = await rowUntil(holder, waiting.chatId, (row) => row.status === 'ended');
      expect(missed.ended_by).toBe('missed');
      // Handed back; its patron is gone as well, so it may already have ended as missed.
      const returned = await rowUntil(holder, answered.chatId, (row) => row.status !== 'active');
      expect(returned).toMatchObject({ returned_by_id: alice.me.id, owner_id: null });
    } finally {
      await after.close();
    }
  });
});
