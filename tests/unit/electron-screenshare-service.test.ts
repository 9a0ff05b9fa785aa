import { describe, expect, it } from 'vitest';
import { connectScreenshare } from '../../electron/main/screenshare/connect-screenshare';
import { GESTURE_WINDOW_MS } from '../../electron/main/screenshare/display-media-rule';
import type { SourceChoice } from '../../electron/main/screenshare/ports';
import { PICKER_SIZE, SHARING_BAR_SIZE, THUMBNAIL_SIZE } from '../../electron/main/screenshare/screenshare-service';
import { display, FakeScreen } from '../fakes/alerts-fakes';
import type { FakeSender } from '../fakes/ipc-fake-transport';
import {
  CATALOGUE_WINDOW,
  FakeCaptureSources,
  FakeConsolePage,
  FakeDisplayMedia,
  FakePickerWindows,
  FakeSharingBars,
  SCREEN_LEFT,
  SCREEN_RIGHT,
} from '../fakes/screenshare-fakes';
import { shellHarness } from '../fakes/tray-shell-harness';

/** A 1920 x 1080 monitor to the LEFT of the primary one: its x is negative. */
const LEFT = display(11, { x: -1920, y: 0, width: 1920, height: 1080 }, { x: -1920, y: 0, width: 1920, height: 1040 });
/** The primary: a 2x (Retina-like) laptop panel, 1280 x 800 DIP, with a 25 DIP menu bar on top. */
const LAPTOP = display(
  22,
  { x: 0, y: 0, width: 1280, height: 800 },
  { x: 0, y: 25, width: 1280, height: 775 },
  { scaleFactor: 2, primary: true },
);
const BAR = { sourceLabel: 'Screen 1', watcherName: 'Riley Reader' };

function screenshareDesk(options: { sourceChoice?: SourceChoice } = {}) {
  const shell = shellHarness();
  const media = new FakeDisplayMedia(shell.mainWindow.webContentsId);
  const sources = new FakeCaptureSources();
  const pickers = new FakePickerWindows();
  const bars = new FakeSharingBars();
  const screen = new FakeScreen([LEFT, LAPTOP]);
  const consolePage = new FakeConsolePage();
  const { service, dispose } = connectScreenshare(shell.context, {
    displayMedia: media,
    sources,
    pickers,
    bars,
    screen,
    consolePage,
    sourceChoice: options.sourceChoice ?? 'picker',
  });
  // The console sits on the laptop panel.
  shell.mainWindow.moveTo({ x: 100, y: 60, width: 1000, height: 700 });
  /** A page of one of the app's own windows (the picker, the bar, a pop-up) speaking from its webContents. */
  const appPage = (senderId: number, page: string): FakeSender => {
    shell.transport.appWindows.add(senderId);
    return { senderId, frameUrl: `deskbell-app://console/${page}` };
  };
  const clickShareScreen = () => shell.send('screenshare/gesture', {});
  /** Lets the service's awaited source list arrive. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  /** Share Screen, then getDisplayMedia: resolves once the picker window is open. */
  const openPicker = async () => {
    clickShareScreen();
    const answer = media.ask();
    await settle();
    const picker = pickers.showing();
    if (!picker) throw new Error('the picker did not open');
    return { answer, picker, sender: appPage(picker.senderId, 'picker.html') };
  };
  return {
    ...shell,
    media,
    sources,
    pickers,
    bars,
    screen,
    consolePage,
    service,
    dispose,
    appPage,
    clickShareScreen,
    settle,
    openPicker,
  };
}

