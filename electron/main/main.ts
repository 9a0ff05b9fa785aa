/**
 * Deskbell's main process, as a table of contents: each line sets up one
 * feature (electron/main/<feature>/setup-<feature>.ts). Decisions live in
 * the services; the electron-* adapters named here only apply them.
 */
import { app } from 'electron';
import { setUpAlerts } from './alerts/setup-alerts';
import { createAppContext, resolveAppPaths } from './app-context';
import { createConsoleLogger } from './logger';
import { electronProtocolPort, registerAppScheme } from './app-protocol/electron-app-protocol';
import { setUpAppProtocol } from './app-protocol/setup-app-protocol';
import { systemClock } from './clock';
import { electronSafeStorage } from './credentials/electron-safe-storage';
import { setUpCredentials } from './credentials/setup-credentials';
import { electronIpcTransport } from './ipc/electron-ipc-transport';
import { setUpIpc } from './ipc/setup-ipc';
import { setUpPower } from './power/setup-power';
import { electronSecurityPorts } from './security/electron-security';
import { setUpSecurity } from './security/setup-security';
import { electronSettingsStore } from './settings/electron-settings-store';
import { applyScreenshareSwitches } from './screenshare/electron-screenshare';
import { setUpScreenshare } from './screenshare/setup-screenshare';
import { readLaunchOptions } from './settings/launch-options';
import { setUpSettings } from './settings/setup-settings';
import { setUpSound } from './sound/setup-sound';
import { setUpTray } from './tray/setup-tray';
import { electronWindowPorts } from './windows/electron-window-ports';
import { setUpWindows } from './windows/setup-windows';
import { claimSingleInstance } from './windows/single-instance';

const log = createConsoleLogger('deskbell');

async function main(): Promise<void> {
  const launch = readLaunchOptions(process.argv, process.env);
  // Before the single-instance lock and the store: both live in the userData folder.
  if (launch.userDataDir) app.setPath('userData', launch.userDataDir);
  registerAppScheme();
  // Chromium reads its features at start: the Wayland portal's capturer must be on before ready.
  applyScreenshareSwitches();
  if (!claimSingleInstance(app)) return;
  await app.whenReady();

  const store = electronSettingsStore();
  const context = createAppContext({
    store,
    windowPorts: electronWindowPorts(),
    clock: systemClock,
    log,
    paths: resolveAppPaths(app.getAppPath()),
  });

  setUpSettings(context, launch);
  setUpCredentials(context, { safeStorage: electronSafeStorage(), store });
  setUpIpc(context, electronIpcTransport());
  setUpSecurity(context, electronSecurityPorts());
  setUpAppProtocol(context, electronProtocolPort());
  setUpWindows(context);
  setUpTray(context);
  setUpAlerts(context);
  setUpScreenshare(context);
  setUpSound(context);
  setUpPower(context);

  // Open the console, or stay in the tray when "start minimized" is on.
  context.windows.start();
}

main().catch((error: unknown) => {
  log.error('Deskbell could not start', error);
  app.exit(1);
});
