// @vitest-environment jsdom
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useSyncExternalStore } from 'react';
import { Server, type Socket } from 'socket.io';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PatronConnection } from '../../src/client/patron-connection';
import type { Message, PatronChatView } from '../../src/protocol/models';
import type { PatronClientEvents, PatronServerEvents } from '../../src/protocol/patron-contract';
import { ChatScreen } from '../../widget/frame/chat-screen';
import { Composer } from '../../widget/frame/composer';
import { TYPING_QUIET_MS } from '../../src/client/calm-line';
import { TypingIndicator } from '../../widget/frame/typing-indicator';
import { queueText } from '../../widget/frame/waiting-notice';

type PatronSocket = Socket<PatronClientEvents, PatronServerEvents>;

/**
 * A small real `/patron` server: it answers chat:start with a queue position
 * and records every typing signal and message the widget sends, so a test can
 * play the Deskbell server (move the queue, a librarian typing) and see what
 * left the patron's browser.
 */
async function startFakeDesk(firstPosition: number) {
  const http = createServer();
  const io = new Server<PatronClientEvents, PatronServerEvents>(http);
  const patrons = io.of('/patron');
  const typingSignals: unknown[] = [];
  const sent: string[] = [];
  let failingSends = 0;
  let view: PatronChatView = {
    id: 'chat-1',
    departmentName: 'General Reference',
    status: 'waiting',
    question: 'Do you have the 1902 atlas?',
    operatorName: null,
    createdAt: 1,
    lastSeq: 0,
  };
  let seq = 0;
  const message = (authorKind: Message['authorKind'], authorName: string, body: string): Message => {
    seq += 1;
    return { id: `m${seq}`, chatId: view.id, seq, authorKind, authorId: null, authorName, body, createdAt: seq };
  };

  patrons.on('connection', (connected: PatronSocket) => {
    connected.on('chat:start', (_request, ack) => {
      void connected.join(view.id);
      ack({
        ok: true,
        data: { chat: view, messages: [], resumeToken: 'token-0123456789abcdef', queuePosition: firstPosition },
      });
    });
    connected.on('chat:typing', (request, ack) => {
      typingSignals.push(request);
      ack({ ok: true, data: { relayed: true } });
    });
    connected.on('chat:send', (request, ack) => {
      if (failingSends > 0) {
        failingSends -= 1;
        return ack({ ok: false, error: { code: 'UNAVAILABLE', message: 'The database is restarting.' } });
      }
      sent.push(request.body);
      ack({ ok: true, data: { message: message('patron', 'Pat Reader', request.body) } });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/patron`,
    typingSignals,
    sent,
    /** The next sends are answered UNAVAILABLE, as while the server's database restarts. */
    failSends(count: number) {
      failingSends = count;
    },
    /** The chats ahead were claimed: the server tells the new place. */
    movePosition(position: number) {
      patrons.to(view.id).emit('queue:position', { chatId: view.id, position });
    },
    claimedBy(name: string) {
      view = { ...view, status: 'active', operatorName: name };
      patrons.to(view.id).emit('chat:status', view);
    },
    librarianTyping(name: string, typing: boolean) {
      patrons.to(view.id).emit('chat:typing', { chatId: view.id, typing, name });
    },
    librarianSays(name: string, body: string) {
      patrons.to(view.id).emit('chat:message', message('operator', name, body));
    },
    async close() {
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
    },
  };
}

/** The chat screen as the frame draws it: from the connection's state. */
function Frame({ connection }: { connection: PatronConnection }) {
  const state = useSyncExternalStore(connection.subscribe, connection.getState);
  return state.chat ? (
    <ChatScreen connection={connection} state={state} chat={state.chat} onNewChat={() => undefined} libraryName="" />
  ) : null;
}

let desk: Awaited<ReturnType<typeof startFakeDesk>> | undefined;
let connection: PatronConnection | undefined;

async function startChat(firstPosition: number) {
  const fake = await startFakeDesk(firstPosition);
  desk = fake;
  let token: string | null = null;
  const patron = new PatronConnection({
    url: fake.url,
    departmentId: 'general-reference',
    tokens: { read: () => token, write: (value) => (token = value), clear: () => (token = null) },
    socketOptions: { transports: ['websocket'] },
    retryBackoff: { initialMs: 400, maxMs: 400, random: () => 0.999 },
  });
  connection = patron;
  render(<Frame connection={patron} />);
  await waitFor(() => expect(patron.getState().link).toBe('online'));
  await act(async () => {
    const ack = await patron.start({ question: 'Do you have the 1902 atlas?', name: 'Pat Reader', email: null });
    expect(ack.ok).toBe(true);
  });
  return fake;
}

const queuePlace = () => document.querySelector<HTMLElement>('.queue-position')!;
const typingLine = () => document.querySelector<HTMLElement>('[data-typing-indicator]')!;

afterEach(async () => {
  cleanup();
  connection?.close();
  await desk?.close();
  connection = undefined;
  desk = undefined;
  vi.useRealTimers();
});

describe('the widget while the patron waits', () => {
  it('shows the place in the queue and follows it live until the patron is next', async () => {
    const desk = await startChat(2);
    expect(queuePlace().textContent).toBe('You are number 2 in the queue.');
    expect(queuePlace().getAttribute('role')).toBe('status');
    // The waiting notice the e2e tests look for is still its own status.
    expect(
      screen.getAllByRole('status').some((el) => el.textContent?.includes('A librarian will be with you shortly.')),
    ).toBe(true);

    act(() => desk.movePosition(1));
    await waitFor(() => expect(queuePlace().textContent).toBe('You are next.'));
    expect(queuePlace().getAttribute('data-queue-position')).toBe('1');

    act(() => desk.claimedBy('Alice'));
    await screen.findByText(chattingWith('Alice'));
    expect(document.querySelector('.queue-position')).toBeNull();
  });

  it('words the place for people', () => {
    expect(queueText(1)).toBe('You are next.');
    expect(queueText(2)).toBe('You are number 2 in the queue.');
    expect(queueText(12)).toBe('You are number 12 in the queue.');
    expect(queueText(null)).toBe('');
  });
});

describe('typing in the widget', () => {
  it('tells the server only that the patron types and stops, never what they type', async () => {
    const desk = await startChat(1);
    const box = screen.getByLabelText('Your message');
    fireEvent.change(box, { target: { value: 'I am looking for' } });
    fireEvent.change(box, { target: { value: 'I am looking for the 1902 atlas' } });
    await waitFor(() => expect(desk.typingSignals).toEqual([{ typing: true }]));
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(desk.sent).toEqual(['I am looking for the 1902 atlas']));
    await waitFor(() => expect(desk.typingSignals).toEqual([{ typing: true }, { typing: false }]));
    expect(JSON.stringify(desk.typingSignals)).not.toContain('atlas');
  });

  it('shows "<librarian> is typing…" under the conversation, outside the message log, until the reply arrives', async () => {
    const desk = await startChat(1);
    act(() => desk.claimedBy('Alice'));
    await screen.findByText(chattingWith('Alice'));
    expect(typingLine().textContent).toBe('');

    act(() => desk.librarianTyping('Alice', true));
    await waitFor(() => expect(typingLine().textContent).toBe('Alice is typing…'));
    const log = screen.getByRole('log', { name: 'Chat messages' });
    expect(log.contains(typingLine())).toBe(false);
    expect(within(log).queryByText('Alice is typing…')).toBeNull();

    // Her message ends her typing even before her "stopped" arrives.
    act(() => desk.librarianSays('Alice', 'It is in Local History.'));
    await within(log).findByText('It is in Local History.');
    await waitFor(() => expect(typingLine().textContent).toBe(''));

    act(() => desk.librarianTyping('Alice', true));
    await waitFor(() => expect(typingLine().textContent).toBe('Alice is typing…'));
    act(() => desk.librarianTyping('Alice', false));
    await waitFor(() => expect(typingLine().textContent).toBe(''));
  });
});

describe("the patron's messages in the widget", () => {
  it('a message the server could not store yet says it is being tried again, then shows as sent', async () => {
    const fake = await startChat(1);
    fake.failSends(1);
    const log = screen.getByRole('log', { name: 'Chat messages' });
    act(() => void connection?.send('Is the atlas on loan?'));
    const note = await within(log).findByText('Sending... the server is busy, trying again');
    expect(note.closest('li')?.getAttribute('data-retrying')).toBe('true');
    await waitFor(() => expect(within(log).queryByText(/Sending/)).toBeNull(), { timeout: 3000 });
    expect(within(log).getByText('Is the atlas on loan?')).toBeTruthy();
    expect(fake.sent).toEqual(['Is the atlas on loan?']);
  });
});

describe('the widget parts on their own', () => {
  it('the composer says "typing" once for a burst of keys and "stopped" when the message goes', () => {
    const onSend = vi.fn();
    const onTyping = vi.fn();
    render(<Composer onSend={onSend} onTyping={onTyping} />);
    const box = screen.getByLabelText('Your message');
    for (const text of ['W', 'Wh', 'Whe', 'Where']) fireEvent.change(box, { target: { value: text } });
    expect(onTyping.mock.calls).toEqual([[true]]);
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenCalledWith('Where');
    expect(onTyping.mock.calls).toEqual([[true], [false]]);
  });

  it('the composer says "stopped" when the patron empties the box', () => {
    const onTyping = vi.fn();
    render(<Composer onSend={vi.fn()} onTyping={onTyping} />);
    const box = screen.getByLabelText('Your message');
    fireEvent.change(box, { target: { value: 'Hm' } });
    fireEvent.change(box, { target: { value: '' } });
    expect(onTyping.mock.calls).toEqual([[true], [false]]);
  });

  it('a screen reader hears the librarian typing once, not at every pause, and again after a quiet while', () => {
    vi.useFakeTimers();
    const { rerender } = render(<TypingIndicator name="Alice" />);
    const line = () => document.querySelector<HTMLElement>('[data-typing-indicator]')!;
    expect(line().textContent).toBe('Alice is typing…');
    expect(line().getAttribute('aria-live')).toBe('polite');
    rerender(<TypingIndicator name={null} />);
    expect(line().textContent).toBe('');
    rerender(<TypingIndicator name="Alice" />);
    expect(line().textContent).toBe('Alice is typing…');
    expect(line().getAttribute('aria-live')).toBe('off');
    rerender(<TypingIndicator name="Bob" />);
    expect(line().getAttribute('aria-live')).toBe('polite');
    rerender(<TypingIndicator name={null} />);
    act(() => vi.advanceTimersByTime(TYPING_QUIET_MS));
    rerender(<TypingIndicator name="Bob" />);
    expect(line().getAttribute('aria-live')).toBe('polite');
  });
});

/** "You're chatting with Alice": the name is isolated in its own element (a right-to-left name keeps the line in order). */
function chattingWith(name: string) {
  return (_: string, element: Element | null) =>
    element?.tagName === 'P' && element.textContent === `You're chatting with ${name}`;
}
