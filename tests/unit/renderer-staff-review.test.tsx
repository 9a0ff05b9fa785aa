// @vitest-environment jsdom
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Server, type Socket } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperatorConnection } from '../../src/client/operator-connection';
import { fail, ok } from '../../src/protocol/ack';
import type { OperatorProfile, StaffChat, StaffMessage } from '../../src/protocol/models';
import type { OperatorClientEvents, OperatorServerEvents } from '../../src/protocol/operator-contract';
import { ConsoleApp } from '../../renderer/features/app/console-app';
import { createConsoleStore, type ConsoleStore } from '../../renderer/store/console-store';
import { ConsoleStoreProvider } from '../../renderer/store/store-context';
import { RecordingBridge } from './renderer-test-kit';

const PROFILES: Record<'alice' | 'sam' | 'zed', OperatorProfile> = {
  alice: { id: 'op-alice', username: 'alice', displayName: 'Alice', role: 'operator', departmentIds: [] },
  sam: { id: 'op-sam', username: 'sam', displayName: 'Sam', role: 'supervisor', departmentIds: [] },
  zed: { id: 'op-zed', username: 'zed', displayName: 'Zed', role: 'admin', departmentIds: [] },
};
type Username = keyof typeof PROFILES;

const BOB = { id: 'op-bob', name: 'Bob' };

type TestSocket = Socket<OperatorClientEvents, OperatorServerEvents, Record<string, never>, { me: OperatorProfile }>;

/**
 * A tiny real `/operator` server with two archived staff chats: Bob and Alice
 * (two messages; Bob opened it, so he is its first member) and Sam and Alice
 * (no messages yet). A supervisor reading a chat hears its new messages live.
 */
