// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CannedMessage, CannedSaveRequest, OperatorProfile } from '../../src/protocol';
import { ConsoleApp } from '../../renderer/features/app/console-app';
import { checkCannedForm } from '../../renderer/features/canned/canned-form';
import { CannedPage } from '../../renderer/features/canned/canned-page';
import { cannedFiltered, firstWords, insertAt, shortcutAtCaret } from '../../renderer/features/canned/canned-shortcut';
import { Composer } from '../../renderer/features/chat-pane/composer';
import { createConsoleStore, type ConsoleStore } from '../../renderer/store/console-store';
import { ConsoleStoreProvider } from '../../renderer/store/store-context';
import { fakeApi, RecordingBridge } from './renderer-test-kit';

const ALICE: OperatorProfile = {
  id: 'op-alice',
  username: 'alice',
  displayName: 'Alice',
  role: 'operator',
  departmentIds: ['general-reference'],
};
const DANA: OperatorProfile = { ...ALICE, id: 'op-dana', username: 'dana', displayName: 'Dana', role: 'admin' };

const HOURS: CannedMessage = {
  id: 'c-hours',
  scope: 'department',
  ownerId: null,
  departmentId: 'general-reference',
  shortcut: 'hours',
  body: 'We are open 9 to 8 on weekdays.',
  updatedAt: 1,
};
const HOLDS: CannedMessage = {
  id: 'c-holds',
  scope: 'personal',
  ownerId: ALICE.id,
  departmentId: null,
  shortcut: 'holds',
  body: 'Place a hold from the catalogue record.',
  updatedAt: 1,
};
const RENEW: CannedMessage = {
  id: 'c-renew',
  scope: 'department',
  ownerId: null,
  departmentId: 'general-reference',
  shortcut: 'renew',
  body: 'Renew under My Account with your card number.',
  updatedAt: 1,
};

/**
 * The server's side of canned messages, played in memory with its rules
 * (server/canned/canned-handlers.ts): personal ones are their owner's, shared
 * ones admins' only; a refusal comes back in the server's words.
 */
class FakeCannedServer {
  held: CannedMessage[];
  saves: CannedSaveRequest[] = [];
  lists = 0;
  /** The role the server knows (a console may believe otherwise, e.g. just after a demotion). */
  constructor(
    readonly me: OperatorProfile,
    held: CannedMessage[],
  ) {
    this.held = [...held];
  }
  list(): CannedMessage[] {
    this.lists += 1;
    return [...this.held];
  }
  save(request: CannedSaveRequest): CannedMessage | string {
    this.saves.push(request);
    if (request.scope.kind === 'department' && this.me.role !== 'admin')
      return "Only admins manage a department's shared canned messages.";
    if (!/^[A-Za-z0-9_-]+$/.test(request.shortcut)) return 'canned:save: shortcut: letters, digits, - and _ only';
    const saved: CannedMessage = {
      id: request.id ?? `c-${this.saves.length}`,
      scope: request.scope.kind,
      ownerId: request.scope.kind === 'personal' ? this.me.id : null,
      departmentId: request.scope.kind === 'department' ? request.scope.departmentId : null,
      shortcut: request.shortcut,
      body: request.body,
      updatedAt: 2,
    };
    this.held = [...this.held.filter((item) => item.id !== saved.id), saved];
    return saved;
  }
  delete(id: string): string | null {
    const found = this.held.find((item) => item.id === id);
    if (found?.scope === 'department' && this.me.role !== 'admin')
      return "Only admins manage a department's shared canned messages.";
    this.held = this.held.filter((item) => item.id !== id);
    return null;
  }
}

let store: ConsoleStore;
let fake: FakeCannedServer;

/**
 * A logged-in console whose canned-message actions talk to the fake above
 * (the store's own bookkeeping of the list is kept: it is what the UI reads).
 */