describe('the display-media handler answers with what the operator chose', () => {
  it('Share Screen opens the picker, which lists screens and windows; Share answers getDisplayMedia with that source', async () => {
    const { openPicker, invoke, send, sources } = screenshareDesk();
    const { answer, picker, sender } = await openPicker();
    expect(sources.asked).toEqual([THUMBNAIL_SIZE]);
    // Centred in the work area of the display the console is on.
    expect(picker.bounds).toEqual({
      x: Math.round((1280 - PICKER_SIZE.width) / 2),
      y: Math.round(25 + (775 - PICKER_SIZE.height) / 2),
      ...PICKER_SIZE,
    });
    await expect(invoke('screenshare/picker-sources', {}, sender)).resolves.toEqual([
      { id: 'screen:1:0', name: 'Screen 1', kind: 'screen', thumbnail: SCREEN_LEFT.thumbnail },
      { id: 'screen:2:0', name: 'Screen 2', kind: 'screen', thumbnail: SCREEN_RIGHT.thumbnail },
      {
        id: 'window:4242:0',
        name: 'Library catalogue – Firefox',
        kind: 'window',
        thumbnail: CATALOGUE_WINDOW.thumbnail,
      },
    ]);
    send('screenshare/picker-pick', { sourceId: 'window:4242:0' }, sender);
    await expect(answer).resolves.toEqual({
      kind: 'share',
      source: { id: 'window:4242:0', name: 'Library catalogue – Firefox' },
    });
    expect(picker.closed).toBe(true);
  });

  it('Cancel in the picker refuses, and the picker goes', async () => {
    const { openPicker, send, service } = screenshareDesk();
    const { answer, picker, sender } = await openPicker();
    send('screenshare/picker-pick', { sourceId: null }, sender);
    await expect(answer).resolves.toEqual({ kind: 'refuse', reason: 'the operator cancelled' });
    expect(picker.closed).toBe(true);
    expect(service.state().pickerOpen).toBe(false);
  });

  it('closing the picker window refuses', async () => {
    const { openPicker, service } = screenshareDesk();
    const { answer, picker } = await openPicker();
    picker.closeFromOutside();
    await expect(answer).resolves.toEqual({ kind: 'refuse', reason: 'the picker was closed' });
    expect(service.state().pickerOpen).toBe(false);
  });

  it('a source the picker never offered is refused rather than shared', async () => {
    const { openPicker, send } = screenshareDesk();
    const { answer, sender } = await openPicker();
    send('screenshare/picker-pick', { sourceId: 'screen:99:0' }, sender);
    await expect(answer).resolves.toMatchObject({ kind: 'refuse' });
  });

  it('a second getDisplayMedia while the picker is open is refused; the open picker comes forward and still answers', async () => {
    const { openPicker, media, clickShareScreen, pickers, send } = screenshareDesk();
    const first = await openPicker();
    clickShareScreen();
    await expect(media.ask()).resolves.toEqual({ kind: 'refuse', reason: 'the picker is already open' });
    expect(pickers.opened).toHaveLength(1);
    expect(first.picker.focused).toBe(1);
    send('screenshare/picker-pick', { sourceId: 'screen:2:0' }, first.sender);
    await expect(first.answer).resolves.toMatchObject({ kind: 'share', source: { id: 'screen:2:0' } });
  });

  it('one Share Screen click opens one picker: asking again afterwards needs another click', async () => {
    const { openPicker, media, send } = screenshareDesk();
    const { answer, sender } = await openPicker();
    send('screenshare/picker-pick', { sourceId: null }, sender);
    await answer;
    await expect(media.ask()).resolves.toEqual({
      kind: 'refuse',
      reason: 'Share Screen was not clicked in the console',
    });
  });

  it('nothing to list, or a capturer that fails, refuses without a picker', async () => {
    const { clickShareScreen, media, sources, pickers } = screenshareDesk();
    sources.current = [];
    clickShareScreen();
    await expect(media.ask()).resolves.toMatchObject({ kind: 'refuse' });
    sources.fail = true;
    clickShareScreen();
    await expect(media.ask()).resolves.toEqual({ kind: 'refuse', reason: 'the sources could not be listed' });
    expect(pickers.opened).toEqual([]);
  });

  it('a thumbnail that is not a PNG or JPEG data: URL is left out; the source is still offered by name', async () => {
    const { clickShareScreen, media, sources, pickers, appPage, invoke, settle } = screenshareDesk();
    sources.current = [{ ...CATALOGUE_WINDOW, thumbnail: 'https://evil.example/peek.png' }];
    clickShareScreen();
    void media.ask();
    await settle();
    const sender = appPage(pickers.showing()!.senderId, 'picker.html');
    await expect(invoke('screenshare/picker-sources', {}, sender)).resolves.toEqual([
      { id: CATALOGUE_WINDOW.id, name: CATALOGUE_WINDOW.name, kind: 'window', thumbnail: null },
    ]);
  });
});

