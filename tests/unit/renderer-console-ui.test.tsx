// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperatorConnection } from '../../src/client/operator-connection';
import { ConsoleApp } from '../../renderer/features/app/console-app';
import type { ConsoleStore } from '../../renderer/store/console-store';
import { ConsoleStoreProvider } from '../../renderer/store/store-context';
import { startFakeDeskServer, type FakeDeskServer } from './client-fake-desk-server';
import { consoleFor, RecordingBridge } from './renderer-test-kit';

let server: FakeDeskServer;
let store: ConsoleStore;
let bridge: RecordingBridge;

beforeEach(async () => {
  server = await startFakeDeskServer();
  bridge = new RecordingBridge();
  // The desktop app's preload puts its bridge here; the login form asks for it.
  window.deskbell = bridge;
  ({ store } = consoleFor(server, bridge));
});

afterEach(async () => {
  cleanup();
  store.dispose();
  delete window.deskbell;
  await server.close();
});

async function logInAsAlice() {
  render(
    <ConsoleStoreProvider store={store}>
      <ConsoleApp />
    </ConsoleStoreProvider>,
  );
  fireEvent.change(await screen.findByLabelText('Username'), { target: { value: 'alice' } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'deskbell-demo' } });
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
  await screen.findByRole('heading', { name: 'Patron Chats' });
  await waitFor(() => expect(store.getState().connection).toBe('connected'));
}

const counter = (name: 'in-progress' | 'new' | 'mine') =>
  document.querySelector(`[data-counter="${name}"]`)?.textContent;