function consoleAs(operator: OperatorProfile, onServer: CannedMessage[], shownRole = operator.role) {
  fake = new FakeCannedServer(operator, onServer);
  store = createConsoleStore({
    api: fakeApi(),
    bridge: new RecordingBridge(),
    now: () => Date.now(),
    createConnection: () => {
      throw new Error('these tests need no connection');
    },
  });
  const announce = store.getState().announce;
  store.setState({
    phase: 'logged-in',
    // Already logged in: the app's start-up check has nothing to restore here.
    restoreSession: async () => undefined,
    operator: { ...operator, role: shownRole },
    connection: 'connected',
    departments: [
      { id: 'general-reference', name: 'General Reference' },
      { id: 'research-help', name: 'Research Help' },
    ],
    loadCanned: async () => {
      store.setState({ canned: fake.list().sort((a, b) => a.shortcut.localeCompare(b.shortcut)) });
    },
    saveCanned: async (request) => {
      const saved = fake.save(request);
      if (typeof saved === 'string') return saved;
      store.setState((state) => ({
        canned: [...(state.canned ?? []).filter((item) => item.id !== saved.id), saved],
      }));
      announce(`Canned message /${saved.shortcut} saved.`);
      return null;
    },
    deleteCanned: async (id) => {
      const refused = fake.delete(id);
      if (refused) return refused;
      store.setState((state) => ({ canned: (state.canned ?? []).filter((item) => item.id !== id) }));
      return null;
    },
  });
}

function renderComposer(onSend = vi.fn()) {
  render(
    <ConsoleStoreProvider store={store}>
      <Composer onSend={onSend} disabled={false} />
    </ConsoleStoreProvider>,
  );
  return { onSend, box: screen.getByRole('textbox', { name: 'Reply' }) as HTMLTextAreaElement };
}

/** Types the whole text at once, the caret at its end (jsdom puts it there when the value is set). */
function type(box: HTMLTextAreaElement, text: string) {
  fireEvent.change(box, { target: { value: text } });
}

const optionNames = (list: HTMLElement) =>
  within(list)
    .getAllByRole('option')
    .map((option) => option.textContent);

beforeEach(() => consoleAs(ALICE, [HOURS, HOLDS, RENEW]));
afterEach(() => {
  cleanup();
  store.dispose();
});

describe('finding a /shortcut in the message box', () => {
  it('opens at the start of the box or after whitespace, never inside a word or a web address', () => {
    expect(shortcutAtCaret('/ho', 3)).toEqual({ start: 0, end: 3, typed: 'ho' });
    expect(shortcutAtCaret('Hello,\n/ren', 11)).toEqual({ start: 7, end: 11, typed: 'ren' });
    expect(shortcutAtCaret('and/or', 6)).toBeNull();
    expect(shortcutAtCaret('see https://library.example/hours', 32)).toBeNull();
    expect(shortcutAtCaret('/', 1)).toBeNull();
    // The caret decides: a shortcut earlier in the box with text typed after it is done with.
    expect(shortcutAtCaret('/ho and more', 12)).toBeNull();
    expect(shortcutAtCaret('/ho and more', 3)).toEqual({ start: 0, end: 3, typed: 'ho' });
  });

  it('puts the body in place of the shortcut and the caret right after it', () => {
    expect(insertAt('Hi /ho!', { start: 3, end: 6 }, 'We open at 9.')).toEqual({
      text: 'Hi We open at 9.!',
      caret: 16,
    });
  });

  it('shows the first words of a long body and filters by shortcut or words', () => {
    expect(firstWords('short one')).toBe('short one');
    expect(firstWords('a '.repeat(80), 20)).toMatch(/^(a ){0,9}a…$/);
    expect(cannedFiltered([HOURS, HOLDS, RENEW], '/ho').map((item) => item.id)).toEqual(['c-hours', 'c-holds']);
    expect(cannedFiltered([HOURS, HOLDS, RENEW], 'card number').map((item) => item.id)).toEqual(['c-renew']);
    expect(cannedFiltered([HOURS, HOLDS, RENEW], '  ')).toHaveLength(3);
  });
});

