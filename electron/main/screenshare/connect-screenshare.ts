import type { AppContext } from '../app-context';
import type {
  CaptureSourcesPort,
  ConsolePagePort,
  DisplayMediaPort,
  PickerWindowFactory,
  ScreenPort,
  SharingBarFactory,
  SourceChoice,
} from './ports';
import { ScreenshareService } from './screenshare-service';

export interface ScreensharePorts {
  displayMedia: DisplayMediaPort;
  sources: CaptureSourcesPort;
  pickers: PickerWindowFactory;
  bars: SharingBarFactory;
  screen: ScreenPort;
  consolePage: ConsolePagePort;
  sourceChoice: SourceChoice;
}

/** The console window as screen sharing needs it: where it is, and which webContents is its page. */
export type ScreenshareWindows = Pick<AppContext['windows'], 'mainWindowBounds' | 'onMainWindowCreated'> & {
  mainWebContentsId(): number | null;
};

/**
 * Connects screen sharing: the display-media handler answers getDisplayMedia,
 * `screenshare/gesture` and `screenshare/sharing` are heard from the console
 * window only, `screenshare/picker-sources` and `screenshare/picker-pick` from
 * the open picker only, `screenshare/bar-stop` from the sharing bar only (the
 * service checks which window sent what; the router has already refused pages
 * that are not the app's and payloads that do not match their schemas), and
 * Stop Share reaches the console as `screenshare/stop-requested`. Each new
 * console page is watched, so a console that goes away takes its share with it.
 * Returns the teardown and the service (for tests).
 */
export function connectScreenshare(
  context: Pick<AppContext, 'ipc' | 'clock' | 'log'> & { windows: ScreenshareWindows },
  ports: ScreensharePorts,
): { service: ScreenshareService; dispose: () => void } {
  const { ipc, clock, log, windows } = context;
  const service = new ScreenshareService({
    clock,
    sources: ports.sources,
    pickers: ports.pickers,
    bars: ports.bars,
    screen: ports.screen,
    sourceChoice: ports.sourceChoice,
    consoleId: () => windows.mainWebContentsId(),
    consoleBounds: () => windows.mainWindowBounds(),
    emitStopRequested: () => ipc.emit('screenshare/stop-requested', {}),
    warn: (message, details) => log.warn(message, details),
  });
  let unwatch: (() => void) | null = null;
  const watch = (webContentsId: number): void => {
    unwatch?.();
    unwatch = ports.consolePage.watch(webContentsId, () => service.consoleGone());
  };
  const current = windows.mainWebContentsId();
  if (current !== null) watch(current);
  const stops = [
    ports.displayMedia.setRequestHandler((request) => service.request(request)),
    windows.onMainWindowCreated(({ webContentsId }) => {
      // A new console page: whatever the old one shared is over.
      service.consoleGone();
      watch(webContentsId);
    }),
    ipc.on('screenshare/gesture', (_payload, sender) => service.gesture(sender)),
    ipc.on('screenshare/sharing', (bar, sender) => service.reportSharing(sender, bar)),
    ipc.on('screenshare/picker-pick', (pick, sender) => service.pick(sender, pick)),
    ipc.handle('screenshare/picker-sources', (_request, sender) => service.sourcesFor(sender)),
    ipc.on('screenshare/bar-stop', (_payload, sender) => service.barStop(sender)),
  ];
  return {
    service,
    dispose: () => {
      for (const stop of stops) stop();
      unwatch?.();
      service.dispose();
    },
  };
}