describe('the display-media handler refuses everything else', () => {
  it.each([
    ['a page that is not the app', { frameUrl: 'https://evil.example/', securityOrigin: 'https://evil.example' }],
    ['a frame inside the console', { isMainFrame: false }],
    ['an app frame URL with a foreign origin', { securityOrigin: 'https://evil.example' }],
    ['a frame that is already gone', { frameUrl: null, senderId: null }],
  ])('%s: refused without listing anything or opening the picker', async (_name, request) => {
    const { clickShareScreen, media, sources, pickers } = screenshareDesk();
    clickShareScreen();
    await expect(media.ask(request)).resolves.toEqual({ kind: 'refuse', reason: expect.any(String) as string });
    expect(sources.asked).toEqual([]);
    expect(pickers.opened).toEqual([]);
  });

  it('getDisplayMedia without a Share Screen click is refused', async () => {
    const { media, pickers, log } = screenshareDesk();
    await expect(media.ask()).resolves.toEqual({
      kind: 'refuse',
      reason: 'Share Screen was not clicked in the console',
    });
    expect(pickers.opened).toEqual([]);
    expect(log.messages('warn')).toContain('Refused to share the screen: Share Screen was not clicked in the console');
  });

  it(`a click older than ${GESTURE_WINDOW_MS / 1000} s is stale; one just inside the window still opens the picker`, async () => {
    const { clickShareScreen, media, clock, pickers, settle } = screenshareDesk();
    clickShareScreen();
    clock.advance(GESTURE_WINDOW_MS + 1);
    await expect(media.ask()).resolves.toEqual({ kind: 'refuse', reason: 'the Share Screen click is too old' });
    clickShareScreen();
    clock.advance(GESTURE_WINDOW_MS - 1);
    void media.ask();
    await settle();
    expect(pickers.showing()).toBeDefined();
  });

  it('a request Electron reports without an active user gesture is refused, even after a click', async () => {
    const { clickShareScreen, media } = screenshareDesk();
    clickShareScreen();
    await expect(media.ask({ userGesture: false })).resolves.toEqual({
      kind: 'refuse',
      reason: 'no user gesture was active',
    });
  });

  it('a request for audio alone is refused', async () => {
    const { clickShareScreen, media } = screenshareDesk();
    clickShareScreen();
    await expect(media.ask({ videoRequested: false, audioRequested: true })).resolves.toMatchObject({
      kind: 'refuse',
    });
  });

  it('a click heard from another window (a pop-up, the picker) does not count for the console', async () => {
    const { send, appPage, media, log } = screenshareDesk();
    send('screenshare/gesture', {}, appPage(2, 'alert.html'));
    expect(log.messages('warn')).toContain('Ignored a Share Screen click from a window that is not the console');
    await expect(media.ask()).resolves.toEqual({
      kind: 'refuse',
      reason: 'Share Screen was not clicked in the console',
    });
  });

  it("another window's getDisplayMedia does not ride on the console's click", async () => {
    const { clickShareScreen, media } = screenshareDesk();
    clickShareScreen();
    await expect(media.ask({ senderId: 2, frameUrl: 'deskbell-app://console/alert.html' })).resolves.toEqual({
      kind: 'refuse',
      reason: 'the window asking is not the console',
    });
  });

  it('the source list and the pick are answered only to the open picker window', async () => {
    const { openPicker, invoke, send, consoleSender, appPage } = screenshareDesk();
    const { answer, sender } = await openPicker();
    await expect(invoke('screenshare/picker-sources', {}, consoleSender)).rejects.toThrow(/only the open picker/);
    await expect(invoke('screenshare/picker-sources', {}, appPage(2, 'alert.html'))).rejects.toThrow();
    send('screenshare/picker-pick', { sourceId: 'screen:1:0' }, consoleSender);
    send(
      'screenshare/picker-pick',
      { sourceId: 'screen:1:0' },
      { senderId: sender.senderId, frameUrl: 'https://evil.example/' },
    );
    send('screenshare/picker-pick', { sourceId: 'screen:1:0' }, appPage(2, 'alert.html'));
    let settled = false;
    void answer.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(settled).toBe(false);
  });

  it('the console going away (a reload, a crash) refuses the open picker', async () => {
    const { openPicker, consolePage, mainWindow } = screenshareDesk();
    const { answer, picker } = await openPicker();
    consolePage.end(mainWindow.webContentsId);
    await expect(answer).resolves.toEqual({ kind: 'refuse', reason: 'the console went away' });
    expect(picker.closed).toBe(true);
  });
});

