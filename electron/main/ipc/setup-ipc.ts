import type { AppContext } from '../app-context';
import type { ChannelRouter, IpcTransport } from './ipc-router';

/**
 * Connects the router to the wire (Electron's ipcMain in the app). Features
 * may register handlers before or after this: messages are dispatched when
 * they arrive.
 */
export function setUpIpc(context: AppContext & { ipc: ChannelRouter }, transport: IpcTransport): void {
  context.ipc.connect(transport);
}
