import type { IpcTransport } from '../../electron/main/ipc/ipc-router';
import type { IncomingMessage } from '../../electron/main/ipc/trusted-sender';

/** Who sends a message in a test: the app's console by default. */
export interface FakeSender {
  senderId: number;
  frameUrl: string | null;
}

export const CONSOLE_SENDER: FakeSender = { senderId: 1, frameUrl: 'deskbell-app://console/index.html' };
export const POPUP_SENDER: FakeSender = { senderId: 2, frameUrl: 'deskbell-app://console/alert.html' };

/** ipcMain as the router sees it: tests play the renderer's part with `invoke` and `send`. */
export class FakeIpcTransport implements IpcTransport {
  readonly appWindows = new Set<number>([CONSOLE_SENDER.senderId, POPUP_SENDER.senderId]);
  private readonly invokeListeners = new Map<string, (message: IncomingMessage) => Promise<unknown>>();
  private readonly sendListeners = new Map<string, (message: IncomingMessage) => void>();

  handle(channel: string, listener: (message: IncomingMessage) => Promise<unknown>): void {
    if (this.invokeListeners.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.invokeListeners.set(channel, listener);
  }

  on(channel: string, listener: (message: IncomingMessage) => void): void {
    this.sendListeners.set(channel, listener);
  }

  isAppWindow(senderId: number): boolean {
    return this.appWindows.has(senderId);
  }

  channels(): { invoke: string[]; send: string[] } {
    return { invoke: [...this.invokeListeners.keys()], send: [...this.sendListeners.keys()] };
  }

  /** ipcRenderer.invoke from `sender`. */
  invoke(channel: string, payload: unknown, sender: FakeSender = CONSOLE_SENDER): Promise<unknown> {
    const listener = this.invokeListeners.get(channel);
    if (!listener) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return listener({ ...sender, payload });
  }

  /** ipcRenderer.send from `sender`; unknown channels go nowhere, as in Electron. */
  send(channel: string, payload: unknown, sender: FakeSender = CONSOLE_SENDER): void {
    this.sendListeners.get(channel)?.({ ...sender, payload });
  }
}
