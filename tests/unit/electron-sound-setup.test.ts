import { describe, expect, it } from 'vitest';
import { setUpSound } from '../../electron/main/sound/setup-sound';
import { shellHarness } from '../fakes/tray-shell-harness';

function soundDesk(sound: Record<string, unknown> = {}) {
  const shell = shellHarness({ settings: { sound: { muted: false, volume: 0.6, repeatSeconds: 20, ...sound } } });
  const teardown = setUpSound(shell.context);
  return { ...shell, teardown };
}

describe('the chirp, wired to the console', () => {
  it("the console's chirp request makes the console play the chirp at the volume from Settings", () => {
    const { send, received } = soundDesk();
    send('sound/chirp', {});
    expect(received('sound/play')).toEqual([{ sound: 'chirp', volume: 0.6 }]);
  });

  it('repeats while the reported queue has a chat waiting, and stops when it is claimed', () => {
    const { send, received, clock } = soundDesk();
    send('presence/report', { status: 'online', connected: true, waiting: 1 });
    send('sound/chirp', {});
    clock.advance(45_000);
    expect(received('sound/play')).toHaveLength(3);
    send('presence/report', { status: 'online', connected: true, waiting: 0 });
    clock.advance(60_000);
    expect(received('sound/play')).toHaveLength(3);
  });

  it('a console that lost its connection does not keep the chirp going on a stale queue', () => {
    const { send, received, clock } = soundDesk();
    send('presence/report', { status: 'online', connected: true, waiting: 1 });
    send('presence/report', { status: 'online', connected: false, waiting: 1 });
    clock.advance(60_000);
    expect(received('sound/play')).toEqual([]);
  });

  it('muting in Settings silences the repeat at once', () => {
    const { send, received, clock, context } = soundDesk();
    send('presence/report', { status: 'online', connected: true, waiting: 1 });
    context.settings.update({ sound: { muted: true } });
    clock.advance(60_000);
    send('sound/chirp', {});
    expect(received('sound/play')).toEqual([]);
  });

  it('a new message in a chat not on screen makes the console play the message sound, unless Settings turned it off', () => {
    const { send, received, clock, context } = soundDesk();
    const message = { kind: 'chat', id: 'c1', from: 'Pat', preview: 'Still there?', notify: false } as const;
    send('alerts/new-message', message);
    expect(received('sound/play')).toEqual([{ sound: 'message', volume: 0.6 }]);
    context.settings.update({ sound: { chatMessages: false } });
    clock.advance(10_000);
    send('alerts/new-message', message);
    send('alerts/new-message', { ...message, kind: 'staff', id: 's1', from: 'Bob' });
    expect(received('sound/play')).toEqual([
      { sound: 'message', volume: 0.6 },
      { sound: 'message', volume: 0.6 },
    ]);
  });

  it('on quit stops listening and cancels the repeat', () => {
    const { send, received, clock, teardown } = soundDesk();
    send('presence/report', { status: 'online', connected: true, waiting: 1 });
    teardown();
    clock.advance(60_000);
    send('sound/chirp', {});
    expect(received('sound/play')).toEqual([]);
  });
});
