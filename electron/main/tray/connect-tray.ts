import type { AppContext } from '../app-context';
import type { AppQuitPort, TrayPort } from './ports';
import { TaskbarAttention } from './taskbar-attention';
import { TrayPresenter } from './tray-presenter';

export interface TrayPorts {
  tray: TrayPort;
  app: AppQuitPort;
}

/**
 * Connects the tray to the console: its presence reports drive the icon,
 * tooltip, badge and taskbar flash; the tray menu asks the console for a
 * status (`presence/status-request`, reason 'tray'), shows the window or
 * quits. Returns the teardown.
 */
export function connectTray(context: Pick<AppContext, 'ipc' | 'windows'>, ports: TrayPorts): () => void {
  const { ipc, windows } = context;
  const presenter = new TrayPresenter({
    tray: ports.tray,
    setBadgeCount: (count) => windows.setBadgeCount(count),
    chooseStatus: (status) => ipc.emit('presence/status-request', { status, reason: 'tray' }),
    showWindow: () => windows.showMainWindow(),
    quit: () => ports.app.quit(),
  });
  const attention = new TaskbarAttention((on) => windows.flashFrame(on));
  presenter.render();
  const stops = [
    ports.tray.onClick(() => presenter.clicked()),
    ipc.on('presence/report', (presence) => {
      presenter.setPresence(presence);
      attention.setWaiting(presence.waiting);
    }),
  ];
  return () => {
    for (const stop of stops) stop();
    ports.tray.destroy();
  };
}
