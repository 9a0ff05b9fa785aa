import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DESKTOP_SETTINGS, type DesktopBridge } from '../../src/protocol';
import { createDesktopBridge, type IpcRendererLike } from '../../electron/preload/create-bridge';

/** ipcRenderer as the preload sees it: records what goes out, lets the test play main's part. */
class FakeIpcRenderer extends EventEmitter implements IpcRendererLike {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  readonly sent: { channel: string; args: unknown[] }[] = [];
  answer: (channel: string, payload: unknown) => Promise<unknown> = () => Promise.resolve(null);

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return this.answer(channel, args[0]);
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  /** Main sends an event to the page. */
  fromMain(channel: string, payload: unknown): void {
    this.emit(channel, { sender: 'main' }, payload);
  }
}

function setUp() {
  const ipc = new FakeIpcRenderer();
  const warnings: string[] = [];
  const bridge = createDesktopBridge(ipc, (message) => warnings.push(message));
  return { ipc, bridge, warnings };
}

const EXPECTED_KEYS: (keyof DesktopBridge)[] = [
  'kind',
  'alertNewChat',
  'alertNewMessage',
  'alertPermission',
  'clearChatAlert',
  'chirp',
  'reportPresence',
  'requestAlertPermission',
  'onAlertAction',
  'getSettings',
  'updateSettings',
  'onSettingsChanged',
  'onStatusRequest',
  'onReconnectHint',
  'onPlaySound',
  'popupAlert',
  'popupAction',
  'loadSessionToken',
  'saveSessionToken',
  'screenshareGesture',
  'reportSharing',
  'onStopShareRequested',
  'pickerSources',
  'pickSource',
  'stopShareFromBar',
];

describe('the preload exposes exactly the DesktopBridge', () => {
  it('as a plain object of its own properties (what contextBridge can copy), nothing more, nothing less', () => {
    const { bridge } = setUp();
    expect(Object.getPrototypeOf(bridge)).toBe(Object.prototype);
    expect(Object.keys(bridge).sort()).toEqual([...EXPECTED_KEYS].sort());
    expect(bridge.kind).toBe('electron');
    for (const key of EXPECTED_KEYS.filter((key) => key !== 'kind')) expect(typeof bridge[key]).toBe('function');
  });

  it('does not hand the page ipcRenderer or anything that leads to it', () => {
    const { bridge, ipc } = setUp();
    expect(Object.values(bridge)).not.toContain(ipc);
    expect(JSON.stringify(Object.keys(bridge))).not.toMatch(/ipc|send|invoke|require/i);
  });
});

