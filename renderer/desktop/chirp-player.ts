import type { PlaySound } from '../../src/protocol';
import chirpUrl from '../../assets/sounds/chirp.wav';
import messageUrl from '../../assets/sounds/message.wav';

/** Each sound's file: the chirp for a new chat, the message sound for a new message elsewhere. */
export const SOUND_URLS: Record<PlaySound['sound'], string> = { chirp: chirpUrl, message: messageUrl };

/**
 * Plays a sound once at `volume` (0 to 1), as the desktop's main process
 * asks (`sound/play`). A fresh Audio element each time, so two sounds in a row
 * never cut each other off; main already keeps them apart.
 */
export function playChirp(volume: number, sound: PlaySound['sound'] = 'chirp'): void {
  if (typeof Audio === 'undefined') return;
  const audio = new Audio(SOUND_URLS[sound]);
  audio.volume = Math.min(1, Math.max(0, volume));
  try {
    // Electron's window allows sound without a gesture; a refusal (no audio device) only loses the sound.
    void Promise.resolve(audio.play()).catch(() => undefined);
  } catch {
    // Some engines throw instead of rejecting; the pop-up still shows the chat.
  }
}
