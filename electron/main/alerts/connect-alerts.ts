import type { MessageAlert } from '../../../src/protocol';
import type { AppContext } from '../app-context';
import { AlertService, type ShownAlert } from './alert-service';
import type { AlertWindowFactory, ScreenPort, SystemNotifierPort } from './ports';

export interface AlertPorts {
  windows: AlertWindowFactory;
  screen: ScreenPort;
  notifier: SystemNotifierPort;
}

/**
 * Connects the pop-ups to the console: `alerts/new-chat` and `alerts/clear`
 * open and close them, each pop-up page asks `alerts/popup-ready` for its own
 * alert (answered by which window asks) and reports clicks with
 * `alerts/popup-action`; Claim Chat and Preview reach the console as
 * `alerts/action`. Returns the teardown.
 */
export function connectAlerts(
  context: Pick<AppContext, 'ipc' | 'windows' | 'settings' | 'log'>,
  ports: AlertPorts,
): () => void {
  const { ipc, windows, settings, log } = context;
  const service = new AlertService({
    windows: ports.windows,
    screen: ports.screen,
    notifier: ports.notifier,
    mainWindowBounds: () => windows.mainWindowBounds(),
    showMainWindow: () => windows.showMainWindow(),
    emitAction: (action) => ipc.emit('alerts/action', action),
    alertStyle: () => settings.get().alertStyle,
    warn: (message, error) => log.warn(message, error),
  });
  const stops = [
    ipc.on('alerts/new-chat', (alert) => service.show(alert)),
    // A message in a chat not on screen pops up only while the console is hidden; the sound is setup-sound's.
    ipc.on('alerts/new-message', (alert) => {
      if (alert.notify) service.show(messagePopup(alert));
    }),
    ipc.on('alerts/clear', ({ chatId }) => service.clear(chatId)),
    ipc.on('alerts/popup-action', (action, sender) => service.popupAction(sender, action)),
    ipc.handle('alerts/popup-ready', (_request, sender) => service.alertFor(sender)),
  ];
  return () => {
    for (const stop of stops) stop();
    service.dispose();
  };
}

const POPUP_TITLES = { chat: 'New message', staff: 'Staff chat', desk: 'Desk alarm' } as const;
const POPUP_KINDS = { chat: 'chat-message', staff: 'staff-message', desk: 'desk-alarm' } as const;

/** A message alert in the pop-up's shape: who wrote, where, the first words, and "Open chat". */
export function messagePopup(alert: MessageAlert): ShownAlert {
  return {
    chatId: alert.id,
    patronName: alert.from,
    departmentName: POPUP_TITLES[alert.kind],
    preview: alert.preview,
    note: null,
    kind: POPUP_KINDS[alert.kind],
  };
}
