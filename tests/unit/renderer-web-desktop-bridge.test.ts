// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDesktopBridge } from '../../renderer/desktop/get-desktop-bridge';
import { WebDesktopBridge } from '../../renderer/desktop/web-desktop-bridge';
import { RecordingBridge } from './renderer-test-kit';

/** The browser's Notification API, recorded: jsdom has none. */
class RecordedNotification {
  static permission: NotificationPermission = 'granted';
  static shown: RecordedNotification[] = [];
  static requestPermission = vi.fn(async () => RecordedNotification.permission);
  onclick: (() => void) | null = null;
  onclose: (() => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    RecordedNotification.shown.push(this);
  }
  close() {
    this.closed = true;
    this.onclose?.();
  }
}

beforeEach(() => {
  RecordedNotification.shown = [];
  RecordedNotification.permission = 'granted';
  vi.stubGlobal('Notification', RecordedNotification);
});

afterEach(() => {
  vi.unstubAllGlobals();
  document.title = '';
});

const alert = {
  chatId: 'chat-7',
  patronName: 'Sam Reader',
  departmentName: 'Research Help',
  preview: 'Do you have the 1990 census?',
  note: null,
};

describe('the browser console desktop bridge', () => {
  it('is the web one in a browser and the preload one in the desktop app', () => {
    expect(getDesktopBridge().kind).toBe('web');
    const preload = new RecordingBridge();
    window.deskbell = preload;
    try {
      expect(getDesktopBridge()).toBe(preload);
    } finally {
      delete window.deskbell;
    }
  });

  it("a patron's new chat pops up a notification; clicking it focuses the console and previews that chat", () => {
    const bridge = new WebDesktopBridge();
    const actions: unknown[] = [];
    bridge.onAlertAction((action) => actions.push(action));
    const focus = vi.spyOn(window, 'focus').mockImplementation(() => undefined);

    bridge.alertNewChat(alert);
    const [shown] = RecordedNotification.shown;
    expect(shown?.title).toBe('New chat: Sam Reader');
    expect(shown?.options.body).toBe('Research Help: Do you have the 1990 census?');

    shown?.onclick?.();
    expect(focus).toHaveBeenCalled();
    expect(actions).toEqual([{ chatId: 'chat-7', action: 'preview' }]);
  });

  it('a claimed chat takes its notification down', () => {
    const bridge = new WebDesktopBridge();
    bridge.alertNewChat(alert);
    bridge.clearChatAlert('chat-7');
    expect(RecordedNotification.shown[0]?.closed).toBe(true);
  });

  it('shows nothing when the librarian has not allowed notifications', () => {
    RecordedNotification.permission = 'denied';
    new WebDesktopBridge().alertNewChat(alert);
    expect(RecordedNotification.shown).toEqual([]);
  });

  it('the tab title shows how many patrons are waiting', () => {
    const bridge = new WebDesktopBridge();
    bridge.reportPresence({ status: 'online', connected: true, waiting: 3 });
    expect(document.title).toBe('(3) Deskbell');
    bridge.reportPresence({ status: 'online', connected: true, waiting: 0 });
    expect(document.title).toBe('Deskbell');
  });

  it('plays the chirp once for a burst of new chats', () => {
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    const bridge = new WebDesktopBridge();
    bridge.chirp();
    bridge.chirp();
    bridge.chirp();
    expect(play).toHaveBeenCalledTimes(1);
  });
});
