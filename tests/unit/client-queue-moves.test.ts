import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { PatronConnection } from '../../src/client/patron-connection';
import type { PatronChatView } from '../../src/protocol/models';
import type { PatronClientEvents, PatronServerEvents, QueueMove } from '../../src/protocol/patron-contract';
import { until } from '../support/patron-connection-until';

const SETTLE_MS = 150;

/**
 * A small real `/patron` server with one waiting chat (asked at 1000, id
 * chat-m): it answers start and resume with the place it is told, counts the
 * resumes, and pushes queue moves to the waiting patrons' room.
 */
async function startFakeQueue(place: number) {
  const http = createServer();
  const io = new Server<PatronClientEvents, PatronServerEvents>(http);
  const patrons = io.of('/patron');
  const view: PatronChatView = {
    id: 'chat-m',
    departmentName: 'Research Help',
    status: 'waiting',
    question: 'Where are the parish registers?',
    operatorName: null,
    createdAt: 1000,
    lastSeq: 0,
  };
  const state = { place, resumes: 0, moveAfterStart: null as QueueMove | null };
  patrons.on('connection', (socket) => {
    socket.on('chat:start', (_request, ack) => {
      void socket.join('queue');
      ack({
        ok: true,
        data: { chat: view, messages: [], resumeToken: 'token-0123456789abcdef', queuePosition: state.place },
      });
      // A claim that committed before the count above, pushed only after the answer left.
      if (state.moveAfterStart) patrons.to('queue').emit('queue:moved', state.moveAfterStart);
    });
    socket.on('chat:resume', (_request, ack) => {
      state.resumes += 1;
      ack({ ok: true, data: { chat: view, messages: [], queuePosition: state.place } });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/patron`,
    state,
    move(change: QueueMove['change'], createdAt: number, chatId: string) {
      patrons.to('queue').emit('queue:moved', { departmentId: 'research-help', change, ticket: { createdAt, chatId } });
    },
    close: () => new Promise<void>((resolve) => void io.close(() => resolve())),
  };
}

let desk: Awaited<ReturnType<typeof startFakeQueue>> | undefined;
let widget: PatronConnection | undefined;

async function waitingAt(place: number, moveAfterStart: QueueMove | null = null) {
  desk = await startFakeQueue(place);
  desk.state.moveAfterStart = moveAfterStart;
  let token: string | null = null;
  widget = new PatronConnection({
    url: desk.url,
    departmentId: 'research-help',
    tokens: { read: () => token, write: (value) => (token = value), clear: () => (token = null) },
    socketOptions: { transports: ['websocket'] },
    queueSettleMs: SETTLE_MS,
  });
  await until(widget, (state) => state.link === 'online');
  expect((await widget.start({ question: 'Where are the parish registers?' })).ok).toBe(true);
  return { desk, widget };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(async () => {
  widget?.close();
  await desk?.close();
  widget = undefined;
  desk = undefined;
});

describe('the widget keeps its place in the queue from the moves', () => {
  it('moves up when a chat asked earlier leaves, and back when one asked earlier joins; later ones change nothing', async () => {
    const { desk, widget } = await waitingAt(5);
    // Well after the start answer: nothing here could have been counted in it.
    await pause(SETTLE_MS * 2);
    desk.move('left', 400, 'chat-a');
    await until(widget, (state) => state.queuePosition === 4);
    desk.move('joined', 1000, 'chat-a'); // the same millisecond, a smaller id: ahead
    await until(widget, (state) => state.queuePosition === 5);
    desk.move('left', 1000, 'chat-z'); // the same millisecond, a larger id: behind
    desk.move('left', 2000, 'chat-b');
    desk.move('left', 1000, 'chat-m'); // its own ticket
    desk.move('left', 10, 'chat-c');
    await until(widget, (state) => state.queuePosition === 4);
    await pause(SETTLE_MS * 2);
    expect(desk.state.resumes).toBe(0);
    expect(widget.getState().queuePosition).toBe(4);
  });

  it('never shows less than "You are next."', async () => {
    const { desk, widget } = await waitingAt(1);
    await pause(SETTLE_MS * 2);
    desk.move('left', 10, 'chat-a');
    await pause(50);
    expect(widget.getState().queuePosition).toBe(1);
  });

  it('asks again when a move arrives right after the exact number, which may already count it', async () => {
    // The server counted 3 after the chat ahead had left, and only then pushed that it left.
    const { desk, widget } = await waitingAt(3, {
      departmentId: 'research-help',
      change: 'left',
      ticket: { createdAt: 10, chatId: 'chat-a' },
    });
    // Whether it showed 2 for a moment or ignored the move while the answer was on its way: it asks once more.
    for (let waited = 0; desk.state.resumes === 0 && waited < 4000; waited += 20) await pause(20);
    await until(widget, (state) => state.queuePosition === 3);
    await pause(SETTLE_MS * 2);
    expect(desk.state.resumes).toBe(1);
  });
});