describe('on Wayland the desktop portal is the picker', () => {
  it("the portal's choice (what desktopCapturer returns) is shared without Deskbell's picker", async () => {
    const { clickShareScreen, media, sources, pickers } = screenshareDesk({ sourceChoice: 'portal' });
    sources.current = [SCREEN_RIGHT];
    clickShareScreen();
    await expect(media.ask()).resolves.toEqual({ kind: 'share', source: { id: 'screen:2:0', name: 'Screen 2' } });
    expect(pickers.opened).toEqual([]);
  });

  it('a portal dialog cancelled (nothing returned) refuses', async () => {
    const { clickShareScreen, media, sources } = screenshareDesk({ sourceChoice: 'portal' });
    sources.current = [];
    clickShareScreen();
    await expect(media.ask()).resolves.toMatchObject({ kind: 'refuse' });
  });

  it('the portal path still needs the click in the console', async () => {
    const { media, sources } = screenshareDesk({ sourceChoice: 'portal' });
    await expect(media.ask()).resolves.toMatchObject({ kind: 'refuse' });
    expect(sources.asked).toEqual([]);
  });
});

describe('the sharing bar', () => {
  /** Picks `sourceId` in the picker, then the console reports that it shares. */
  async function share(desk: ReturnType<typeof screenshareDesk>, sourceId: string) {
    const { answer, sender } = await desk.openPicker();
    desk.send('screenshare/picker-pick', { sourceId }, sender);
    await answer;
    desk.send('screenshare/sharing', BAR);
    const bar = desk.bars.showing()[0];
    if (!bar) throw new Error('no sharing bar');
    return bar;
  }
  const centredX = (area: { x: number; width: number }) =>
    area.x + Math.floor((area.width - SHARING_BAR_SIZE.width) / 2);

  it('sharing the left monitor (negative x) puts the bar at the top centre of that monitor', async () => {
    const desk = screenshareDesk();
    const bar = await share(desk, 'screen:1:0');
    expect(bar.texts).toEqual([BAR]);
    expect(bar.bounds).toEqual({ x: centredX(LEFT.workArea), y: 8, ...SHARING_BAR_SIZE });
    expect(bar.bounds.x).toBeLessThan(0);
  });

  it('sharing the 2x laptop panel puts the bar below its menu bar, in DIP, inside its work area', async () => {
    const desk = screenshareDesk();
    const bar = await share(desk, 'screen:2:0');
    expect(bar.bounds).toEqual({ x: centredX(LAPTOP.workArea), y: 25 + 8, ...SHARING_BAR_SIZE });
  });

  it("sharing a window puts the bar on the console's display", async () => {
    const desk = screenshareDesk();
    desk.mainWindow.moveTo({ x: -1800, y: 100, width: 1200, height: 800 });
    const bar = await share(desk, 'window:4242:0');
    expect(bar.bounds).toEqual({ x: centredX(LEFT.workArea), y: 8, ...SHARING_BAR_SIZE });
  });

  it('a display unplugged while sharing moves the bar to the one that remains', async () => {
    const desk = screenshareDesk();
    const bar = await share(desk, 'screen:1:0');
    desk.screen.change([LAPTOP]);
    expect(bar.closed).toBe(false);
    expect(bar.bounds).toEqual({ x: centredX(LAPTOP.workArea), y: 33, ...SHARING_BAR_SIZE });
  });

  it('a narrow work area shrinks the bar instead of pushing it off screen', async () => {
    const desk = screenshareDesk();
    const bar = await share(desk, 'screen:1:0');
    desk.screen.change([
      display(11, { x: -400, y: 0, width: 400, height: 600 }, { x: -400, y: 0, width: 400, height: 600 }),
    ]);
    expect(bar.bounds).toEqual({ x: -400, y: 8, width: 400, height: SHARING_BAR_SIZE.height });
  });

  it('Stop Share on the bar reaches the console as screenshare/stop-requested; the bar stays until the console stops', async () => {
    const desk = screenshareDesk();
    const bar = await share(desk, 'screen:2:0');
    desk.send('screenshare/bar-stop', {}, desk.appPage(bar.senderId, 'sharing-bar.html'));
    expect(desk.received('screenshare/stop-requested')).toEqual([{}]);
    expect(bar.closed).toBe(false);
    desk.send('screenshare/sharing', null);
    expect(bar.closed).toBe(true);
    expect(desk.service.state().sharing).toBeNull();
  });

  it('Stop Share heard from any other window is ignored', async () => {
    const desk = screenshareDesk();
    await share(desk, 'screen:2:0');
    desk.send('screenshare/bar-stop', {});
    desk.send('screenshare/bar-stop', {}, desk.appPage(2, 'alert.html'));
    expect(desk.received('screenshare/stop-requested')).toEqual([]);
  });

  it('only the console reports sharing: the picker or a pop-up cannot raise or take down the bar', async () => {
    const desk = screenshareDesk();
    const popup = desk.appPage(2, 'alert.html');
    desk.send('screenshare/sharing', BAR, popup);
    expect(desk.bars.opened).toEqual([]);
    const bar = await share(desk, 'screen:2:0');
    desk.send('screenshare/sharing', null, popup);
    expect(bar.closed).toBe(false);
  });

  it("a new report changes the bar's text in place; a malformed one is dropped by the router", async () => {
    const desk = screenshareDesk();
    const bar = await share(desk, 'screen:2:0');
    desk.send('screenshare/sharing', { sourceLabel: 'Screen 2', watcherName: 'Sam' });
    desk.send('screenshare/sharing', { sourceLabel: 'Screen 2', watcherName: 'x'.repeat(500) });
    desk.send('screenshare/sharing', { sourceLabel: 42 });
    expect(desk.bars.opened).toHaveLength(1);
    expect(bar.texts).toEqual([BAR, { sourceLabel: 'Screen 2', watcherName: 'Sam' }]);
  });

  it('the console page going away takes the bar down', async () => {
    const desk = screenshareDesk();
    const bar = await share(desk, 'screen:2:0');
    desk.consolePage.end(desk.mainWindow.webContentsId);
    expect(bar.closed).toBe(true);
  });

  it('the bar closed from outside is forgotten; the next report raises a new one', async () => {
    const desk = screenshareDesk();
    const bar = await share(desk, 'screen:2:0');
    bar.closeFromOutside();
    desk.send('screenshare/sharing', BAR);
    expect(desk.bars.showing()).toHaveLength(1);
    expect(desk.bars.opened).toHaveLength(2);
  });

  it('the teardown closes the bar, uninstalls the handler and stops watching the screen', async () => {
    const desk = screenshareDesk();
    const bar = await share(desk, 'screen:2:0');
    desk.dispose();
    expect(bar.closed).toBe(true);
    expect(desk.media.handler).toBeNull();
    expect(desk.screen.listenerCount()).toBe(0);
  });
});