async function startServer() {
  const http = createServer();
  const io = new Server(http);
  const operators = io.of('/operator');
  const chats: StaffChat[] = [
    {
      id: 'staff-bob-alice',
      members: [BOB, { id: 'op-alice', name: 'Alice' }],
      createdAt: Date.UTC(2026, 0, 5, 9),
      lastSeq: 2,
      lastMessageAt: Date.UTC(2026, 0, 5, 9, 2),
    },
    {
      id: 'staff-sam-alice',
      members: [
        { id: 'op-sam', name: 'Sam' },
        { id: 'op-alice', name: 'Alice' },
      ],
      createdAt: Date.UTC(2026, 0, 4, 9),
      lastSeq: 0,
      lastMessageAt: null,
    },
  ];
  const messages: StaffMessage[] = [
    staffMessage('staff-bob-alice', 1, BOB, 'Can you take the desk at three?'),
    staffMessage('staff-bob-alice', 2, { id: 'op-alice', name: 'Alice' }, 'Yes, I will.'),
  ];
  let listFails = false;

  operators.use((socket, next) => {
    const username = (socket.handshake.auth as { token?: string }).token?.replace(/-token$/, '') ?? '';
    const me = PROFILES[username as Username];
    if (!me) return next(new Error('UNAUTHORIZED'));
    socket.data.me = me;
    next();
  });
  operators.on('connection', (raw) => {
    const socket = raw as TestSocket;
    socket.on('console:sync', (_request, ack) =>
      ack(
        ok({
          me: socket.data.me,
          status: 'online',
          departments: [],
          questionTypes: [],
          patronFields: [],
          chats: [],
          missed: [],
          operators: [],
        }),
      ),
    );
    socket.on('staff:list', (request, ack) => {
      if (listFails) return ack(fail('INTERNAL', 'The staff chats could not be read.'));
      if (request?.all && socket.data.me.role === 'operator')
        return ack(fail('FORBIDDEN', 'Only supervisors and admins can review every staff chat.'));
      ack(ok({ staffChats: chats.map((chat) => ({ ...chat })) }));
    });
    socket.on('staff:history', (request, ack) => {
      const chat = chats.find((candidate) => candidate.id === request.staffChatId);
      if (!chat) return ack(fail('NOT_FOUND', 'No such staff chat.'));
      // As the real server: whoever read it hears its new messages from now on.
      void socket.join(`staff:${chat.id}`);
      ack(
        ok({
          staffChat: { ...chat },
          messages: messages.filter((m) => m.staffChatId === chat.id && m.seq > (request.afterSeq ?? 0)),
        }),
      );
    });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** Bob writes in his chat with Alice (from his own console, not part of this test). */
    bobSays(body: string) {
      const chat = chats[0]!;
      const message = staffMessage(chat.id, chat.lastSeq + 1, BOB, body);
      chat.lastSeq = message.seq;
      chat.lastMessageAt = message.createdAt;
      messages.push(message);
      operators.to(`staff:${chat.id}`).emit('staff:message', message);
    },
    failList: () => {
      listFails = true;
    },
    close: () => new Promise<void>((resolve) => void io.close(() => resolve())),
  };
}

function staffMessage(
  staffChatId: string,
  seq: number,
  author: { id: string; name: string },
  body: string,
): StaffMessage {
  return {
    id: `${staffChatId}-m${seq}`,
    staffChatId,
    seq,
    authorId: author.id,
    authorName: author.name,
    body,
    createdAt: Date.UTC(2026, 0, 5, 9, seq),
  };
}

let server: Awaited<ReturnType<typeof startServer>>;
let store: ConsoleStore | undefined;

beforeEach(async () => {
  server = await startServer();
});

afterEach(async () => {
  cleanup();
  store?.dispose();
  store = undefined;
  await server.close();
});

/** The browser console, already logged in (its cookie) as this person. */
async function openConsoleAs(username: Username) {
  store = createConsoleStore({
    api: {
      logIn: () => Promise.reject(new Error('not used')),
      logOut: async () => {},
      me: async () => PROFILES[username],
    },
    bridge: new RecordingBridge('web'),
    now: () => Date.now(),
    createConnection: () =>
      new OperatorConnection({
        url: server.url,
        token: `${username}-token`,
        requestTimeoutMs: 1000,
        socketOptions: { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 100 },
      }),
  });
  const connected = store;
  render(
    <ConsoleStoreProvider store={connected}>
      <ConsoleApp />
    </ConsoleStoreProvider>,
  );
  await screen.findByRole('heading', { name: 'Patron Chats' });
  await waitFor(() => expect(connected.getState().connection).toBe('connected'));
}

const tabNames = () => screen.getAllByRole('tab').map((tab) => tab.textContent);

describe('reviewing staff chats', () => {
  it('a supervisor lists every staff chat and reads one, without a composer, as new messages arrive', async () => {
    await openConsoleAs('sam');
    fireEvent.click(screen.getByRole('tab', { name: 'Staff chats' }));
    expect(screen.getByRole('tab', { name: 'Staff chats' }).getAttribute('aria-selected')).toBe('true');

    const list = await screen.findByRole('list', { name: 'Staff chats' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    const [bobAlice, samAlice] = within(list).getAllByRole('listitem') as [HTMLElement, HTMLElement];
    // Named the same way whoever opened the chat first.
    expect(within(bobAlice).getByRole('button').textContent).toBe('Alice and Bob');
    expect(bobAlice.getAttribute('data-staff-chat-id')).toBe('staff-bob-alice');
    expect(bobAlice.querySelector('time')?.getAttribute('dateTime')).toBe(
      new Date(Date.UTC(2026, 0, 5, 9, 2)).toISOString(),
    );
    expect(within(samAlice).getByRole('button').textContent).toBe('Alice and Sam');
    expect(samAlice.textContent).toContain('No messages yet');

    fireEvent.click(within(bobAlice).getByRole('button', { name: 'Alice and Bob' }));
    const pane = await screen.findByRole('region', { name: 'Staff chat between Alice and Bob' });
    expect(pane.getAttribute('data-staff-chat-id')).toBe('staff-bob-alice');
    const log = within(pane).getByRole('log', { name: 'Messages' });
    await waitFor(() =>
      expect([...log.querySelectorAll('li[data-seq] .message-body')].map((li) => li.textContent)).toEqual([
        'Can you take the desk at three?',
        'Yes, I will.',
      ]),
    );
    expect(within(pane).getByText(/reviewing this archived staff chat as a supervisor/)).toBeTruthy();
    expect(within(pane).queryByRole('textbox', { name: 'Reply' })).toBeNull();
    expect(within(pane).queryByRole('button', { name: 'Send' })).toBeNull();
    expect(within(bobAlice).getByRole('button').getAttribute('aria-current')).toBe('true');

    server.bobSays('Thanks! I owe you one.');
    await waitFor(() => expect(within(log).getByText('Thanks! I owe you one.')).toBeTruthy());
    // The row follows the live message: its time is the new message's.
    expect(bobAlice.querySelector('time')?.getAttribute('dateTime')).toBe(
      new Date(Date.UTC(2026, 0, 5, 9, 3)).toISOString(),
    );
  });

  it('a supervisor who is in the staff chat opens it to write, as from the Operators list', async () => {
    await openConsoleAs('sam');
    fireEvent.click(screen.getByRole('tab', { name: 'Staff chats' }));
    const list = await screen.findByRole('list', { name: 'Staff chats' });
    fireEvent.click(await within(list).findByRole('button', { name: 'Alice and Sam' }));
    const pane = await screen.findByRole('region', { name: 'Staff chat with Alice' });
    await waitFor(() => expect(within(pane).getByRole('textbox', { name: 'Reply' })).toBeTruthy());
  });

  it('an admin has the Staff chats tab too; the arrow keys move between the three tabs', async () => {
    await openConsoleAs('zed');
    expect(tabNames()).toEqual(['Chats', 'Transcripts', 'Staff chats']);
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Chats' }), { key: 'ArrowLeft' });
    const staffTab = screen.getByRole('tab', { name: 'Staff chats' });
    expect(staffTab.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(staffTab);
    await screen.findByRole('list', { name: 'Staff chats' });

    fireEvent.keyDown(staffTab, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Chats' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('heading', { name: 'Patron Chats' })).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Staff chats' })).toBeNull();
  });

  it('an operator has no Staff chats tab', async () => {
    await openConsoleAs('alice');
    expect(tabNames()).toEqual(['Chats', 'Transcripts']);
    expect(screen.queryByRole('tab', { name: 'Staff chats' })).toBeNull();
  });

  it('says why the list could not be read', async () => {
    server.failList();
    await openConsoleAs('sam');
    fireEvent.click(screen.getByRole('tab', { name: 'Staff chats' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The staff chats could not be read.');
  });
});