describe('the operator console', () => {
  it('a librarian previews a waiting chat, claims it, replies with Enter, ends it and saves the analytics', async () => {
    await logInAsAlice();
    const chat = await act(async () => server.startChat('Where can I find old newspapers?', 'Jordan'));

    const patronChats = screen.getByRole('list', { name: 'Patron Chats' });
    const row = await waitFor(() => {
      const found = patronChats.querySelector<HTMLElement>(`[data-chat-id="${chat.id}"]`);
      if (!found) throw new Error('no row yet');
      return found;
    });
    expect(within(row).getByText('General Reference')).toBeTruthy();
    expect(within(row).getByText('Where can I find old newspapers?')).toBeTruthy();
    expect(counter('new')).toBe('1');

    // Clicking the patron's name previews without claiming.
    fireEvent.click(within(row).getByRole('button', { name: 'Jordan' }));
    const log = await screen.findByRole('log', { name: 'Messages' });
    await waitFor(() => expect(within(log).getByText('Where can I find old newspapers?')).toBeTruthy());
    expect(screen.queryByRole('button', { name: 'End Chat' })).toBeNull();

    fireEvent.click(within(row).getByRole('button', { name: 'Claim Chat' }));
    await screen.findByRole('button', { name: 'End Chat' });
    expect(counter('mine')).toBe('1');
    expect(within(screen.getByRole('list', { name: 'My chats' })).getByRole('button', { name: 'Jordan' })).toBeTruthy();

    const composer = screen.getByLabelText('Reply');
    fireEvent.change(composer, { target: { value: 'Try the microfilm room on floor 3.' } });
    fireEvent.keyDown(composer, { key: 'Enter' });
    await waitFor(() =>
      expect(server.storedMessages(chat.id).map((m) => m.body)).toContain('Try the microfilm room on floor 3.'),
    );
    await waitFor(() => expect(within(log).getByText('Try the microfilm room on floor 3.')).toBeTruthy());
    expect(within(log).queryByText('Sending...')).toBeNull();

    fireEvent.click(screen.getByRole('tab', { name: 'Patron info' }));
    expect(screen.getByText('203.0.113.7')).toBeTruthy();
    expect(screen.getByText('https://library.example/')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'End Chat' }));
    const dialog = await screen.findByRole('dialog', { name: 'Analytics' });
    expect((within(dialog).getByLabelText('Time Spent (minutes)') as HTMLInputElement).value).toBe('1');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Choose a Question Type.');

    fireEvent.change(within(dialog).getByLabelText('Question Type'), { target: { value: 'reference' } });
    fireEvent.change(within(dialog).getByLabelText('Time Spent (minutes)'), { target: { value: '4' } });
    fireEvent.change(within(dialog).getByLabelText('Notes'), { target: { value: 'Pointed to microfilm.' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Analytics' })).toBeNull());

    // The transcript reads back with its analytics.
    fireEvent.click(screen.getByRole('tab', { name: 'Transcripts' }));
    const transcripts = await screen.findByRole('list', { name: 'Transcripts' });
    fireEvent.click(await within(transcripts).findByRole('button', { name: 'Jordan' }));
    const transcript = await screen.findByRole('log', { name: 'Transcript' });
    await waitFor(() => expect(within(transcript).getByText('Try the microfilm room on floor 3.')).toBeTruthy());
    expect(screen.getByText('Pointed to microfilm.')).toBeTruthy();
    expect(screen.getByText('4 min')).toBeTruthy();
  });

  it('says "Reconnecting..." while the connection is down and clears it once back', async () => {
    await logInAsAlice();
    const banner = screen.getByRole('status');
    expect(banner.getAttribute('data-connection-state')).toBe('connected');
    act(() => server.dropConnections());
    await waitFor(() => expect(banner.textContent).toMatch(/^Reconnecting/));
    await waitFor(() => expect(banner.getAttribute('data-connection-state')).toBe('connected'));
    expect(banner.textContent).toBe('');
  });

  it('a reply the server could not store yet says it is being tried again, then shows as sent', async () => {
    store.dispose();
    ({ store } = consoleFor(server, bridge, {
      createConnection: (token) =>
        new OperatorConnection({
          url: server.url,
          ...(token ? { token } : {}),
          requestTimeoutMs: 1000,
          socketOptions: { transports: ['websocket'] },
          retryBackoff: { initialMs: 400, maxMs: 400, random: () => 0.999 },
        }),
    }));
    await logInAsAlice();
    const chat = await act(async () => server.startChat('Is the café open?', 'Robin'));
    await act(async () => store.getState().claimChat(chat.id));
    const log = await screen.findByRole('log', { name: 'Messages' });

    server.failSends(1, 'UNAVAILABLE');
    const composer = screen.getByLabelText('Reply');
    fireEvent.change(composer, { target: { value: 'Until 4 today.' } });
    fireEvent.keyDown(composer, { key: 'Enter' });
    const retrying = await within(log).findByText('Sending... the server is busy, trying again');
    expect(retrying.closest('li')?.getAttribute('data-retrying')).toBe('true');
    expect(within(log).queryByText(/Not sent/)).toBeNull();

    await waitFor(() => expect(within(log).queryByText(/Sending/)).toBeNull(), { timeout: 3000 });
    expect(within(log).getByText('Until 4 today.')).toBeTruthy();
    expect(server.storedMessages(chat.id).filter((m) => m.body === 'Until 4 today.')).toHaveLength(1);
  });

  it('a reply refused for good says "Not sent" and why', async () => {
    await logInAsAlice();
    const chat = await act(async () => server.startChat('Can I print in color?', 'Sam'));
    await act(async () => store.getState().claimChat(chat.id));
    const log = await screen.findByRole('log', { name: 'Messages' });
    server.failSends(1, 'MESSAGE_TOO_LONG');
    const composer = screen.getByLabelText('Reply');
    fireEvent.change(composer, { target: { value: 'Yes, on floor 2.' } });
    fireEvent.keyDown(composer, { key: 'Enter' });
    expect(await within(log).findByText('Not sent: MESSAGE_TOO_LONG: the server is having a moment.')).toBeTruthy();
    expect(within(log).queryByText(/Sending/)).toBeNull();
  });
});
