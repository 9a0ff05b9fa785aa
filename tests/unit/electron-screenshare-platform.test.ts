import { describe, expect, it } from 'vitest';
import { capturePlatform, mergeFeatures } from '../../electron/main/screenshare/platform-capture';
import {
  PICKER_PAGE_URL,
  pickerWindowOptions,
  sharingBarUrl,
  sharingBarWindowOptions,
} from '../../electron/main/screenshare/window-options';

const AREA = { x: 0, y: 0, width: 460, height: 52 };

describe('how the operator chooses what to share, per desktop', () => {
  it('Linux under Wayland goes through the desktop portal, with the PipeWire capturer switched on', () => {
    expect(capturePlatform('linux', { XDG_SESSION_TYPE: 'wayland' })).toEqual({
      sourceChoice: 'portal',
      enableFeatures: ['WebRTCPipeWireCapturer'],
    });
    expect(capturePlatform('linux', { WAYLAND_DISPLAY: 'wayland-0' }).sourceChoice).toBe('portal');
  });

  it("X11, Windows and macOS use Deskbell's picker (macOS 15+ shows the system one instead) and switch nothing", () => {
    for (const [platform, env] of [
      ['linux', { XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' }],
      ['win32', {}],
      ['darwin', { WAYLAND_DISPLAY: 'stray' }],
    ] as const) {
      expect(capturePlatform(platform, env)).toEqual({ sourceChoice: 'picker', enableFeatures: [] });
    }
  });

  it('our feature joins those already enabled, once', () => {
    expect(mergeFeatures('', ['WebRTCPipeWireCapturer'])).toBe('WebRTCPipeWireCapturer');
    expect(mergeFeatures('A,B', ['WebRTCPipeWireCapturer'])).toBe('A,B,WebRTCPipeWireCapturer');
    expect(mergeFeatures('WebRTCPipeWireCapturer', ['WebRTCPipeWireCapturer'])).toBe('WebRTCPipeWireCapturer');
  });
});

describe('the screenshare windows', () => {
  it('the picker is an ordinary window of the app that takes focus, with the secure preferences', () => {
    const options = pickerWindowOptions(AREA, '/app/preload.cjs');
    expect(options).toMatchObject({ show: false, frame: true, focusable: true, alwaysOnTop: false });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      sandbox: true,
      contextIsolation: true,
    });
    expect(PICKER_PAGE_URL).toBe('deskbell-app://console/picker.html');
  });

  it('the sharing bar is frameless, always on top, out of the taskbar and never takes focus', () => {
    expect(sharingBarWindowOptions(AREA, '/app/preload.cjs')).toMatchObject({
      ...AREA,
      show: false,
      frame: false,
      focusable: false,
      alwaysOnTop: true,
      skipTaskbar: true,
      resizable: false,
    });
  });

  it("the bar's page carries its text in the query, encoded", () => {
    const url = new URL(sharingBarUrl({ sourceLabel: 'Catalogue & more?', watcherName: 'Zoë #1' }));
    expect(url.href.split('?')[0]).toBe('deskbell-app://console/sharing-bar.html');
    expect(url.searchParams.get('source')).toBe('Catalogue & more?');
    expect(url.searchParams.get('watcher')).toBe('Zoë #1');
  });
});
