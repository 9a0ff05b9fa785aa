import type { AppContext } from '../app-context';
import type { LaunchOptions } from './launch-options';

/**
 * Settings over IPC: the console reads them (`settings/get`), changes them
 * (`settings/update`, already validated by the router, validated again by the
 * service), and hears every change (`settings/changed`), whoever made it.
 * A server given at launch (`npm start` passes its own) is applied first, as
 * if typed in Settings.
 */
export function setUpSettings(
  context: AppContext,
  launch: Pick<LaunchOptions, 'serverUrl' | 'ignored'> = { ignored: [] },
): void {
  const { settings, ipc, log } = context;
  for (const reason of launch.ignored) log.warn(`Launch option ignored: ${reason}`);
  if (launch.serverUrl) settings.update({ serverUrl: launch.serverUrl });
  ipc.handle('settings/get', () => settings.get());
  ipc.handle('settings/update', (patch) => settings.update(patch));
  settings.onChange((next) => ipc.emit('settings/changed', next));
}