describe('canned messages in the composer', () => {
  it('typing / and letters loads them once and lists the matching ones, personal ones marked', async () => {
    const { box } = renderComposer();
    expect(store.getState().canned).toBeNull();
    type(box, 'Hello! /ho');
    const list = await screen.findByRole('listbox', { name: 'Canned messages' });
    expect(fake.lists).toBe(1);
    expect(optionNames(list)).toEqual([
      '/holds Personal Place a hold from the catalogue record.',
      '/hours General Reference We are open 9 to 8 on weekdays.',
    ]);
    expect(box.getAttribute('aria-controls')).toBe(list.id);
    expect(box.getAttribute('aria-activedescendant')).toBe(within(list).getAllByRole('option')[0]?.id);

    type(box, 'Hello! /hou');
    expect(optionNames(screen.getByRole('listbox'))).toEqual([
      '/hours General Reference We are open 9 to 8 on weekdays.',
    ]);
    type(box, 'Hello! /x');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box.getAttribute('aria-activedescendant')).toBeNull();
    type(box, 'Hello! /re');
    await screen.findByRole('listbox');
    expect(fake.lists).toBe(1);
  });

  it('arrow keys move, Enter inserts the body in place of /shortcut without sending, and the next Enter sends', async () => {
    const { box, onSend } = renderComposer();
    type(box, 'Hello! /ho');
    const list = await screen.findByRole('listbox', { name: 'Canned messages' });
    const options = () => within(list).getAllByRole('option');
    expect(options()[0]?.getAttribute('aria-selected')).toBe('true');

    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(options()[1]?.getAttribute('aria-selected')).toBe('true');
    expect(box.getAttribute('aria-activedescendant')).toBe(options()[1]?.id);
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(options()[0]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    expect(options()[1]?.getAttribute('aria-selected')).toBe('true');

    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).not.toHaveBeenCalled();
    expect(box.value).toBe('Hello! We are open 9 to 8 on weekdays.');
    expect(box.selectionStart).toBe(box.value.length);
    expect(screen.queryByRole('listbox')).toBeNull();

    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('Hello! We are open 9 to 8 on weekdays.');
    expect(box.value).toBe('');
  });

  it('Tab inserts too, and a click on an option does', async () => {
    const { box, onSend } = renderComposer();
    type(box, '/ren');
    await screen.findByRole('listbox');
    fireEvent.keyDown(box, { key: 'Tab' });
    expect(box.value).toBe(RENEW.body);

    type(box, `${RENEW.body} /hol`);
    const list = await screen.findByRole('listbox');
    fireEvent.click(within(list).getByRole('option', { name: /^\/holds/ }));
    expect(box.value).toBe(`${RENEW.body} ${HOLDS.body}`);
    expect(onSend).not.toHaveBeenCalled();
  });

  it('Escape closes the list; then Enter sends what was typed, and a new / opens it again', async () => {
    const { box, onSend } = renderComposer();
    type(box, '/ho');
    await screen.findByRole('listbox');
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    // Still closed while the same shortcut is typed on.
    type(box, '/hou');
    expect(screen.queryByRole('listbox')).toBeNull();

    type(box, '/hou /re');
    expect(screen.getByRole('listbox')).toBeTruthy();
    fireEvent.keyDown(box, { key: 'Escape' });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('/hou /re');
  });

  it('Shift+Enter still starts a new line while nothing matches, and Enter sends a shortcut nobody saved', async () => {
    const { box, onSend } = renderComposer();
    type(box, '/nothing');
    await waitFor(() => expect(store.getState().canned).not.toBeNull());
    expect(screen.queryByRole('listbox')).toBeNull();
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('/nothing');
  });

  it('the Canned messages button opens a filter box over the same list and inserts at the caret', async () => {
    const { box, onSend } = renderComposer();
    type(box, 'Good question. ');
    fireEvent.click(screen.getByRole('button', { name: 'Canned messages' }));
    const picker = screen.getByRole('dialog', { name: 'Canned messages' });
    const filter = within(picker).getByRole('combobox', { name: 'Filter canned messages' });
    expect(document.activeElement).toBe(filter);
    const list = await within(picker).findByRole('listbox', { name: 'Canned messages' });
    expect(within(list).getAllByRole('option')).toHaveLength(3);
    expect(filter.getAttribute('aria-controls')).toBe(list.id);

    fireEvent.change(filter, { target: { value: 'card' } });
    expect(optionNames(list)).toEqual(['/renew General Reference Renew under My Account with your card number.']);
    fireEvent.change(filter, { target: { value: '/ho' } });
    fireEvent.keyDown(filter, { key: 'ArrowDown' });
    expect(filter.getAttribute('aria-activedescendant')).toBe(within(list).getAllByRole('option')[1]?.id);
    fireEvent.keyDown(filter, { key: 'Enter' });

    expect(onSend).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog', { name: 'Canned messages' })).toBeNull();
    expect(box.value).toBe(`Good question. ${HOURS.body}`);
    expect(document.activeElement).toBe(box);
  });

  it('the picker asks the server afresh each time, says when nothing matches, and Escape returns to its button', async () => {
    renderComposer();
    const button = screen.getByRole('button', { name: 'Canned messages' });
    fireEvent.click(button);
    await waitFor(() => expect(fake.lists).toBe(1));
    const filter = screen.getByRole('combobox', { name: 'Filter canned messages' });
    fireEvent.change(filter, { target: { value: 'zebra' } });
    expect(screen.getByText('No canned message matches.')).toBeTruthy();
    fireEvent.keyDown(filter, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute('aria-expanded')).toBe('false');

    fake.held.push({ ...HOURS, id: 'c-new', shortcut: 'ill', body: 'Interlibrary Loan can get it.' });
    fireEvent.click(button);
    expect(await screen.findByRole('option', { name: /^\/ill/ })).toBeTruthy();
    expect(fake.lists).toBe(2);
  });
});

