import type { AppContext, AppPaths } from '../app-context';
import { connectAlerts } from './connect-alerts';
import { createElectronAlertWindowFactory } from './electron-alert-window';
import { createElectronScreen } from './electron-screen';
import { createNodeNotifierAdapter } from './node-notifier-adapter';

/** The app id electron-builder.yml installs under; Windows groups the OS's notifications by it. */
export const APP_ID = 'org.deskbell.operator';

/**
 * The new-chat pop-ups, or the OS's notifications by setting (see
 * connect-alerts.ts). The pop-ups load the same preload as the main window.
 * Returns the teardown.
 */
export function setUpAlerts(context: AppContext & { paths: Pick<AppPaths, 'preload' | 'assets'> }): () => void {
  const { log, paths } = context;
  return connectAlerts(context, {
    windows: createElectronAlertWindowFactory({
      preloadPath: paths.preload,
      warn: (message, error) => log.warn(message, error),
    }),
    screen: createElectronScreen(),
    notifier: createNodeNotifierAdapter({
      appName: 'Deskbell',
      appId: APP_ID,
      iconPath: `${paths.assets}/tray/online@2x.png`,
    }),
  });
}
