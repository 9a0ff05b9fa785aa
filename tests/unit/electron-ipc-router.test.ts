import { describe, expect, it } from 'vitest';
import { DESKTOP_CHANNELS, type EventChannel } from '../../src/protocol';
import { ChannelRouter } from '../../electron/main/ipc/ipc-router';
import { setUpIpc } from '../../electron/main/ipc/setup-ipc';
import { isTrustedSender } from '../../electron/main/ipc/trusted-sender';
import { RecordingLogger } from '../fakes/fake-logger';
import { CONSOLE_SENDER, FakeIpcTransport, POPUP_SENDER } from '../fakes/ipc-fake-transport';

const alert = {
  chatId: 'c1',
  patronName: 'Pat',
  departmentName: 'General Reference',
  preview: 'Where are the atlases?',
};

function setUp() {
  const log = new RecordingLogger();
  const delivered: { channel: EventChannel; payload: unknown }[] = [];
  const router = new ChannelRouter({ log, deliver: (channel, payload) => delivered.push({ channel, payload }) });
  const transport = new FakeIpcTransport();
  router.connect(transport);
  return { log, delivered, router, transport };
}

describe('which pages may talk to the main process', () => {
  const windows = { isAppWindow: (id: number) => id === 1 };

  it("the console's own page in one of the app's windows is trusted", () => {
    expect(
      isTrustedSender({ senderId: 1, frameUrl: 'deskbell-app://console/index.html', payload: null }, windows),
    ).toBe(true);
    expect(isTrustedSender({ senderId: 1, frameUrl: 'deskbell-app://console/', payload: null }, windows)).toBe(true);
  });

  it.each([
    ['a web page', 'https://evil.example/'],
    ['the server', 'http://127.0.0.1:8080/console/'],
    ['a look-alike host', 'deskbell-app://console.evil/index.html'],
    ['another host of the scheme', 'deskbell-app://widget/index.html'],
    ['a user name smuggled in', 'deskbell-app://x@console/index.html'],
    ['a port', 'deskbell-app://console:81/index.html'],
    ['a file', 'file:///app/dist/console/index.html'],
    ['no frame (it navigated away or closed)', null],
    ['not a URL', 'console/index.html'],
  ])('a frame from %s is not', (_what, frameUrl) => {
    expect(isTrustedSender({ senderId: 1, frameUrl, payload: null }, windows)).toBe(false);
  });

  it("the right URL from a webContents that is not one of the app's windows is not", () => {
    expect(
      isTrustedSender({ senderId: 99, frameUrl: 'deskbell-app://console/index.html', payload: null }, windows),
    ).toBe(false);
  });
});

