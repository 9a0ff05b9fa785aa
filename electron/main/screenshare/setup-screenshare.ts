import type { AppContext, AppPaths } from '../app-context';
import { createElectronScreen } from '../alerts/electron-screen';
import { connectScreenshare, type ScreenshareWindows } from './connect-screenshare';
import {
  electronCaptureSources,
  electronConsolePage,
  electronDisplayMedia,
  electronPickerWindows,
  electronSharingBars,
} from './electron-screenshare';
import { capturePlatform } from './platform-capture';

/**
 * Screen sharing's desktop side (see connect-screenshare.ts): the display-media
 * handler, Deskbell's picker (or the Wayland portal), and the sharing bar.
 * Call applyScreenshareSwitches() before ready as well. Returns the teardown.
 */
export function setUpScreenshare(
  context: AppContext & { windows: ScreenshareWindows; paths: Pick<AppPaths, 'preload'> },
): () => void {
  const { log, paths } = context;
  const warn = (message: string, error?: unknown): void => log.warn(message, error);
  const { dispose } = connectScreenshare(context, {
    displayMedia: electronDisplayMedia(warn),
    sources: electronCaptureSources(),
    pickers: electronPickerWindows({ preloadPath: paths.preload, warn }),
    bars: electronSharingBars({ preloadPath: paths.preload, warn }),
    screen: createElectronScreen(),
    consolePage: electronConsolePage(),
    sourceChoice: capturePlatform(process.platform, process.env).sourceChoice,
  });
  return dispose;
}
