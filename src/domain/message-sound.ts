import type { DesktopSettings, MessageAlert, PlaySound } from '../protocol/desktop-bridge';

/** Several messages in a row (a patron who types in short lines) make one message sound in this window. */
export const MESSAGE_SOUND_MIN_GAP_MS = 2000;

type SoundSettings = DesktopSettings['sound'];

/**
 * Whether the message sound may play for a message of this kind, `sinceLastMs`
 * after the last one: the operator left that kind on in Settings (on unless
 * turned off), the volume is up, and the last one was not just now. "Mute the
 * chirp" is the chirp's own setting; messages have theirs.
 */
export function messageSoundMayPlay(
  kind: MessageAlert['kind'],
  sound: SoundSettings,
  sinceLastMs: number,
  minGapMs = MESSAGE_SOUND_MIN_GAP_MS,
): boolean {
  // A desk alarm chirps (the console asks for the chirp itself); it has no message sound.
  if (kind === 'desk') return false;
  const wanted = kind === 'chat' ? sound.chatMessages !== false : sound.staffMessages !== false;
  return wanted && sound.volume > 0 && sinceLastMs >= minGapMs;
}

export interface MessageSoundOptions {
  now: () => number;
  /** Read at every message, so a Settings change applies to the next one. */
  sound: () => SoundSettings;
  play: (sound: PlaySound) => void;
}

/**
 * Decides when the message sound plays, for the desktop's main process and
 * the browser console alike (as ChirpScheduler does for the chirp).
 */
export class MessageSound {
  private lastPlayedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: MessageSoundOptions) {}

  /** A new message from a patron or colleague in a chat not on screen. */
  heard(kind: MessageAlert['kind']): void {
    const now = this.options.now();
    const sound = this.options.sound();
    if (!messageSoundMayPlay(kind, sound, now - this.lastPlayedAt)) return;
    this.lastPlayedAt = now;
    this.options.play({ sound: 'message', volume: sound.volume });
  }
}