describe('the IPC router', () => {
  it('listens on every channel of the map, and only those', () => {
    const { transport } = setUp();
    expect(transport.channels().invoke.sort()).toEqual(Object.keys(DESKTOP_CHANNELS.invoke).sort());
    expect(transport.channels().send.sort()).toEqual(Object.keys(DESKTOP_CHANNELS.send).sort());
  });

  it('a new chat from the console reaches its listener parsed, with who sent it', () => {
    const { router, transport } = setUp();
    const heard: unknown[] = [];
    router.on('alerts/new-chat', (payload, sender) => heard.push({ payload, sender }));
    transport.send('alerts/new-chat', alert);
    // Parsed: the schema's default for `note` is filled in.
    expect(heard).toEqual([{ payload: { ...alert, note: null }, sender: CONSOLE_SENDER.senderId }]);
  });

  it('a pop-up window of the app is trusted too', async () => {
    const { router, transport } = setUp();
    router.handle('alerts/popup-ready', (_request, sender) =>
      sender === POPUP_SENDER.senderId ? { ...alert, note: null } : null,
    );
    await expect(transport.invoke('alerts/popup-ready', {}, POPUP_SENDER)).resolves.toEqual({ ...alert, note: null });
  });

  it('a message from a foreign frame is dropped and logged, and its listener never runs', () => {
    const { router, transport, log } = setUp();
    let ran = false;
    router.on('presence/report', () => (ran = true));
    transport.send(
      'presence/report',
      { status: 'online', connected: true, waiting: 0 },
      { senderId: 1, frameUrl: 'https://evil.example/' },
    );
    expect(ran).toBe(false);
    expect(log.messages('warn')).toEqual(["Dropped presence/report from a page that is not Deskbell's"]);
  });

  it('a request from a foreign window is rejected with a clear error and its handler never runs', async () => {
    const { router, transport, log } = setUp();
    let ran = false;
    router.handle('credentials/get-token', () => {
      ran = true;
      return { token: 'secret', persisted: true };
    });
    await expect(
      transport.invoke('credentials/get-token', {}, { senderId: 42, frameUrl: 'deskbell-app://console/index.html' }),
    ).rejects.toThrow("credentials/get-token: refused: only Deskbell's own pages may ask this");
    expect(ran).toBe(false);
    expect(log.messages('warn')).toHaveLength(1);
  });

  it('a malformed message is dropped and logged, never reaching its listener', () => {
    const { router, transport, log } = setUp();
    const heard: unknown[] = [];
    router.on('alerts/new-chat', (payload) => heard.push(payload));
    transport.send('alerts/new-chat', { ...alert, chatId: '' });
    transport.send('alerts/new-chat', 'not an object');
    transport.send('alerts/new-chat', undefined);
    expect(heard).toEqual([]);
    expect(log.messages('warn')).toHaveLength(3);
    expect(log.entries[0]?.details).toEqual([expect.stringMatching(/^chatId:/)]);
  });

  it('a malformed request is rejected with an error that names the field', async () => {
    const { router, transport } = setUp();
    router.handle('settings/update', () => {
      throw new Error('must not run');
    });
    await expect(transport.invoke('settings/update', { sound: { volume: 7 } })).rejects.toThrow(
      /settings\/update: sound\.volume/,
    );
    await expect(transport.invoke('settings/update', { theme: 'dark' })).rejects.toThrow(/settings\/update/);
    await expect(transport.invoke('settings/get', { extra: 1 })).rejects.toThrow(/settings\/get/);
  });

  it('a request nobody answers yet is rejected, not left hanging', async () => {
    const { transport } = setUp();
    await expect(transport.invoke('settings/get', {})).rejects.toThrow('settings/get: nothing answers this yet');
  });

  it('a message nobody listens to is logged and dropped', () => {
    const { transport, log } = setUp();
    transport.send('sound/chirp', {});
    expect(log.messages('warn')).toEqual(['Dropped sound/chirp: nothing listens to it yet']);
  });

  it('a handler registered after connecting still answers (features set up later)', async () => {
    const { router, transport } = setUp();
    router.handle('credentials/get-token', () => ({ token: null, persisted: false }));
    await expect(transport.invoke('credentials/get-token', {})).resolves.toEqual({ token: null, persisted: false });
  });

  it('a listener that throws, or rejects, is logged and never crashes main; other listeners still hear', async () => {
    const { router, transport, log } = setUp();
    const heard: string[] = [];
    router.on('sound/chirp', () => {
      throw new Error('sync boom');
    });
    router.on('sound/chirp', () => Promise.reject(new Error('async boom')) as unknown as void);
    router.on('sound/chirp', () => heard.push('third'));
    expect(() => transport.send('sound/chirp', {})).not.toThrow();
    await Promise.resolve();
    expect(heard).toEqual(['third']);
    expect(log.messages('error')).toEqual(['sound/chirp failed', 'sound/chirp failed']);
  });

  it("a handler's failure reaches the page as a rejection and is logged", async () => {
    const { router, transport, log } = setUp();
    router.handle('settings/get', () => {
      throw new Error('disk gone');
    });
    await expect(transport.invoke('settings/get', {})).rejects.toThrow('disk gone');
    expect(log.messages('error')).toEqual(['settings/get failed']);
  });

  it('one handler per request channel; unregistering frees the channel', () => {
    const { router } = setUp();
    const off = router.handle('settings/get', () => {
      throw new Error('unused');
    });
    expect(() =>
      router.handle('settings/get', () => {
        throw new Error('unused');
      }),
    ).toThrow('settings/get already has a handler');
    off();
    expect(() =>
      router.handle('settings/get', () => {
        throw new Error('unused');
      }),
    ).not.toThrow();
  });

  it('an unsubscribed listener hears nothing more', () => {
    const { router, transport } = setUp();
    let count = 0;
    const off = router.on('window/show', () => (count += 1));
    transport.send('window/show', {});
    off();
    router.on('window/show', () => undefined);
    transport.send('window/show', {});
    expect(count).toBe(1);
  });

  it('events to the console are checked against their schema: a wrong one is logged and not sent', () => {
    const { router, delivered, log } = setUp();
    router.emit('sound/play', { sound: 'chirp', volume: 0.5 });
    router.emit('sound/play', { sound: 'chirp', volume: 5 });
    expect(delivered).toEqual([{ channel: 'sound/play', payload: { sound: 'chirp', volume: 0.5 } }]);
    expect(log.messages('error')).toEqual(['Not sending sound/play: the payload does not match its schema']);
  });

  it('connects to the wire once', () => {
    const { router } = setUp();
    expect(() => router.connect(new FakeIpcTransport())).toThrow('already connected');
  });

  it('setUpIpc connects the context router to the transport', async () => {
    const log = new RecordingLogger();
    const router = new ChannelRouter({ log, deliver: () => undefined });
    const transport = new FakeIpcTransport();
    router.handle('credentials/get-token', () => ({ token: null, persisted: true }));
    setUpIpc({ ipc: router, log } as unknown as Parameters<typeof setUpIpc>[0], transport);
    await expect(transport.invoke('credentials/get-token', {})).resolves.toEqual({ token: null, persisted: true });
  });
});
