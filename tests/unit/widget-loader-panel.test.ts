// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LauncherPanel } from '../../widget/loader-panel';
import { MESSAGE_TAG } from '../../widget/frame-messages';
import type { LoaderParams } from '../../widget/loader-params';

const params: LoaderParams = {
  department: 'general-reference',
  label: 'Chat with a librarian',
  origin: 'https://chat.riverside.example',
  frameUrl: 'https://chat.riverside.example/widget/frame.html',
};

function mount() {
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const panel = new LauncherPanel(params, root);
  const button = root.querySelector('button')!;
  const frame = () => root.querySelector('iframe');
  const panelElement = root.querySelector<HTMLElement>('.panel')!;
  return { panel, root, button, frame, panelElement };
}

/** A message as the browser delivers it to the host page. */
function post(data: unknown, from: { origin: string; source: Window | null }) {
  window.dispatchEvent(new MessageEvent('message', { data, origin: from.origin, source: from.source }));
}

beforeEach(() => {
  document.body.innerHTML = '';
  sessionStorage.clear();
});

describe('the chat button on the library page', () => {
  it('opens and closes the chat panel, and tells screen readers which it is', () => {
    const { button, frame, panelElement } = mount();
    expect(button.textContent).toBe('Chat with a librarian');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(frame()).toBeNull(); // no connection until the patron asks for one

    button.click();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(panelElement.hidden).toBe(false);
    expect(frame()?.title).toBe('Chat with a librarian');
    const src = new URL(frame()!.src);
    expect(src.pathname).toBe('/widget/frame.html');
    expect(src.searchParams.get('department')).toBe('general-reference');
    expect(src.searchParams.get('page')).toBe(location.href);

    button.click();
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(panelElement.hidden).toBe(true);
  });

  it('closes when the chat frame asks, and gives focus back to the button', () => {
    const { button, frame, panelElement, root } = mount();
    button.click();
    post({ tag: MESSAGE_TAG, type: 'close' }, { origin: params.origin, source: frame()!.contentWindow });
    expect(panelElement.hidden).toBe(true);
    expect(root.activeElement).toBe(button);
  });

  it('ignores a message from another origin or another window that tries to close the panel', () => {
    const { button, frame, panelElement } = mount();
    button.click();
    post({ tag: MESSAGE_TAG, type: 'close' }, { origin: 'https://evil.example', source: frame()!.contentWindow });
    post({ tag: MESSAGE_TAG, type: 'close' }, { origin: params.origin, source: window });
    post(
      { tag: MESSAGE_TAG, type: 'close', extra: 1 },
      { origin: 'https://chat.riverside.example.evil', source: null },
    );
    expect(panelElement.hidden).toBe(false);
  });

  it('shows on the button how many librarian messages came while the panel was closed', () => {
    const { button, frame } = mount();
    button.click();
    button.click();
    post({ tag: MESSAGE_TAG, type: 'unread', count: 2 }, { origin: params.origin, source: frame()!.contentWindow });
    expect(button.textContent).toBe('Chat with a librarian, 2 new messages');
    post({ tag: MESSAGE_TAG, type: 'unread', count: -1 }, { origin: params.origin, source: frame()!.contentWindow });
    expect(button.textContent).toBe('Chat with a librarian, 2 new messages');

    button.click();
    expect(button.textContent).toBe('Chat with a librarian');
  });

  it('is open again after the patron refreshes the page mid-chat', () => {
    mount().button.click();
    document.body.innerHTML = '';
    const afterRefresh = mount();
    expect(afterRefresh.button.getAttribute('aria-expanded')).toBe('true');
    expect(afterRefresh.frame()).not.toBeNull();
  });
});

describe('the loader script', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.resetModules();
  });

  async function runLoader(attributes: Record<string, string>) {
    const script = document.createElement('script');
    script.src = 'https://chat.riverside.example/widget/loader.js';
    for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
    Object.defineProperty(document, 'currentScript', { value: script, configurable: true });
    await import('../../widget/loader');
  }

  it('adds one chat button for the department named on its script tag', async () => {
    await runLoader({ 'data-department': 'general-reference', 'data-label': 'Ask a librarian' });
    const hosts = document.querySelectorAll('[data-deskbell-widget="general-reference"]');
    expect(hosts).toHaveLength(1);
    expect(hosts[0]?.shadowRoot?.querySelector('button')?.textContent).toBe('Ask a librarian');
  });

  it('says in the console what is missing when the script tag has no data-department', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await runLoader({});
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/^Deskbell chat widget: .*data-department/));
    expect(document.querySelector('[data-deskbell-widget]')).toBeNull();
  });
});

describe('a chat under way with the panel closed', () => {
  it('loads the chat again, hidden, on the next page so new messages still show on the button', () => {
    const first = mount();
    first.button.click();
    post(
      { tag: MESSAGE_TAG, type: 'chat', active: true },
      { origin: params.origin, source: first.frame()!.contentWindow },
    );
    first.button.click();

    document.body.innerHTML = '';
    const next = mount();
    expect(next.button.getAttribute('aria-expanded')).toBe('false');
    expect(next.panelElement.hidden).toBe(true);
    expect(next.frame()).not.toBeNull();
  });

  it('stops loading it once the chat has ended', () => {
    const first = mount();
    first.button.click();
    const source = first.frame()!.contentWindow;
    post({ tag: MESSAGE_TAG, type: 'chat', active: true }, { origin: params.origin, source });
    post({ tag: MESSAGE_TAG, type: 'chat', active: false }, { origin: params.origin, source });
    first.button.click();

    document.body.innerHTML = '';
    expect(mount().frame()).toBeNull();
  });
});
