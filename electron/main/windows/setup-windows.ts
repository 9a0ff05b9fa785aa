import type { AppContext } from '../app-context';
import type { MainWindowService } from './window-service';

/**
 * The main window's lifecycle and its IPC: second launch, dock click, quit,
 * start at login, and the console's `window/show` (e.g. after Preview on a
 * pop-up). The window itself opens at the end of main.ts (`windows.start()`),
 * after every feature is ready to hear from it.
 */
export function setUpWindows(context: AppContext & { windows: MainWindowService }): void {
  const { windows, ipc } = context;
  windows.attach();
  ipc.on('window/show', () => windows.showMainWindow());
}
