/**
 * Adapters: screen sharing's ports over Electron. They apply what
 * screenshare-service.ts decides and decide nothing themselves.
 * - The display-media handler: `session.defaultSession.setDisplayMediaRequestHandler`,
 *   with `useSystemPicker: true`, so macOS 15+ shows its own picker and never
 *   calls the handler; elsewhere every request goes to the service.
 * - The source list: `desktopCapturer.getSources` for screens and windows,
 *   thumbnails as PNG data: URLs. Under Wayland that call goes through the
 *   desktop portal (PipeWire capturer, enabled by applyScreenshareSwitches
 *   before ready): the portal's dialog is shown and its choice comes back.
 * - The picker and the sharing bar: BrowserWindows with the options of
 *   window-options.ts, loading picker.html and sharing-bar.html with the
 *   same preload as every window.
 * - The console page's end: its webContents destroyed, its renderer gone, or
 *   a new document in its main frame (a reload).
 */
import { app, BrowserWindow, desktopCapturer, session, webContents, type DesktopCapturerSource } from 'electron';
import { capturePlatform, mergeFeatures } from './platform-capture';
import type {
  CaptureSource,
  CaptureSourcesPort,
  ConsolePagePort,
  DisplayMediaPort,
  DisplayMediaRequest,
  PickerWindowFactory,
  SharingBarFactory,
} from './ports';
import {
  PICKER_PAGE_URL,
  pickerWindowOptions,
  SHARING_BAR_LEVEL,
  sharingBarUrl,
  sharingBarWindowOptions,
} from './window-options';

type Warn = (message: string, error?: unknown) => void;

/** Before `app.whenReady()`: Chromium reads its features at start. */
export function applyScreenshareSwitches(): void {
  const { enableFeatures } = capturePlatform(process.platform, process.env);
  if (enableFeatures.length === 0) return;
  const existing = app.commandLine.getSwitchValue('enable-features');
  app.commandLine.appendSwitch('enable-features', mergeFeatures(existing, enableFeatures));
}

export function electronDisplayMedia(warn: Warn): DisplayMediaPort {
  return {
    setRequestHandler(handler) {
      session.defaultSession.setDisplayMediaRequestHandler(
        (request, callback) => {
          const frame = request.frame;
          const asked: DisplayMediaRequest = {
            senderId: frame ? (webContents.fromFrame(frame)?.id ?? null) : null,
            frameUrl: frame?.url ?? null,
            isMainFrame: frame !== null && frame.parent === null,
            securityOrigin: request.securityOrigin,
            videoRequested: request.videoRequested,
            audioRequested: request.audioRequested,
            userGesture: request.userGesture,
          };
          handler(asked).then(
            // Only the picture: the voices go over the microphone tracks of the session.
            // A refusal is null, which Electron 45's typings take as "denied".
            (answer) => callback(answer.kind === 'share' ? { video: answer.source } : null),
            (error: unknown) => {
              warn('The display-media request failed', error);
              callback(null);
            },
          );
        },
        { useSystemPicker: true },
      );
      return () => session.defaultSession.setDisplayMediaRequestHandler(null);
    },
  };
}

export function electronCaptureSources(): CaptureSourcesPort {
  return {
    async list({ thumbnailSize }) {
      const sources = await desktopCapturer.getSources({ types: ['screen', 'window'], thumbnailSize });
      return sources.map(toCaptureSource);
    },
  };
}

function toCaptureSource(source: DesktopCapturerSource): CaptureSource {
  const screen = source.id.startsWith('screen:');
  return {
    id: source.id,
    name: source.name,
    kind: screen ? 'screen' : 'window',
    displayId: screen && source.display_id !== '' ? source.display_id : null,
    thumbnail: source.thumbnail.isEmpty() ? null : source.thumbnail.toDataURL(),
  };
}

export function electronPickerWindows(options: { preloadPath: string; warn: Warn }): PickerWindowFactory {
  return {
    open({ bounds, onClosed }) {
      const window = new BrowserWindow(pickerWindowOptions(bounds, options.preloadPath));
      window.setMenuBarVisibility(false);
      let closedByService = false;
      window.on('closed', () => {
        if (!closedByService) onClosed();
      });
      window.once('ready-to-show', () => {
        window.show();
        window.focus();
      });
      window.loadURL(PICKER_PAGE_URL).catch((error: unknown) => options.warn('The picker page did not load', error));
      return {
        senderId: window.webContents.id,
        focus: () => {
          if (!window.isDestroyed()) window.focus();
        },
        close: () => {
          closedByService = true;
          if (!window.isDestroyed()) window.destroy();
        },
      };
    },
  };
}

export function electronSharingBars(options: { preloadPath: string; warn: Warn }): SharingBarFactory {
  return {
    open({ bounds, bar, onClosed }) {
      const window = new BrowserWindow(sharingBarWindowOptions(bounds, options.preloadPath));
      window.setAlwaysOnTop(true, SHARING_BAR_LEVEL);
      window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
      // Windows and macOS leave the bar out of every capture: the patron sees the screen, not our bar on it.
      window.setContentProtection(true);
      let closedByService = false;
      window.on('closed', () => {
        if (!closedByService) onClosed();
      });
      window.once('ready-to-show', () => window.showInactive());
      const load = (url: string): void => {
        window.loadURL(url).catch((error: unknown) => options.warn('The sharing bar did not load', error));
      };
      load(sharingBarUrl(bar));
      return {
        senderId: window.webContents.id,
        setBounds: (next) => {
          if (!window.isDestroyed()) window.setBounds(next);
        },
        show: (next) => {
          if (!window.isDestroyed()) load(sharingBarUrl(next));
        },
        close: () => {
          closedByService = true;
          if (!window.isDestroyed()) window.destroy();
        },
      };
    },
  };
}

export function electronConsolePage(): ConsolePagePort {
  return {
    watch(webContentsId, onGone) {
      const contents = webContents.fromId(webContentsId);
      if (!contents) return () => undefined;
      // Not once only: a reload keeps the webContents, and every new document ends what the last one shared.
      const end = (): void => onGone();
      const navigated = (details: Electron.Event<Electron.WebContentsDidStartNavigationEventParams>): void => {
        if (details.isMainFrame && !details.isSameDocument) end();
      };
      contents.on('destroyed', end);
      contents.on('render-process-gone', end);
      contents.on('did-start-navigation', navigated);
      return () => {
        if (contents.isDestroyed()) return;
        contents.removeListener('destroyed', end);
        contents.removeListener('render-process-gone', end);
        contents.removeListener('did-start-navigation', navigated);
      };
    },
  };
}
