import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { PatronConnection, type ResumeTokenStore } from '../../src/client/patron-connection';
import { contiguousLastSeq } from '../../src/domain/message-order';
import type { PatronClientEvents, PatronServerEvents } from '../../src/protocol/patron-contract';
import type { Message, PatronChatView } from '../../src/protocol/models';
import { until } from '../support/patron-connection-until';

/**
 * A tiny real socket.io server speaking the `/patron` contract, with knobs to
 * lose acknowledgements and connections. It stands in for the Deskbell server
 * so the connection's own behaviour (resume, retry, dedupe) is what is tested.
 */
interface FakeChat {
  view: PatronChatView;
  token: string;
  messages: Message[];
}

function startFakeDesk() {
  const http = createServer();
  const io = new Server<PatronClientEvents, PatronServerEvents>(http);
  const patrons = io.of('/patron');
  const chats = new Map<string, FakeChat>();
  const resumeCalls: Array<{ resumeToken: string; lastSeq: number }> = [];
  const sendAttempts: string[] = [];
  const sockets: Array<Socket<PatronClientEvents, PatronServerEvents>> = [];
  /** How each send attempt is treated, by attempt number (0-based) per id. */
  let sendFate: (attempt: number) => 'answer' | 'ignore' | 'store-without-answer' = () => 'answer';

  const append = (chat: FakeChat, message: Omit<Message, 'seq' | 'chatId' | 'createdAt'>): Message => {
    const stored: Message = { ...message, chatId: chat.view.id, seq: chat.messages.length + 1, createdAt: 1 };
    chat.messages.push(stored);
    chat.view = { ...chat.view, lastSeq: stored.seq };
    return stored;
  };

  patrons.on('connection', (socket) => {
    sockets.push(socket);
    const bind = (chat: FakeChat) => {
      socket.data.chatId = chat.view.id;
      void socket.join(chat.view.id);
    };
    socket.on('widget:config', (_request, ack) =>
      ack({
        ok: true,
        data: { department: { id: 'general-reference', name: 'General Reference' }, online: true, patronFields: [] },
      }),
    );
    socket.on('chat:start', (request, ack) => {
      const id = `chat-${chats.size + 1}`;
      const chat: FakeChat = {
        token: `token-for-${id}-0123456789`,
        messages: [],
        view: {
          id,
          departmentName: 'General Reference',
          status: 'waiting',
          question: request.question,
          operatorName: null,
          createdAt: 1,
          lastSeq: 0,
        },
      };
      chats.set(id, chat);
      bind(chat);
      ack({ ok: true, data: { chat: chat.view, messages: [], resumeToken: chat.token } });
    });
    socket.on('chat:resume', (request, ack) => {
      resumeCalls.push({ resumeToken: request.resumeToken, lastSeq: request.lastSeq ?? 0 });
      const chat = [...chats.values()].find((candidate) => candidate.token === request.resumeToken);
      if (!chat) return ack({ ok: false, error: { code: 'CHAT_NOT_FOUND', message: 'No such chat.' } });
      bind(chat);
      const after = request.lastSeq ?? 0;
      ack({ ok: true, data: { chat: chat.view, messages: chat.messages.filter((m) => m.seq > after) } });
    });
    socket.on('chat:send', (request, ack) => {
      const attempt = sendAttempts.filter((id) => id === request.id).length;
      sendAttempts.push(request.id);
      const chat = chats.get(socket.data.chatId as string);
      if (!chat) return ack({ ok: false, error: { code: 'NO_ACTIVE_CHAT', message: 'Start a chat first.' } });
      const fate = sendFate(attempt);
      if (fate === 'ignore') return;
      let message = chat.messages.find((m) => m.id === request.id);
      if (!message) {
        message = append(chat, {
          id: request.id,
          authorKind: 'patron',
          authorId: null,
          authorName: 'You',
          body: request.body,
        });
        patrons.to(chat.view.id).emit('chat:message', message);
      }
      if (fate === 'answer') ack({ ok: true, data: { message } });
    });
  });

  return {
    chats,
    resumeCalls,
    sendAttempts,
    setSendFate(fate: typeof sendFate) {
      sendFate = fate;
    },
    async listen(): Promise<string> {
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(http.address() as AddressInfo).port}/patron`;
    },
    /** A librarian writes; `times` > 1 delivers the same event again, as a flaky relay might. */
    librarianTyping(chatId: string, typing: boolean): void {
      patrons.emit('chat:typing', { chatId, typing, name: 'Alice' });
    },
    librarianSays(chatId: string, body: string, times = 1): Message {
      const chat = chats.get(chatId)!;
      const message = append(chat, {
        id: `op-${chat.messages.length + 1}`,
        authorKind: 'operator',
        authorId: 'alice',
        authorName: 'Alice',
        body,
      });
      for (let i = 0; i < times; i++) patrons.to(chatId).emit('chat:message', message);
      return message;
    },
    /** Cuts every patron's transport, as a dropped Wi-Fi would; clients reconnect by themselves. */
    dropConnections(): void {
      for (const socket of sockets.splice(0)) socket.conn.close();
    },
    async close(): Promise<void> {
      await io.close();
    },
  };
}

function memoryTokens(initial: string | null = null): ResumeTokenStore & { value: string | null } {
  return {
    value: initial,
    read() {
      return this.value;
    },
    write(token) {
      this.value = token;
    },
    clear() {
      this.value = null;
    },
  };
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(tokens = memoryTokens()) {
  const desk = startFakeDesk();
  const url = await desk.listen();
  cleanups.push(() => desk.close());
  const connect = (store: ResumeTokenStore = tokens) => {
    const connection = new PatronConnection({
      url,
      departmentId: 'general-reference',
      tokens: store,
      ackTimeoutMs: 300,
      resumeRetryMs: 50,
      typingStaleMs: 300,
      socketOptions: { reconnectionDelay: 20, reconnectionDelayMax: 50, transports: ['websocket'] },
    });
    cleanups.push(() => connection.close());
    return connection;
  };
  return { desk, tokens, connect };
}

const bodies = (connection: PatronConnection) => connection.getState().messages.map((m) => m.body);
const seqs = (connection: PatronConnection) => connection.getState().messages.map((m) => m.seq);

describe('the patron connection', () => {
  it('starts a chat and keeps its resume token for a refresh', async () => {
    const { connect, tokens } = await setUp();
    const patron = connect();
    await until(patron, (s) => s.link === 'online');
    const config = await patron.loadConfig();
    expect(config.ok && config.data.department.name).toBe('General Reference');
    const started = await patron.start({ question: 'Do you have the new Le Guin biography?' });
    expect(started.ok).toBe(true);
    expect(tokens.value).toBe('token-for-chat-1-0123456789');
    expect(patron.getState().chat?.status).toBe('waiting');
  });

  it('a patron who loses the connection resumes from the last message held and sees what was missed, once', async () => {
    const { desk, connect } = await setUp();
    const patron = connect();
    await until(patron, (s) => s.link === 'online');
    await patron.start({ question: 'Where are the tax forms?' });
    desk.librarianSays('chat-1', 'Hello, this is Alice.');
    desk.librarianSays('chat-1', 'Let me check.');
    await until(patron, (s) => s.messages.length === 2);

    desk.dropConnections();
    await until(patron, (s) => s.link === 'reconnecting');
    desk.librarianSays('chat-1', 'They are on the second floor.');
    await until(patron, (s) => s.link === 'online' && s.messages.length === 3);

    expect(desk.resumeCalls.at(-1)?.lastSeq).toBe(2);
    expect(seqs(patron)).toEqual([1, 2, 3]);
    expect(bodies(patron)).toEqual(['Hello, this is Alice.', 'Let me check.', 'They are on the second floor.']);
  });

  it('a refresh resumes the same chat and shows every message once, in order', async () => {
    const { desk, connect, tokens } = await setUp();
    const first = connect();
    await until(first, (s) => s.link === 'online');
    await first.start({ question: 'Can I renew online?' });
    first.send('My card is expiring.');
    await until(first, (s) => s.messages.length === 1);
    desk.librarianSays('chat-1', 'Yes, from My Account.');
    await until(first, (s) => s.messages.length === 2 && s.pending.length === 0);
    first.close();

    const afterRefresh = connect(tokens);
    expect(afterRefresh.getState().resuming).toBe(true);
    await until(afterRefresh, (s) => !s.resuming && s.messages.length === 2);
    expect(desk.resumeCalls.at(-1)).toEqual({ resumeToken: 'token-for-chat-1-0123456789', lastSeq: 0 });
    expect(afterRefresh.getState().chat?.id).toBe('chat-1');
    expect(bodies(afterRefresh)).toEqual(['My card is expiring.', 'Yes, from My Account.']);
  });

  it('a message that got no answer stays "Sending..." and is sent again until the server acknowledges it', async () => {
    const { desk, connect } = await setUp();
    desk.setSendFate((attempt) => (attempt < 2 ? 'ignore' : 'answer'));
    const patron = connect();
    await until(patron, (s) => s.link === 'online');
    await patron.start({ question: 'Is the makerspace open?' });

    const id = patron.send('Is it open on Sundays?');
    expect(patron.getState().pending.map((p) => p.body)).toEqual(['Is it open on Sundays?']);
    await until(patron, (s) => s.pending.length === 0);

    expect(desk.sendAttempts.filter((attempt) => attempt === id)).toHaveLength(3);
    expect(desk.chats.get('chat-1')?.messages).toHaveLength(1);
    expect(bodies(patron)).toEqual(['Is it open on Sundays?']);
  });

  it('a message stored by the server whose acknowledgement was lost is shown once', async () => {
    const { desk, connect } = await setUp();
    desk.setSendFate((attempt) => (attempt === 0 ? 'store-without-answer' : 'answer'));
    const patron = connect();
    await until(patron, (s) => s.link === 'online');
    await patron.start({ question: 'Do you have museum passes?' });

    const id = patron.send('For this weekend.');
    await until(patron, (s) => s.pending.length === 0 && desk.sendAttempts.length >= 2);

    expect(desk.sendAttempts).toEqual([id, id]);
    expect(desk.chats.get('chat-1')?.messages).toHaveLength(1);
    expect(bodies(patron)).toEqual(['For this weekend.']);
  });

  it('a message written while the connection is down is delivered after the chat resumes', async () => {
    const { desk, connect } = await setUp();
    const patron = connect();
    await until(patron, (s) => s.link === 'online');
    await patron.start({ question: 'How do I print?' });

    desk.dropConnections();
    await until(patron, (s) => s.link === 'reconnecting');
    patron.send('From my laptop.');
    expect(patron.getState().pending).toHaveLength(1);
    expect(desk.sendAttempts).toHaveLength(0);

    await until(patron, (s) => s.link === 'online' && s.pending.length === 0 && s.messages.length === 1);
    expect(desk.resumeCalls).toHaveLength(1);
    expect(bodies(patron)).toEqual(['From my laptop.']);
  });

  it('the same message delivered twice is shown once', async () => {
    const { desk, connect } = await setUp();
    const patron = connect();
    await until(patron, (s) => s.link === 'online');
    await patron.start({ question: 'Can I book a study room?' });
    desk.librarianSays('chat-1', 'Which branch?', 3);
    desk.librarianSays('chat-1', 'Main or Eastside?', 2);
    await until(patron, (s) => s.messages.length === 2);
    // Give any stray repeats time to arrive before checking nothing doubled.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seqs(patron)).toEqual([1, 2]);
  });

  it('a stored chat the server no longer knows is forgotten, so the patron gets the form again', async () => {
    const tokens = memoryTokens('a-token-from-a-chat-long-gone');
    const { connect, desk } = await setUp(tokens);
    const patron = connect();
    await until(patron, (s) => s.link === 'online' && !s.resuming);
    expect(desk.resumeCalls).toHaveLength(1);
    expect(tokens.value).toBeNull();
    expect(patron.getState().chat).toBeNull();
  });
});

describe('contiguousLastSeq', () => {
  const message = (seq: number): Message => ({
    id: `m${seq}`,
    chatId: 'c',
    seq,
    authorKind: 'operator',
    authorId: null,
    authorName: 'Alice',
    body: 'x',
    createdAt: 1,
  });

  it('resumes from before a gap so the missing message is fetched', () => {
    expect(contiguousLastSeq([message(1), message(2), message(4)])).toBe(2);
  });

  it('is the newest sequence number when nothing is missing', () => {
    expect(contiguousLastSeq([message(1), message(2), message(3)])).toBe(3);
    expect(contiguousLastSeq([])).toBe(0);
  });
});

describe('starting a chat without a connection', () => {
  it('is refused at once rather than queued, so no second chat appears when the connection returns', async () => {
    const { desk, connect } = await setUp();
    const patron = connect();
    await until(patron, (s) => s.link === 'online');
    desk.dropConnections();
    await until(patron, (s) => s.link === 'reconnecting');
    const started = await patron.start({ question: 'Are you open today?' });
    expect(started.ok === false && started.error.code).toBe('OFFLINE');
    await until(patron, (s) => s.link === 'online');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(desk.chats.size).toBe(0);
  });
});

describe('starting a new chat', () => {
  it('does not carry an unsent message from the old chat into the new one', async () => {
    const { desk, connect, tokens } = await setUp();
    const patron = connect();
    await until(patron, (s) => s.link === 'online');
    await patron.start({ question: 'First question' });
    desk.dropConnections();
    await until(patron, (s) => s.link === 'reconnecting');
    patron.send('Meant for the first chat');
    patron.forget();
    expect(tokens.value).toBeNull();
    expect(patron.getState().pending).toEqual([]);

    await until(patron, (s) => s.link === 'online');
    const second = await patron.start({ question: 'Second question' });
    expect(second.ok && second.data.id).toBe('chat-2');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(desk.sendAttempts).toEqual([]);
    expect(patron.getState().messages).toEqual([]);
  });
});

describe('the librarian typing', () => {
  it('shows who is typing until they stop, send, or go quiet (a lost "stopped")', async () => {
    const { desk, connect } = await setUp();
    const patron = connect();
    await until(patron, (s) => s.link === 'online');
    await patron.start({ question: 'Do you have audiobooks?' });

    desk.librarianTyping('chat-1', true);
    await until(patron, (s) => s.librarianTyping === 'Alice');
    desk.librarianTyping('chat-1', false);
    await until(patron, (s) => s.librarianTyping === null);

    desk.librarianTyping('chat-1', true);
    await until(patron, (s) => s.librarianTyping === 'Alice');
    desk.librarianSays('chat-1', 'Yes, on Libby.');
    await until(patron, (s) => s.messages.length === 1 && s.librarianTyping === null);

    // "typing" and then nothing: the console would have repeated it, so it is dropped.
    desk.librarianTyping('chat-1', true);
    await until(patron, (s) => s.librarianTyping === 'Alice');
    await until(patron, (s) => s.librarianTyping === null);
  });
});
