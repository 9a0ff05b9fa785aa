import chirpUrl from '../../assets/sounds/chirp.wav';

/**
 * Plays the chirp once at `volume` (0 to 1), as the desktop's main process
 * asks (`sound/play`). A fresh Audio element each time, so two chirps in a row
 * never cut each other off; main already keeps them apart.
 */
export function playChirp(volume: number): void {
  if (typeof Audio === 'undefined') return;
  const audio = new Audio(chirpUrl);
  audio.volume = Math.min(1, Math.max(0, volume));
  try {
    // Electron's window allows sound without a gesture; a refusal (no audio device) only loses the sound.
    void Promise.resolve(audio.play()).catch(() => undefined);
  } catch {
    // Some engines throw instead of rejecting; the pop-up still shows the chat.
  }
}
