import type { AppContext } from '../app-context';
import { SoundScheduler } from './sound-scheduler';

/**
 * The chirp: the console asks on every new chat (`sound/chirp`) and reports
 * the waiting count (`presence/report`); the scheduler decides when the chirp
 * plays and asks the console to play it (`sound/play`). No native parts: the
 * renderer owns the audio. Returns the teardown.
 */
export function setUpSound(context: Pick<AppContext, 'ipc' | 'settings' | 'clock'>): () => void {
  const { ipc, settings, clock } = context;
  const scheduler = new SoundScheduler({
    clock,
    sound: () => settings.get().sound,
    play: (sound) => ipc.emit('sound/play', sound),
  });
  const stops = [
    ipc.on('sound/chirp', () => scheduler.newChat()),
    // A console that lost its connection may show a stale queue: it does not keep the chirp going.
    ipc.on('presence/report', (presence) => scheduler.setWaiting(presence.connected ? presence.waiting : 0)),
    settings.onChange(() => scheduler.settingsChanged()),
  ];
  return () => {
    for (const stop of stops) stop();
    scheduler.dispose();
  };
}
