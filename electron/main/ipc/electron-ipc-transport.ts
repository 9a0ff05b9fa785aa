/** Adapter: the IpcTransport over ipcMain; it reports who sent what and decides nothing. */
import { BrowserWindow, ipcMain, webContents, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import type { IpcTransport } from './ipc-router';
import type { IncomingMessage } from './trusted-sender';

export function electronIpcTransport(): IpcTransport {
  return {
    handle: (channel, listener) =>
      ipcMain.handle(channel, (event, payload: unknown) => listener(incoming(event, payload))),
    on: (channel, listener) => {
      ipcMain.on(channel, (event, payload: unknown) => listener(incoming(event, payload)));
    },
    isAppWindow: (senderId) => {
      const contents = webContents.fromId(senderId);
      return contents !== undefined && BrowserWindow.fromWebContents(contents) !== null;
    },
  };
}

function incoming(event: IpcMainEvent | IpcMainInvokeEvent, payload: unknown): IncomingMessage {
  return { senderId: event.sender.id, frameUrl: event.senderFrame?.url ?? null, payload };
}