describe('one channel per method', () => {
  it('one-way messages go out with ipcRenderer.send on their channel', () => {
    const { bridge, ipc } = setUp();
    const alert = { chatId: 'c1', patronName: 'Pat', departmentName: 'Research Help', preview: 'Census records?' };
    bridge.alertNewChat(alert);
    bridge.clearChatAlert('c1');
    bridge.chirp();
    bridge.reportPresence({ status: 'online', connected: true, waiting: 2 });
    bridge.popupAction({ chatId: 'c1', action: 'claim' });
    expect(ipc.sent).toEqual([
      { channel: 'alerts/new-chat', args: [alert] },
      { channel: 'alerts/clear', args: [{ chatId: 'c1' }] },
      { channel: 'sound/chirp', args: [{}] },
      { channel: 'presence/report', args: [{ status: 'online', connected: true, waiting: 2 }] },
      { channel: 'alerts/popup-action', args: [{ chatId: 'c1', action: 'claim' }] },
    ]);
  });

  it('questions go out with ipcRenderer.invoke and their answers are parsed', async () => {
    const { bridge, ipc } = setUp();
    ipc.answer = (channel) =>
      Promise.resolve(
        channel.startsWith('settings/')
          ? DEFAULT_DESKTOP_SETTINGS
          : channel === 'alerts/popup-ready'
            ? { chatId: 'c9', patronName: 'Pat', departmentName: 'General Reference', preview: 'Hi' }
            : { token: 't', persisted: true },
      );
    await expect(bridge.getSettings()).resolves.toEqual(DEFAULT_DESKTOP_SETTINGS);
    await expect(bridge.updateSettings({ sound: { muted: true } })).resolves.toEqual(DEFAULT_DESKTOP_SETTINGS);
    await expect(bridge.popupAlert()).resolves.toEqual({
      chatId: 'c9',
      patronName: 'Pat',
      departmentName: 'General Reference',
      preview: 'Hi',
      note: null,
    });
    await expect(bridge.loadSessionToken()).resolves.toEqual({ token: 't', persisted: true });
    await expect(bridge.saveSessionToken(null)).resolves.toEqual({ token: 't', persisted: true });
    expect(ipc.invoked).toEqual([
      { channel: 'settings/get', args: [{}] },
      { channel: 'settings/update', args: [{ sound: { muted: true } }] },
      { channel: 'alerts/popup-ready', args: [{}] },
      { channel: 'credentials/get-token', args: [{}] },
      { channel: 'credentials/set-token', args: [{ token: null }] },
    ]);
  });

  it("main's refusal reaches the console as a plain message, without Electron's wrapping", async () => {
    const { bridge, ipc } = setUp();
    ipc.answer = () =>
      Promise.reject(
        new Error(
          "Error invoking remote method 'settings/update': DeskbellError: settings/update: sound.volume: Too big",
        ),
      );
    await expect(bridge.updateSettings({ sound: { volume: 2 } })).rejects.toThrow(
      /^settings\/update: sound\.volume: Too big$/,
    );
    ipc.answer = () => Promise.reject(new Error(''));
    await expect(bridge.getSettings()).rejects.toThrow('settings/get failed');
    ipc.answer = () => Promise.reject(new Error('Error: plain'));
    await expect(bridge.getSettings()).rejects.toThrow(/^plain$/);
  });

  it('an answer from main that does not match its schema is an error, not bad data', async () => {
    const { bridge, ipc } = setUp();
    ipc.answer = () => Promise.resolve({ serverUrl: 42 });
    await expect(bridge.getSettings()).rejects.toThrow();
  });
});

describe('events from main', () => {
  it('each on... hears its own channel, with the payload validated', () => {
    const { bridge, ipc } = setUp();
    const heard: unknown[] = [];
    bridge.onAlertAction((action) => heard.push(['action', action]));
    bridge.onSettingsChanged((settings) => heard.push(['settings', settings.serverUrl]));
    bridge.onStatusRequest((request) => heard.push(['status', request]));
    bridge.onReconnectHint((hint) => heard.push(['reconnect', hint]));
    bridge.onPlaySound((sound) => heard.push(['sound', sound]));
    ipc.fromMain('alerts/action', { chatId: 'c1', action: 'claim' });
    ipc.fromMain('settings/changed', DEFAULT_DESKTOP_SETTINGS);
    ipc.fromMain('presence/status-request', { status: 'away', reason: 'auto-away' });
    ipc.fromMain('connection/reconnect-now', { reason: 'resume' });
    ipc.fromMain('sound/play', { sound: 'chirp', volume: 0.8 });
    expect(heard).toEqual([
      ['action', { chatId: 'c1', action: 'claim' }],
      ['settings', DEFAULT_DESKTOP_SETTINGS.serverUrl],
      ['status', { status: 'away', reason: 'auto-away' }],
      ['reconnect', { reason: 'resume' }],
      ['sound', { sound: 'chirp', volume: 0.8 }],
    ]);
  });

  it('a malformed event is ignored with a warning', () => {
    const { bridge, ipc, warnings } = setUp();
    const heard: unknown[] = [];
    bridge.onPlaySound((sound) => heard.push(sound));
    ipc.fromMain('sound/play', { sound: 'klaxon', volume: 11 });
    expect(heard).toEqual([]);
    expect(warnings).toEqual(['deskbell: ignored a malformed sound/play event']);
  });

  it('every on... returns an unsubscribe that removes just that listener', () => {
    const { bridge, ipc } = setUp();
    const heard: string[] = [];
    const offFirst = bridge.onPlaySound(() => heard.push('first'));
    bridge.onPlaySound(() => heard.push('second'));
    const offAction = bridge.onAlertAction(() => heard.push('action'));
    expect(ipc.listenerCount('sound/play')).toBe(2);
    offFirst();
    offFirst();
    ipc.fromMain('sound/play', { sound: 'chirp', volume: 1 });
    expect(heard).toEqual(['second']);
    expect(ipc.listenerCount('sound/play')).toBe(1);
    offAction();
    expect(ipc.listenerCount('alerts/action')).toBe(0);
  });
});

