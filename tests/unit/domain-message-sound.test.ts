import { describe, expect, it } from 'vitest';
import { DEFAULT_DESKTOP_SETTINGS, type DesktopSettings, type PlaySound } from '../../src/protocol';
import { MESSAGE_SOUND_MIN_GAP_MS, MessageSound } from '../../src/domain/message-sound';
import { computeTrayModel } from '../../electron/main/tray/tray-model';

function desk(sound: Partial<DesktopSettings['sound']> = {}) {
  let now = 10_000;
  const plays: PlaySound[] = [];
  const settings = { ...DEFAULT_DESKTOP_SETTINGS.sound, ...sound };
  const messages = new MessageSound({ now: () => now, sound: () => settings, play: (played) => plays.push(played) });
  return { messages, plays, later: (ms: number) => (now += ms) };
}

describe('the message sound', () => {
  it('plays the message sound (not the chirp) once for a burst of messages, and again after a pause', () => {
    const { messages, plays, later } = desk();
    messages.heard('chat');
    later(500);
    messages.heard('staff');
    expect(plays).toEqual([{ sound: 'message', volume: 0.8 }]);
    later(MESSAGE_SOUND_MIN_GAP_MS);
    messages.heard('chat');
    expect(plays).toHaveLength(2);
  });

  it('stays silent for the kinds the librarian turned off, even with the chirp unmuted', () => {
    const { messages, plays, later } = desk({ staffMessages: false });
    messages.heard('staff');
    expect(plays).toEqual([]);
    later(MESSAGE_SOUND_MIN_GAP_MS);
    messages.heard('chat');
    expect(plays).toHaveLength(1);
  });

  it('muting the chirp leaves the message sound as chosen', () => {
    const { messages, plays } = desk({ muted: true });
    messages.heard('chat');
    expect(plays).toHaveLength(1);
  });
});

describe('the tray badge', () => {
  it('counts what waits for this operator: new chats and unread messages', () => {
    const model = computeTrayModel({ status: 'online', connected: true, waiting: 2, unread: 3 });
    expect(model.badge.count).toBe(5);
    expect(model.tooltip).toBe('Deskbell — Online — 2 chats waiting, 3 unread messages');
  });
});
