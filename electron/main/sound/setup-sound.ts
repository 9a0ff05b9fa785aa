import { ChirpScheduler } from '../../../src/domain/chirp-scheduler';
import { MessageSound } from '../../../src/domain/message-sound';
import type { AppContext } from '../app-context';

/**
 * The chirp: the console asks on every new chat (`sound/chirp`) and reports
 * the waiting count (`presence/report`); the shared ChirpScheduler decides
 * when the chirp plays and main asks the console to play it (`sound/play`).
 * No native parts: the renderer owns the audio. Returns the teardown.
 */
export function setUpSound(context: Pick<AppContext, 'ipc' | 'settings' | 'clock'>): () => void {
  const { ipc, settings, clock } = context;
  const scheduler = new ChirpScheduler({
    clock,
    sound: () => settings.get().sound,
    play: (sound) => ipc.emit('sound/play', sound),
  });
  const messages = new MessageSound({
    now: () => clock.now(),
    sound: () => settings.get().sound,
    play: (sound) => ipc.emit('sound/play', sound),
  });
  const stops = [
    ipc.on('sound/chirp', () => scheduler.newChat()),
    ipc.on('alerts/new-message', (alert) => messages.heard(alert.kind)),
    ipc.on('presence/report', (presence) => scheduler.presenceReported(presence)),
    settings.onChange(() => scheduler.settingsChanged()),
  ];
  return () => {
    for (const stop of stops) stop();
    scheduler.dispose();
  };
}
