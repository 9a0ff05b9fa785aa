import {
  DESKTOP_CHANNELS,
  type DesktopBridge,
  type EventChannel,
  type EventPayload,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  type SendChannel,
  type SendPayload,
} from '../../src/protocol/desktop-bridge';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** The part of Electron's `ipcRenderer` the bridge uses; preload.ts passes the real one. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

/**
 * Builds the console's `window.deskbell`: exactly the DesktopBridge, each
 * method one channel of DESKTOP_CHANNELS. It is a plain object of functions
 * because contextBridge copies only own properties (a class's methods would
 * not cross). Main validates what the console sends; the bridge validates
 * what main sends back, and every `on...` returns an unsubscribe that removes
 * only its own listener.
 */
export function createDesktopBridge(
  ipc: IpcRendererLike,
  warn: (message: string) => void = console.warn,
): DesktopBridge {
  const invoke = async <C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>> => {
    let response: unknown;
    try {
      response = await ipc.invoke(channel, request);
    } catch (error) {
      throw new Error(plainMessage(channel, error));
    }
    return DESKTOP_CHANNELS.invoke[channel].response.parse(response) as InvokeResponse<C>;
  };

  const send = <C extends SendChannel>(channel: C, payload: SendPayload<C>): void => {
    ipc.send(channel, payload);
  };

  const subscribe = <C extends EventChannel>(
    channel: C,
    listener: (payload: EventPayload<C>) => void,
  ): (() => void) => {
    const schema = DESKTOP_CHANNELS.events[channel];
    const onMessage: IpcListener = (_event, payload) => {
      const result = schema.safeParse(payload);
      if (!result.success) {
        warn(`deskbell: ignored a malformed ${channel} event`);
        return;
      }
      listener(result.data as EventPayload<C>);
    };
    ipc.on(channel, onMessage);
    return () => {
      ipc.removeListener(channel, onMessage);
    };
  };

  return {
    kind: 'electron',
    alertNewChat: (alert) => send('alerts/new-chat', alert),
    clearChatAlert: (chatId) => send('alerts/clear', { chatId }),
    chirp: () => send('sound/chirp', {}),
    alertNewMessage: (alert) => send('alerts/new-message', alert),
    // The desktop's pop-ups need no permission.
    alertPermission: () => 'granted',
    requestAlertPermission: () => Promise.resolve('granted'),
    reportPresence: (presence) => send('presence/report', presence),
    onAlertAction: (listener) => subscribe('alerts/action', listener),
    getSettings: () => invoke('settings/get', {}),
    updateSettings: (patch) => invoke('settings/update', patch),
    onSettingsChanged: (listener) => subscribe('settings/changed', listener),
    onStatusRequest: (listener) => subscribe('presence/status-request', listener),
    onReconnectHint: (listener) => subscribe('connection/reconnect-now', listener),
    onPlaySound: (listener) => subscribe('sound/play', listener),
    popupAlert: () => invoke('alerts/popup-ready', {}),
    popupAction: (action) => send('alerts/popup-action', action),
    loadSessionToken: () => invoke('credentials/get-token', {}),
    saveSessionToken: (token) => invoke('credentials/set-token', { token }),
    screenshareGesture: () => send('screenshare/gesture', {}),
    reportSharing: (bar) => send('screenshare/sharing', bar),
    onStopShareRequested: (listener) => subscribe('screenshare/stop-requested', () => listener()),
    pickerSources: () => invoke('screenshare/picker-sources', {}),
    pickSource: (pick) => send('screenshare/picker-pick', pick),
    stopShareFromBar: () => send('screenshare/bar-stop', {}),
  };
}

/**
 * Electron wraps a handler's error as "Error invoking remote method 'x':
 * Error: why". The console shows `why`, so that is what it gets.
 */
function plainMessage(channel: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const why = message.replace(/^Error invoking remote method '[^']*': /, '').replace(/^[A-Za-z]*Error: /, '');
  return why || `${channel} failed`;
}
