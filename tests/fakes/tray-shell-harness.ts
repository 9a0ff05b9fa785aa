import { createAppContext, type ShellContext } from '../../electron/main/app-context';
import { DEFAULT_DESKTOP_SETTINGS, type EventChannel } from '../../src/protocol';
import { FakeClock } from './fake-clock';
import { RecordingLogger } from './fake-logger';
import { CONSOLE_SENDER, FakeIpcTransport, type FakeSender } from './ipc-fake-transport';
import { MemorySettingsStore } from './settings-memory-store';
import { type FakeNativeWindow, FakeWindowPorts } from './windows-fake-ports';

/**
 * The real shell (createAppContext: settings, IPC router, window service)
 * over the shell helper's fakes, for the tray, alerts, sound and power setUp
 * tests: messages go through the real router's sender and schema checks, and
 * what main sends the console lands in the fake main window's `sent`.
 */
export function shellHarness(options: { settings?: Record<string, unknown> } = {}) {
  const clock = new FakeClock();
  const log = new RecordingLogger();
  const windowPorts = new FakeWindowPorts();
  const store = new MemorySettingsStore({
    settings: { ...DEFAULT_DESKTOP_SETTINGS, ...options.settings },
  });
  const context: ShellContext = createAppContext({
    store,
    windowPorts,
    clock,
    log,
    paths: { assets: '/app/assets', renderer: '/app/dist/console', preload: '/app/dist/electron/preload.cjs' },
  });
  const transport = new FakeIpcTransport();
  context.ipc.connect(transport);
  context.windows.attach();
  context.windows.start();
  const mainWindow: FakeNativeWindow = windowPorts.lastWindow;
  mainWindow.emit('ready-to-show');
  // The console's own page is the main window's webContents.
  const consoleSender: FakeSender = { ...CONSOLE_SENDER, senderId: mainWindow.webContentsId };
  transport.appWindows.add(mainWindow.webContentsId);

  return {
    context,
    clock,
    log,
    windowPorts,
    transport,
    mainWindow,
    consoleSender,
    /** The console sends on a `send` channel. */
    send: (channel: string, payload: unknown, sender: FakeSender = consoleSender) =>
      transport.send(channel, payload, sender),
    invoke: (channel: string, payload: unknown, sender: FakeSender = consoleSender) =>
      transport.invoke(channel, payload, sender),
    /** Payloads main sent the console on one event channel, oldest first. */
    received: (channel: EventChannel) =>
      mainWindow.sent.filter((message) => message.channel === channel).map((message) => message.payload),
  };
}