describe('screen sharing over the bridge', () => {
  const SOURCE = {
    id: 'screen:1:0',
    name: 'Entire screen',
    kind: 'screen' as const,
    thumbnail: 'data:image/png;base64,iVBORw0KGgo=',
  };

  it("Share Screen, the sharing report, the pick and the bar's Stop Share go out on their own channels", () => {
    const { bridge, ipc } = setUp();
    bridge.screenshareGesture();
    bridge.reportSharing({ sourceLabel: 'Entire screen', watcherName: 'Riley Reader' });
    bridge.reportSharing(null);
    bridge.pickSource({ sourceId: 'window:42:0' });
    bridge.pickSource({ sourceId: null });
    bridge.stopShareFromBar?.();
    expect(ipc.sent).toEqual([
      { channel: 'screenshare/gesture', args: [{}] },
      { channel: 'screenshare/sharing', args: [{ sourceLabel: 'Entire screen', watcherName: 'Riley Reader' }] },
      { channel: 'screenshare/sharing', args: [null] },
      { channel: 'screenshare/picker-pick', args: [{ sourceId: 'window:42:0' }] },
      { channel: 'screenshare/picker-pick', args: [{ sourceId: null }] },
      { channel: 'screenshare/bar-stop', args: [{}] },
    ]);
  });

  it('the picker asks main for its sources and gets them parsed; a list with a bad thumbnail is refused', async () => {
    const { bridge, ipc } = setUp();
    ipc.answer = () => Promise.resolve([SOURCE, { ...SOURCE, id: 'window:7:0', name: 'Catalogue', kind: 'window' }]);
    await expect(bridge.pickerSources()).resolves.toEqual([
      SOURCE,
      { ...SOURCE, id: 'window:7:0', name: 'Catalogue', kind: 'window' },
    ]);
    expect(ipc.invoked).toEqual([{ channel: 'screenshare/picker-sources', args: [{}] }]);
    ipc.answer = () => Promise.resolve([{ ...SOURCE, thumbnail: 'https://evil.example/x.png' }]);
    await expect(bridge.pickerSources()).rejects.toThrow(/PNG or JPEG data: URLs/);
    ipc.answer = () => Promise.resolve([{ ...SOURCE, kind: 'tab' }]);
    await expect(bridge.pickerSources()).rejects.toThrow();
  });

  it("Stop Share from the bar reaches the console's listener; a malformed one is ignored; unsubscribe removes it", () => {
    const { bridge, ipc, warnings } = setUp();
    let stops = 0;
    const off = bridge.onStopShareRequested(() => (stops += 1));
    ipc.fromMain('screenshare/stop-requested', {});
    expect(stops).toBe(1);
    ipc.fromMain('screenshare/stop-requested', { sourceId: 'screen:1:0' });
    expect(stops).toBe(1);
    expect(warnings).toEqual(['deskbell: ignored a malformed screenshare/stop-requested event']);
    off();
    ipc.fromMain('screenshare/stop-requested', {});
    expect(stops).toBe(1);
    expect(ipc.listenerCount('screenshare/stop-requested')).toBe(0);
  });
});
