// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_DESKTOP_SETTINGS } from '../../src/protocol';
import { WebDesktopBridge } from '../../renderer/desktop/web-desktop-bridge';
import { WEB_SOUND_SETTINGS_KEY } from '../../renderer/desktop/web-sound-settings';

/** Each play() with the volume the element had at that moment. */
let plays: number[];
const bridges: WebDesktopBridge[] = [];

function newBridge(): WebDesktopBridge {
  const bridge = new WebDesktopBridge();
  bridges.push(bridge);
  return bridge;
}

beforeEach(() => {
  localStorage.clear();
  plays = [];
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function (this: HTMLMediaElement) {
    plays.push(this.volume);
    return Promise.resolve();
  });
});

afterEach(() => {
  for (const bridge of bridges.splice(0)) bridge.dispose();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('sound settings in the browser console', () => {
  it('a librarian who turns the chirp down finds it still down after reloading the page', async () => {
    await newBridge().updateSettings({ sound: { volume: 0.3, repeatSeconds: 45 } });

    const afterReload = newBridge();
    expect((await afterReload.getSettings()).sound).toEqual({
      muted: false,
      volume: 0.3,
      repeatSeconds: 45,
      chatMessages: true,
      staffMessages: true,
    });
    afterReload.chirp();
    expect(plays).toEqual([0.3]);
  });

  it('the chirp plays at the volume just chosen', async () => {
    vi.useFakeTimers();
    const bridge = newBridge();
    bridge.chirp();
    expect(plays).toEqual([DEFAULT_DESKTOP_SETTINGS.sound.volume]);

    await bridge.updateSettings({ sound: { volume: 0.5 } });
    vi.advanceTimersByTime(5000);
    bridge.chirp();
    expect(plays).toEqual([DEFAULT_DESKTOP_SETTINGS.sound.volume, 0.5]);
  });

  it('a muted chirp stays silent while the pop-ups still come', async () => {
    const bridge = newBridge();
    await bridge.updateSettings({ sound: { muted: true } });
    bridge.chirp();
    expect(plays).toEqual([]);
    expect(JSON.parse(localStorage.getItem(WEB_SOUND_SETTINGS_KEY) ?? '{}')).toMatchObject({ muted: true });
  });

  it('settings stored by hand or by an older version are ignored for the defaults', async () => {
    localStorage.setItem(WEB_SOUND_SETTINGS_KEY, '{"muted":"yes","volume":7}');
    expect((await newBridge().getSettings()).sound).toEqual(DEFAULT_DESKTOP_SETTINGS.sound);
    localStorage.setItem(WEB_SOUND_SETTINGS_KEY, 'not json');
    expect((await newBridge().getSettings()).sound).toEqual(DEFAULT_DESKTOP_SETTINGS.sound);
  });

  it('the server address, alert style, auto-away and start-up options are refused with the reason', async () => {
    const bridge = newBridge();
    await expect(bridge.updateSettings({ serverUrl: 'https://chat.library.org' })).rejects.toThrow(
      'Only the sound settings can be changed in the browser (not serverUrl).',
    );
    await expect(bridge.updateSettings({ autoAwayMinutes: 5, sound: { muted: true } })).rejects.toThrow(
      /autoAwayMinutes/,
    );
    // Nothing of a refused change is kept, not even its sound part.
    expect((await bridge.getSettings()).sound.muted).toBe(false);
    expect((await bridge.getSettings()).serverUrl).toBe(window.location.origin);
  });

  it('a volume out of range is refused, naming the setting', async () => {
    await expect(newBridge().updateSettings({ sound: { volume: 2 } })).rejects.toThrow(/^sound\.volume: /);
    expect(localStorage.getItem(WEB_SOUND_SETTINGS_KEY)).toBeNull();
  });

  it('the Settings page hears a change, also one made in another tab of the console', async () => {
    const bridge = newBridge();
    const heard: boolean[] = [];
    const stop = bridge.onSettingsChanged((settings) => heard.push(settings.sound.muted));
    await bridge.updateSettings({ sound: { muted: true } });

    localStorage.setItem(WEB_SOUND_SETTINGS_KEY, JSON.stringify({ muted: false, volume: 0.2, repeatSeconds: 0 }));
    window.dispatchEvent(new StorageEvent('storage', { key: WEB_SOUND_SETTINGS_KEY }));
    expect(heard).toEqual([true, false]);
    expect((await bridge.getSettings()).sound.volume).toBe(0.2);

    stop();
    await bridge.updateSettings({ sound: { muted: true } });
    expect(heard).toHaveLength(2);
  });

  it('the chirp comes back every few seconds while a patron waits, and stops once nobody waits', async () => {
    vi.useFakeTimers();
    const bridge = newBridge();
    await bridge.updateSettings({ sound: { repeatSeconds: 10 } });

    bridge.reportPresence({ status: 'online', connected: true, waiting: 1 });
    vi.advanceTimersByTime(9_999);
    expect(plays).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(plays).toHaveLength(1);
    bridge.reportPresence({ status: 'online', connected: true, waiting: 2 });
    vi.advanceTimersByTime(10_000);
    expect(plays).toHaveLength(2);

    bridge.reportPresence({ status: 'online', connected: true, waiting: 0 });
    vi.advanceTimersByTime(60_000);
    expect(plays).toHaveLength(2);
  });

  it('a console that lost its connection does not keep the chirp going on a stale queue', async () => {
    vi.useFakeTimers();
    const bridge = newBridge();
    await bridge.updateSettings({ sound: { repeatSeconds: 10 } });
    bridge.reportPresence({ status: 'online', connected: true, waiting: 1 });
    bridge.reportPresence({ status: 'online', connected: false, waiting: 1 });
    vi.advanceTimersByTime(60_000);
    expect(plays).toEqual([]);
    expect(document.title).toBe('(1) Deskbell');
  });

  it('a repeat interval of 0 chirps only once per new chat', async () => {
    vi.useFakeTimers();
    const bridge = newBridge();
    await bridge.updateSettings({ sound: { repeatSeconds: 0 } });
    bridge.reportPresence({ status: 'online', connected: true, waiting: 3 });
    vi.advanceTimersByTime(600_000);
    expect(plays).toEqual([]);
  });
});

describe('what only the desktop app does, in the browser console', () => {
  it('never asks for a status, a reconnect or a sound, and unsubscribing does no harm', () => {
    const bridge = newBridge();
    const listener = vi.fn();
    const stops = [bridge.onStatusRequest(listener), bridge.onReconnectHint(listener), bridge.onPlaySound(listener)];
    for (const stop of stops) expect(() => stop()).not.toThrow();
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps no token (the browser has its cookie) and shows no pop-up window', async () => {
    const bridge = newBridge();
    expect(await bridge.loadSessionToken()).toEqual({ token: null, persisted: false });
    expect(await bridge.saveSessionToken('a-token-from-somewhere')).toEqual({ token: null, persisted: false });
    expect(await bridge.loadSessionToken()).toEqual({ token: null, persisted: false });
    expect(await bridge.popupAlert()).toBeNull();
    expect(() => bridge.popupAction({ chatId: 'chat-1', action: 'claim' })).not.toThrow();
  });
});
