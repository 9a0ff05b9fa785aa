import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { PatronConnection, type ResumeTokenStore } from '../../src/client/patron-connection';
import type { ErrorCode } from '../../src/protocol/ack';
import type { Message, PatronChatView } from '../../src/protocol/models';
import type { PatronClientEvents, PatronServerEvents } from '../../src/protocol/patron-contract';
import { until } from '../support/patron-connection-until';

/**
 * A small real `/patron` server with one chat, playing the Deskbell server the
 * way it now works: a resume token in the handshake ties the socket to the
 * chat before anything sent on it is handled. Knobs let a test hold back the
 * resume answer, lose a live message, refuse handshakes, or have sends fail.
 */
async function startFakeDesk() {
  const http = createServer();
  const io = new Server<PatronClientEvents, PatronServerEvents>(http);
  const patrons = io.of('/patron');
  const token = 'token-for-the-one-chat-0123456789';
  const handshakes: unknown[] = [];
  const resumes: number[] = [];
  const sends: string[] = [];
  const messages: Message[] = [];
  let view: PatronChatView = {
    id: 'chat-1',
    departmentName: 'General Reference',
    status: 'active',
    question: 'Do you have the 1902 atlas?',
    operatorName: 'Alice',
    createdAt: 1,
    lastSeq: 0,
  };
  let refusals = 0;
  let failing = { count: 0, code: 'INTERNAL' as ErrorCode };
  let holdResume: Promise<void> | null = null;

  const append = (authorKind: Message['authorKind'], body: string, id = `m${messages.length + 1}`): Message => {
    const seq = messages.length + 1;
    const message: Message = {
      id,
      chatId: view.id,
      seq,
      authorKind,
      authorId: null,
      authorName: 'Alice',
      body,
      createdAt: seq,
    };
    messages.push(message);
    view = { ...view, lastSeq: seq };
    return message;
  };

  patrons.use((socket, next) => {
    handshakes.push(socket.handshake.auth);
    if (refusals > 0) {
      refusals -= 1;
      const error = new Error('UNAVAILABLE: try again shortly.') as Error & { data?: unknown };
      error.data = { code: 'UNAVAILABLE' };
      return next(error);
    }
    if ((socket.handshake.auth as { resumeToken?: string }).resumeToken === token) void socket.join(view.id);
    next();
  });
  patrons.on('connection', (socket) => {
    socket.on('chat:start', (_request, ack) => {
      void socket.join(view.id);
      ack({ ok: true, data: { chat: view, messages: [], resumeToken: token, queuePosition: null } });
    });
    socket.on('chat:resume', (request, ack) => {
      resumes.push(request.lastSeq ?? 0);
      const after = request.lastSeq ?? 0;
      const answer = { chat: view, messages: messages.filter((m) => m.seq > after) };
      void (holdResume ?? Promise.resolve()).then(() => ack({ ok: true, data: answer }));
    });
    socket.on('chat:send', (request, ack) => {
      sends.push(request.id);
      if (failing.count > 0) {
        failing.count -= 1;
        return ack({ ok: false, error: { code: failing.code, message: `${failing.code}: not now.` } });
      }
      const message = messages.find((m) => m.id === request.id) ?? append('patron', request.body, request.id);
      patrons.to(view.id).emit('chat:message', message);
      ack({ ok: true, data: { message } });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/patron`,
    token,
    handshakes,
    resumes,
    sends,
    messages,
    librarianSays(body: string): Message {
      const message = append('operator', body);
      patrons.to(view.id).emit('chat:message', message);
      return message;
    },
    /** The librarian writes, and the live event is lost on the way. */
    librarianSaysUnheard(body: string): Message {
      return append('operator', body);
    },
    /** Resume answers wait until the returned function is called (the handler itself has run). */
    holdResumeAnswers(): () => void {
      let release = () => {};
      holdResume = new Promise((resolve) => (release = resolve));
      return () => {
        holdResume = null;
        release();
      };
    },
    refuseHandshakes(count: number) {
      refusals = count;
    },
    failSends(count: number, code: ErrorCode) {
      failing = { count, code };
    },
    dropConnections() {
      for (const socket of patrons.sockets.values()) socket.conn.close();
    },
    async close() {
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
    },
  };
}

function memoryTokens(initial: string | null = null): ResumeTokenStore {
  let value = initial;
  return { read: () => value, write: (token) => (value = token), clear: () => (value = null) };
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp() {
  const desk = await startFakeDesk();
  cleanups.push(() => desk.close());
  const connect = (tokens: ResumeTokenStore, gapFillDelayMs = 50) => {
    const connection = new PatronConnection({
      url: desk.url,
      departmentId: 'general-reference',
      tokens,
      ackTimeoutMs: 300,
      resumeRetryMs: 50,
      gapFillDelayMs,
      retryBackoff: { initialMs: 20, maxMs: 50 },
      socketOptions: { reconnectionDelay: 20, reconnectionDelayMax: 50, transports: ['websocket'] },
    });
    cleanups.push(() => connection.close());
    return connection;
  };
  return { desk, connect };
}

const bodies = (connection: PatronConnection) => connection.getState().messages.map((m) => m.body);

describe('the widget and its chat on a new socket', () => {
  it('names its chat in every handshake, so the server knows it before anything sent on the socket', async () => {
    const { desk, connect } = await setUp();
    const patron = connect(memoryTokens());
    await until(patron, (s) => s.link === 'online');
    await patron.start({ question: 'Do you have the 1902 atlas?' });
    desk.dropConnections();
    await until(patron, (s) => s.link === 'reconnecting');
    await until(patron, (s) => s.link === 'online' && !s.resuming);
    expect(desk.handshakes).toEqual([{}, { resumeToken: desk.token }]);
  });

  it("a fresh page shows the librarian's message that arrived before its first resume answer", async () => {
    const { desk, connect } = await setUp();
    desk.librarianSays('Hello, this is Alice.');
    const release = desk.holdResumeAnswers();
    const patron = connect(memoryTokens(desk.token));
    await new Promise<void>((resolve) => {
      const wait = () => (desk.resumes.length > 0 ? resolve() : setTimeout(wait, 5));
      wait();
    });
    // Written after the resume read its messages, heard live before its answer arrives.
    desk.librarianSays('Yes, we have it.');
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await until(patron, (s) => !s.resuming && s.messages.length === 2);
    expect(bodies(patron)).toEqual(['Hello, this is Alice.', 'Yes, we have it.']);
  });

  it('a hole left by a lost live message is filled by resuming from before it, nothing shown twice', async () => {
    const { desk, connect } = await setUp();
    const patron = connect(memoryTokens());
    await until(patron, (s) => s.link === 'online');
    await patron.start({ question: 'Do you have the 1902 atlas?' });
    desk.librarianSays('Let me look.');
    desk.librarianSaysUnheard('It is in the map room.');
    desk.librarianSays('Anything else?');
    await until(patron, (s) => s.messages.length === 3);
    expect(bodies(patron)).toEqual(['Let me look.', 'It is in the map room.', 'Anything else?']);
    expect(desk.resumes).toEqual([1]);
  });

  it('a handshake the server refused for a moment is tried again until it gets in', async () => {
    const { desk, connect } = await setUp();
    desk.refuseHandshakes(2);
    const patron = connect(memoryTokens());
    await until(patron, (s) => s.link === 'online');
    expect(desk.handshakes).toHaveLength(3);
  });
});

describe("the widget's messages when the server has a moment", () => {
  it('a message the server could not store yet says so, goes again with its id, and is stored once', async () => {
    const { desk, connect } = await setUp();
    const patron = connect(memoryTokens());
    await until(patron, (s) => s.link === 'online');
    await patron.start({ question: 'Do you have the 1902 atlas?' });
    desk.failSends(2, 'UNAVAILABLE');
    const reasons: string[] = [];
    patron.subscribe(() => {
      const retrying = patron.getState().pending[0]?.retrying;
      if (retrying && reasons.at(-1) !== retrying.code) reasons.push(retrying.code);
    });
    const id = patron.send('Can I borrow it?');
    await until(patron, (s) => s.pending.length === 0);
    expect(reasons).toEqual(['UNAVAILABLE']);
    expect(patron.getState().failed).toEqual([]);
    expect(desk.sends).toEqual([id, id, id]);
    expect(desk.messages.filter((m) => m.id === id)).toHaveLength(1);
    expect(bodies(patron)).toEqual(['Can I borrow it?']);
  });

  it('a message refused for good says "not sent" at once', async () => {
    const { desk, connect } = await setUp();
    const patron = connect(memoryTokens());
    await until(patron, (s) => s.link === 'online');
    await patron.start({ question: 'Do you have the 1902 atlas?' });
    desk.failSends(1, 'CHAT_ENDED');
    patron.send('One more thing');
    await until(patron, (s) => s.failed.length === 1);
    expect(patron.getState().pending).toEqual([]);
    expect(patron.getState().failed[0]?.error.code).toBe('CHAT_ENDED');
  });
});