function renderPage() {
  render(
    <ConsoleStoreProvider store={store}>
      <CannedPage />
    </ConsoleStoreProvider>,
  );
}

async function loadedPage() {
  renderPage();
  await act(() => store.getState().loadCanned());
  return screen.getByRole('region', { name: 'Canned messages' });
}

describe('the Canned messages page', () => {
  it('checks a shortcut and a message by the server’s rules before asking it', () => {
    const personal = { kind: 'personal' } as const;
    expect(checkCannedForm({ shortcut: ' /atlas ', body: ' Floor 2. ', departmentId: '' }, personal)).toEqual({
      ok: true,
      request: { scope: { kind: 'personal' }, shortcut: 'atlas', body: 'Floor 2.' },
    });
    const bad = checkCannedForm({ shortcut: 'two words', body: '  ', departmentId: '' }, personal);
    expect(bad.ok === false && Object.keys(bad.errors).sort()).toEqual(['body', 'shortcut']);
    const long = checkCannedForm({ shortcut: 'x'.repeat(33), body: 'b', departmentId: '' }, personal);
    expect(long.ok === false && long.errors.shortcut).toMatch(/32 characters/);
    expect(checkCannedForm({ shortcut: 'a-b_9', body: 'b', departmentId: '' }, { kind: 'department' }).ok).toBe(false);
    expect(checkCannedForm({ shortcut: 'x', body: 'b', departmentId: '' }, { kind: 'edit', canned: HOURS })).toEqual({
      ok: true,
      request: {
        id: 'c-hours',
        scope: { kind: 'department', departmentId: 'general-reference' },
        shortcut: 'x',
        body: 'b',
      },
    });
  });

  it('an operator adds one of theirs, fixing what the form points out first', async () => {
    const page = await loadedPage();
    const form = within(page).getByRole('form', { name: 'New personal canned message' });
    const shortcut = within(form).getByRole('textbox', { name: 'Shortcut' });
    fireEvent.change(shortcut, { target: { value: 'county atlas' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(shortcut.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText(/letters, digits, - and _ only/).id).toBe(
      shortcut.getAttribute('aria-describedby')?.split(' ')[1],
    );
    expect(within(form).getByText('Enter the message to insert.')).toBeTruthy();
    expect(fake.saves).toEqual([]);

    fireEvent.change(shortcut, { target: { value: 'atlas' } });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Message' }), {
      target: { value: 'The county atlases are in Local History.' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    const mine = await within(page).findByRole('list', { name: 'Your canned messages' });
    await waitFor(() => expect(within(mine).getByText('/atlas')).toBeTruthy());
    expect(fake.saves).toEqual([
      { scope: { kind: 'personal' }, shortcut: 'atlas', body: 'The county atlases are in Local History.' },
    ]);
    // The form is ready for the next one.
    expect((shortcut as HTMLInputElement).value).toBe('');
  });

  it('an operator edits and deletes their own, but sees the shared ones read-only', async () => {
    const page = await loadedPage();
    const shared = within(page).getByRole('list', { name: 'Shared canned messages' });
    expect(within(shared).getByText('/hours')).toBeTruthy();
    expect(within(shared).queryByRole('button')).toBeNull();
    expect(within(page).queryByRole('form', { name: 'New shared canned message' })).toBeNull();

    const mine = within(page).getByRole('list', { name: 'Your canned messages' });
    fireEvent.click(within(mine).getByRole('button', { name: 'Edit /holds' }));
    const edit = within(mine).getByRole('form', { name: 'Edit /holds' });
    expect(document.activeElement).toBe(within(edit).getByRole('textbox', { name: 'Shortcut' }));
    fireEvent.change(within(edit).getByRole('textbox', { name: 'Message' }), {
      target: { value: 'Use Place Hold on the record.' },
    });
    fireEvent.click(within(edit).getByRole('button', { name: 'Save' }));
    // Back to the row once saved (a textarea also holds the words while the form shows).
    await waitFor(() => expect(within(mine).queryByRole('form')).toBeNull());
    expect(within(mine).getByText('Use Place Hold on the record.').tagName).toBe('P');
    expect(fake.saves.at(-1)).toEqual({
      id: 'c-holds',
      scope: { kind: 'personal' },
      shortcut: 'holds',
      body: 'Use Place Hold on the record.',
    });
    expect(document.activeElement).toBe(within(mine).getByRole('button', { name: 'Edit /holds' }));

    fireEvent.click(within(mine).getByRole('button', { name: 'Delete /holds' }));
    const question = within(mine).getByRole('group', { name: 'Delete /holds?' });
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Keep it' }));
    fireEvent.click(within(question).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(within(page).getByText('You have none yet.')).toBeTruthy());
    expect(fake.held.map((item) => item.id)).not.toContain('c-holds');
    // The row and its buttons are gone: focus lands on the list's heading, not the top of the page.
    expect(document.activeElement).toBe(within(page).getByRole('heading', { name: 'Your canned messages' }));
  });

  it('an admin shares one with a department they choose, and edits a shared one', async () => {
    consoleAs(DANA, [HOURS]);
    const page = await loadedPage();
    const form = within(page).getByRole('form', { name: 'New shared canned message' });
    fireEvent.change(within(form).getByRole('combobox', { name: 'Department' }), {
      target: { value: 'research-help' },
    });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Shortcut' }), { target: { value: 'ill' } });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Message' }), {
      target: { value: 'Interlibrary Loan can get it for you.' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    const shared = within(page).getByRole('list', { name: 'Shared canned messages' });
    await waitFor(() => expect(within(shared).getByText('/ill')).toBeTruthy());
    expect(fake.saves).toEqual([
      {
        scope: { kind: 'department', departmentId: 'research-help' },
        shortcut: 'ill',
        body: 'Interlibrary Loan can get it for you.',
      },
    ]);
    const row = within(shared).getByText('/ill').closest('li') as HTMLElement;
    expect(within(row).getByText('Research Help')).toBeTruthy();
    expect(within(shared).getByRole('button', { name: 'Edit /hours' })).toBeTruthy();
  });

  it("a shared one the server refuses (the console thought it was an admin's) shows the server's words", async () => {
    // The console still shows Alice as an admin; the server knows she is not one any more.
    consoleAs(ALICE, [HOURS], 'admin');
    const page = await loadedPage();
    const form = within(page).getByRole('form', { name: 'New shared canned message' });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Shortcut' }), { target: { value: 'ill' } });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Message' }), { target: { value: 'Try ILL.' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      "Only admins manage a department's shared canned messages.",
    );
    expect(within(page).queryByText('/ill')).toBeNull();
    // What was typed stays, to copy or to fix.
    expect((within(form).getByRole('textbox', { name: 'Shortcut' }) as HTMLInputElement).value).toBe('ill');

    fireEvent.click(within(page).getByRole('button', { name: 'Delete /hours' }));
    fireEvent.click(within(page).getByRole('button', { name: 'Delete' }));
    expect((await within(page).findByRole('alert')).textContent).toBe(
      "Only admins manage a department's shared canned messages.",
    );
    expect(within(page).getByText('/hours')).toBeTruthy();
  });

  it('opens from the header in place of Settings, and Back to chats shows the chats again', async () => {
    render(
      <ConsoleStoreProvider store={store}>
        <ConsoleApp />
      </ConsoleStoreProvider>,
    );
    const banner = screen.getByRole('banner');
    fireEvent.click(within(banner).getByRole('button', { name: 'Settings' }));
    expect(await screen.findByRole('region', { name: 'Settings' })).toBeTruthy();

    const open = within(banner).getByRole('button', { name: 'Canned messages' });
    fireEvent.click(open);
    expect(screen.queryByRole('region', { name: 'Settings' })).toBeNull();
    const page = await screen.findByRole('region', { name: 'Canned messages' });
    expect(open.getAttribute('aria-pressed')).toBe('true');
    await within(page).findByRole('list', { name: 'Shared canned messages' });
    expect(fake.lists).toBe(1);

    fireEvent.click(within(banner).getByRole('button', { name: 'Settings' }));
    expect(screen.queryByRole('region', { name: 'Canned messages' })).toBeNull();
    fireEvent.click(within(banner).getByRole('button', { name: 'Settings' }));
    expect(screen.queryByRole('region', { name: 'Settings' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Canned messages' })).toBeNull();

    fireEvent.click(open);
    fireEvent.click(
      within(await screen.findByRole('region', { name: 'Canned messages' })).getByRole('button', {
        name: 'Back to chats',
      }),
    );
    expect(screen.queryByRole('region', { name: 'Canned messages' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Patron Chats' })).toBeTruthy();
  });
});
