import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHARE_LIMITS, type ScreenshareSession } from '../../src/protocol/screenshare';
import {
  ask,
  askRaw,
  closeAllClients,
  connectPatron,
  dataOf,
  nextEvent,
  type PatronClient,
  settle,
  type SignedInOperator,
} from '../support/clients';
import { claimedChat, codeOf, onlineOperator } from '../support/team-flows';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Issue 12: the server's side of screen sharing. A session is requested by an
 * operator in a chat they are in, joined by the patron (whose own window then
 * takes the guest's side with the key the widget made), launched by the host,
 * and its offer, answer and candidates are relayed between those two sockets
 * only. Every step is a line of the chat. Refused: a third socket, a patron
 * without a request, an expired request, an oversized SDP, a session after the
 * chat ended. Runs on SQLite and PostgreSQL.
 */
let server: TestServer;
let alice: SignedInOperator;
let bob: SignedInOperator;

const WINDOW_KEY = 'window-key-0123456789abcdef';
const OFFER = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';

beforeAll(async () => {
  server = await startTestServer({
    // Short waits, so the expiry and the lost connection's grace run out within a test.
    timings: { screenshareRequestMs: 600, screenshareGraceMs: 400, upkeepIntervalMs: 50 },
  });
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

async function team(): Promise<void> {
  [alice, bob] = await Promise.all([onlineOperator(server.url, 'alice'), onlineOperator(server.url, 'bob')]);
}

/** Alice has a chat with a patron and asks to share her screen; the patron's widget hears the request. */
async function requested(direction: 'host-shares' | 'guest-shares' = 'host-shares') {
  const { chatId, patron } = await claimedChat(server.url, alice);
  const widgetHears = nextEvent(patron, 'screenshare:updated', (session) => session.state === 'requested');
  const { session } = dataOf(
    await ask(alice.socket, 'screenshare:request', { chat: { kind: 'patron', id: chatId }, direction }),
  );
  expect(await widgetHears).toMatchObject({ id: session.id, state: 'requested', host: { name: 'Alice' } });
  return { chatId, patron, session };
}

/** The patron says Join and their screenshare window (a socket of its own, no chat) takes the guest's side. */
async function joinedWithWindow(patron: PatronClient, session: ScreenshareSession) {
  dataOf(await ask(patron, 'screenshare:answer', { sessionId: session.id, join: true, windowKey: WINDOW_KEY }));
  const viewer = await connectPatron(server.url);
  const attached = dataOf(await ask(viewer, 'screenshare:attach', { sessionId: session.id, windowKey: WINDOW_KEY }));
  expect(attached.session).toMatchObject({ state: 'joined', guestReady: true });
  return viewer;
}

async function transcriptLines(chatId: string): Promise<string[]> {
  const { messages } = dataOf(await ask(alice.socket, 'chat:transcript', { chatId }));
  return messages.filter((message) => message.event?.type === 'screenshare').map((message) => message.body);
}

describe('a screenshare from request to end', () => {
  it('relays offer, answer and candidates between the two sides only, and writes every step into the chat', async () => {
    await team();
    const { chatId, patron, session } = await requested();
    const viewer = await joinedWithWindow(patron, session);

    const launched = dataOf(await ask(alice.socket, 'screenshare:launch', { sessionId: session.id }));
    expect(launched.session.state).toBe('connecting');
    expect(launched.ice.iceTransportPolicy).toBe('all');

    const viewerHearsOffer = nextEvent(viewer, 'screenshare:signal');
    expect(
      dataOf(
        await ask(alice.socket, 'screenshare:signal', { sessionId: session.id, signal: { kind: 'offer', sdp: OFFER } }),
      ),
    ).toEqual({
      relayed: true,
    });
    expect(await viewerHearsOffer).toEqual({ sessionId: session.id, signal: { kind: 'offer', sdp: OFFER } });

    const aliceHearsAnswer = nextEvent(alice.socket, 'screenshare:signal');
    const candidate = {
      kind: 'candidate' as const,
      candidate: 'candidate:1 1 udp 1 10.0.0.2 5000 typ host',
      sdpMid: '0',
      sdpMLineIndex: 0,
    };
    dataOf(await ask(viewer, 'screenshare:signal', { sessionId: session.id, signal: candidate }));
    expect((await aliceHearsAnswer).signal).toEqual(candidate);

    // The picture on and off: lines of the chat; the voices stay (audio-only).
    dataOf(await ask(alice.socket, 'screenshare:media', { sessionId: session.id, sharing: false }));
    const sharing = dataOf(
      await ask(alice.socket, 'screenshare:media', {
        sessionId: session.id,
        sharing: true,
        sourceLabel: 'Entire screen',
      }),
    );
    expect(sharing.session).toMatchObject({ state: 'sharing', sourceLabel: 'Entire screen' });
    dataOf(await ask(alice.socket, 'screenshare:media', { sessionId: session.id, sharing: false }));

    const viewerHearsEnd = nextEvent(viewer, 'screenshare:updated', (s) => s.state === 'ended');
    const ended = dataOf(await ask(viewer, 'screenshare:end', { sessionId: session.id }));
    expect(ended.session).toMatchObject({ state: 'ended', endReason: 'hung-up' });
    await viewerHearsEnd;
    await settle(alice.socket);

    expect(await transcriptLines(chatId)).toEqual([
      'Alice would like to share their screen with you.',
      'The patron joined the screenshare.',
      'Alice started sharing (Entire screen).',
      'Alice stopped sharing; the call goes on.',
      expect.stringMatching(/^The screenshare ended after \d+ s \(.+ ended it\)\.$/),
    ]);
  });

  it("lets the operator ask to see the patron's screen: only the patron's window may report sharing", async () => {
    await team();
    const { patron, session } = await requested('guest-shares');
    const viewer = await joinedWithWindow(patron, session);
    dataOf(await ask(alice.socket, 'screenshare:launch', { sessionId: session.id }));
    expect(codeOf(await ask(alice.socket, 'screenshare:media', { sessionId: session.id, sharing: true }))).toBe(
      'FORBIDDEN',
    );
    const shared = dataOf(
      await ask(viewer, 'screenshare:media', { sessionId: session.id, sharing: true, sourceLabel: 'Chrome tab' }),
    );
    expect(shared.session.state).toBe('sharing');
  });
});

describe('what the server refuses', () => {
  it('refuses a third socket: a colleague not in the session, and a patron socket that is not the window', async () => {
    await team();
    const { patron, session } = await requested();
    const viewer = await joinedWithWindow(patron, session);
    dataOf(await ask(alice.socket, 'screenshare:launch', { sessionId: session.id }));
    const offer = { sessionId: session.id, signal: { kind: 'offer' as const, sdp: OFFER } };

    expect(codeOf(await ask(bob.socket, 'screenshare:signal', offer))).toBe('NOT_FOUND');
    expect(codeOf(await ask(bob.socket, 'screenshare:end', { sessionId: session.id }))).toBe('NOT_FOUND');
    // The patron's widget itself is not the window: it cannot inject signalling.
    expect(codeOf(await ask(patron, 'screenshare:signal', offer))).toBe('NOT_FOUND');
    // Another browser with a wrong key cannot take the window's place.
    const stranger = await connectPatron(server.url);
    expect(
      codeOf(await ask(stranger, 'screenshare:attach', { sessionId: session.id, windowKey: 'not-the-key-0123456789' })),
    ).toBe('NOT_FOUND');
    expect(codeOf(await ask(stranger, 'screenshare:signal', offer))).toBe('NOT_FOUND');
    await settle(viewer);
  });

  it('refuses a patron without a request: no request event for patrons, and no session to join', async () => {
    await team();
    const { patron } = await claimedChat(server.url, alice);
    const asked = await askRaw(patron as unknown as Socket, 'screenshare:request', {
      chat: { kind: 'patron', id: 'x' },
    });
    expect(asked.ok).toBe(false);
    expect(
      codeOf(
        await ask(patron, 'screenshare:answer', { sessionId: 'no-such-session', join: true, windowKey: WINDOW_KEY }),
      ),
    ).toBe('NOT_FOUND');
    // A session of another chat is not theirs either.
    const other = await requested();
    expect(codeOf(await ask(patron, 'screenshare:answer', { sessionId: other.session.id, join: false }))).toBe(
      'NOT_FOUND',
    );
  });

  it('lets a request nobody answers expire, with a line, and refuses answering it afterwards', async () => {
    await team();
    const { chatId, patron, session } = await requested();
    const expired = nextEvent(patron, 'screenshare:updated', (s) => s.state === 'ended');
    expect(await expired).toMatchObject({ endReason: 'expired' });
    expect(
      codeOf(await ask(patron, 'screenshare:answer', { sessionId: session.id, join: true, windowKey: WINDOW_KEY })),
    ).toBe('SCREENSHARE_OVER');
    expect(await transcriptLines(chatId)).toEqual([
      'Alice would like to share their screen with you.',
      'The screenshare request was not answered in time.',
    ]);
  });

  it('refuses an oversized SDP and a signal before Launch', async () => {
    await team();
    const { patron, session } = await requested();
    await joinedWithWindow(patron, session);
    const tooBig = 'a'.repeat(SCREENSHARE_LIMITS.sdpMaxLength + 1);
    expect(
      codeOf(
        await ask(alice.socket, 'screenshare:signal', {
          sessionId: session.id,
          signal: { kind: 'offer', sdp: tooBig },
        }),
      ),
    ).toBe('BAD_REQUEST');
    expect(
      codeOf(
        await ask(alice.socket, 'screenshare:signal', { sessionId: session.id, signal: { kind: 'offer', sdp: OFFER } }),
      ),
    ).toBe('SCREENSHARE_NOT_YET');
  });

  it('ends the session with the chat, and refuses it afterwards', async () => {
    await team();
    const { chatId, patron, session } = await requested();
    const viewer = await joinedWithWindow(patron, session);
    dataOf(await ask(alice.socket, 'screenshare:launch', { sessionId: session.id }));
    const viewerHearsEnd = nextEvent(viewer, 'screenshare:updated', (s) => s.state === 'ended');
    dataOf(await ask(alice.socket, 'chat:end', { chatId }));
    expect(await viewerHearsEnd).toMatchObject({ endReason: 'chat-ended' });
    const offer = { sessionId: session.id, signal: { kind: 'offer' as const, sdp: OFFER } };
    expect(codeOf(await ask(alice.socket, 'screenshare:signal', offer))).toBe('SCREENSHARE_NOT_YET');
    expect(codeOf(await ask(alice.socket, 'screenshare:request', { chat: { kind: 'patron', id: chatId } }))).toBe(
      'CHAT_ENDED',
    );
    expect((await transcriptLines(chatId)).at(-1)).toMatch(/^The screenshare ended( after \d+ s)? with the chat\.$/);
  });

  it('ends a session whose window stayed disconnected past the grace, but not one that came back in time', async () => {
    await team();
    const { patron, session } = await requested();
    const viewer = await joinedWithWindow(patron, session);
    dataOf(await ask(alice.socket, 'screenshare:launch', { sessionId: session.id }));
    const aliceHearsEnd = nextEvent(
      alice.socket,
      'screenshare:updated',
      (s) => s.id === session.id && s.state === 'ended',
    );
    viewer.disconnect();
    expect(await aliceHearsEnd).toMatchObject({ endReason: 'connection-lost' });
  });

  it('keeps a session whose window comes back within the grace', async () => {
    await team();
    const { patron, session } = await requested();
    const viewer = await joinedWithWindow(patron, session);
    dataOf(await ask(alice.socket, 'screenshare:launch', { sessionId: session.id }));
    viewer.disconnect();
    const again = await connectPatron(server.url);
    dataOf(await ask(again, 'screenshare:attach', { sessionId: session.id, windowKey: WINDOW_KEY }));
    await new Promise((resolve) => setTimeout(resolve, 700));
    const stored = await server.storage.db
      .selectFrom('screenshares')
      .select(['state', 'grace_until'])
      .where('id', '=', session.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ state: 'connecting', grace_until: null });
  });
});

describe('between staff', () => {
  it("lets Alice share her screen with Bob in their staff chat: Bob's console joins, and the steps are lines of the staff chat", async () => {
    await team();
    const { staffChat } = dataOf(await ask(alice.socket, 'staff:open', { operatorId: bob.me.id }));
    const bobHears = nextEvent(bob.socket, 'screenshare:updated', (s) => s.state === 'requested');
    const { session } = dataOf(
      await ask(alice.socket, 'screenshare:request', { chat: { kind: 'staff', id: staffChat.id } }),
    );
    expect(await bobHears).toMatchObject({ guest: { kind: 'operator', name: 'Bob' } });
    // A console of Bob's that opens now (a reload) is told of the request in its sync.
    const bobAgain = await onlineOperator(server.url, 'bob');
    const synced = dataOf(await ask(bobAgain.socket, 'console:sync', {}));
    expect(synced.screenshares?.map((s) => [s.id, s.state])).toEqual([[session.id, 'requested']]);
    const joined = dataOf(await ask(bob.socket, 'screenshare:answer', { sessionId: session.id, join: true }));
    expect(joined.session).toMatchObject({ state: 'joined', guestReady: true });
    expect(joined.ice).toBeDefined();
    dataOf(await ask(alice.socket, 'screenshare:launch', { sessionId: session.id }));
    const bobHearsOffer = nextEvent(bob.socket, 'screenshare:signal');
    dataOf(
      await ask(alice.socket, 'screenshare:signal', { sessionId: session.id, signal: { kind: 'offer', sdp: OFFER } }),
    );
    expect((await bobHearsOffer).signal.kind).toBe('offer');
    dataOf(await ask(bob.socket, 'screenshare:end', { sessionId: session.id }));
    const { messages } = dataOf(await ask(alice.socket, 'staff:history', { staffChatId: staffChat.id, afterSeq: 0 }));
    expect(messages.filter((m) => m.event?.type === 'screenshare').map((m) => m.event?.step)).toEqual([
      'requested',
      'joined',
      'ended',
    ]);
  });
});
