import { describe, expect, it } from 'vitest';
import { DEFAULT_DESKTOP_SETTINGS, type DesktopSettings, type PlaySound } from '../../src/protocol';
import { CHIRP_MIN_GAP_MS, ChirpScheduler } from '../../src/domain/chirp-scheduler';
import { FakeClock } from '../fakes/fake-clock';

function desk(sound: Partial<DesktopSettings['sound']> = {}) {
  const clock = new FakeClock();
  const settings = { ...DEFAULT_DESKTOP_SETTINGS.sound, repeatSeconds: 30, volume: 0.8, ...sound };
  const plays: Array<PlaySound & { at: number }> = [];
  const start = clock.now();
  const scheduler = new ChirpScheduler({
    clock,
    sound: () => settings,
    play: (played) => plays.push({ ...played, at: clock.now() - start }),
  });
  return { clock, settings, plays, scheduler, seconds: () => plays.map((p) => p.at / 1000) };
}

describe('the chirp', () => {
  it('plays once for a burst of new chats and again after a quiet gap', () => {
    let clock = 1_000;
    let plays = 0;
    const chirp = new ChirpScheduler({
      clock: { now: () => clock, setTimeout: () => () => undefined },
      sound: () => ({ ...DEFAULT_DESKTOP_SETTINGS.sound, repeatSeconds: 0 }),
      play: () => (plays += 1),
      minGapMs: 4000,
    });
    chirp.newChat();
    clock += 500;
    chirp.newChat();
    clock += 3000;
    chirp.newChat();
    expect(plays).toBe(1);
    clock += 600;
    chirp.newChat();
    expect(plays).toBe(2);
  });

  it('plays on a new chat at the volume from Settings', () => {
    const { scheduler, plays } = desk({ volume: 0.35 });
    scheduler.newChat();
    expect(plays).toEqual([{ sound: 'chirp', volume: 0.35, at: 0 }]);
  });

  it('plays once when many chats arrive together, and again for a chat after the quiet window', () => {
    const { scheduler, clock, seconds } = desk({ repeatSeconds: 0 });
    for (let i = 0; i < 5; i++) scheduler.newChat();
    clock.advance(CHIRP_MIN_GAP_MS - 1);
    scheduler.newChat();
    expect(seconds()).toEqual([0]);
    clock.advance(1);
    scheduler.newChat();
    expect(seconds()).toEqual([0, CHIRP_MIN_GAP_MS / 1000]);
  });

  it('repeats every repeatSeconds while a chat waits unclaimed, and stops once it is claimed', () => {
    const { scheduler, clock, seconds } = desk({ repeatSeconds: 30 });
    scheduler.setWaiting(1);
    scheduler.newChat();
    clock.advance(95_000);
    expect(seconds()).toEqual([0, 30, 60, 90]);
    scheduler.setWaiting(0);
    clock.advance(120_000);
    expect(seconds()).toEqual([0, 30, 60, 90]);
    expect(clock.pending()).toBe(0);
  });

  it('past T1 of the ladder repeats at least every 10 s (even with repeat off), and back to the setting once it is claimed', () => {
    const { scheduler, clock, seconds } = desk({ repeatSeconds: 30 });
    scheduler.presenceReported({ status: 'online', connected: true, waiting: 1, escalated: 0 });
    scheduler.newChat();
    clock.advance(30_000);
    expect(seconds()).toEqual([0, 30]);
    scheduler.presenceReported({ status: 'online', connected: true, waiting: 1, escalated: 1 });
    clock.advance(30_000);
    expect(seconds()).toEqual([0, 30, 40, 50, 60]);
    scheduler.presenceReported({ status: 'online', connected: true, waiting: 1, escalated: 0 });
    clock.advance(30_000);
    expect(seconds()).toEqual([0, 30, 40, 50, 60, 90]);
    const off = desk({ repeatSeconds: 0 });
    off.scheduler.presenceReported({ status: 'online', connected: true, waiting: 1, escalated: 1 });
    off.clock.advance(25_000);
    expect(off.seconds()).toEqual([10, 20]);
    // An Away operator hears no repeat, escalated or not.
    off.scheduler.presenceReported({ status: 'away', connected: true, waiting: 1, escalated: 1 });
    off.clock.advance(60_000);
    expect(off.seconds()).toEqual([10, 20]);
  });

  it('counts the repeat from the newest chat, so two chats close together do not double up', () => {
    const { scheduler, clock, seconds } = desk({ repeatSeconds: 30 });
    scheduler.newChat();
    scheduler.setWaiting(1);
    clock.advance(20_000);
    scheduler.newChat();
    scheduler.setWaiting(2);
    clock.advance(45_000);
    expect(seconds()).toEqual([0, 20, 50]);
  });

  it('with repeat 0 plays once per new chat and never repeats', () => {
    const { scheduler, clock, seconds } = desk({ repeatSeconds: 0 });
    scheduler.setWaiting(3);
    scheduler.newChat();
    clock.advance(600_000);
    expect(seconds()).toEqual([0]);
  });

  it('an Away operator hears no repeating chirp; back Online it repeats again for what still waits', () => {
    const { scheduler, clock, seconds } = desk({ repeatSeconds: 10 });
    scheduler.presenceReported({ connected: true, waiting: 1, status: 'online' });
    clock.advance(15_000);
    expect(seconds()).toEqual([10]);
    scheduler.presenceReported({ connected: true, waiting: 1, status: 'away' });
    clock.advance(60_000);
    expect(seconds()).toEqual([10]);
    scheduler.presenceReported({ connected: true, waiting: 1, status: 'online' });
    clock.advance(10_000);
    expect(seconds()).toEqual([10, 85]);
  });

  it('keeps repeating for chats that were already waiting when the console (re)connected', () => {
    const { scheduler, clock, seconds } = desk({ repeatSeconds: 10 });
    scheduler.setWaiting(2);
    clock.advance(25_000);
    expect(seconds()).toEqual([10, 20]);
    scheduler.setWaiting(1);
    clock.advance(10_000);
    expect(seconds()).toEqual([10, 20, 30]);
  });

  it('when muted never plays, neither for new chats nor as a repeat', () => {
    const { scheduler, clock, plays } = desk({ muted: true, repeatSeconds: 5 });
    scheduler.setWaiting(1);
    scheduler.newChat();
    clock.advance(60_000);
    expect(plays).toEqual([]);
    expect(clock.pending()).toBe(0);
  });

  it('at volume 0 plays nothing', () => {
    const { scheduler, plays } = desk({ volume: 0 });
    scheduler.newChat();
    expect(plays).toEqual([]);
  });

  it('muting in Settings stops the repeat at once, and unmuting starts it again', () => {
    const { scheduler, clock, settings, seconds } = desk({ repeatSeconds: 30 });
    scheduler.setWaiting(1);
    scheduler.newChat();
    clock.advance(10_000);
    settings.muted = true;
    scheduler.settingsChanged();
    clock.advance(60_000);
    expect(seconds()).toEqual([0]);
    settings.muted = false;
    scheduler.settingsChanged();
    clock.advance(30_000);
    expect(seconds()).toEqual([0, 100]);
  });

  it('a new repeat interval or volume from Settings applies to the next chirp', () => {
    const { scheduler, clock, settings, plays } = desk({ repeatSeconds: 60 });
    scheduler.setWaiting(1);
    scheduler.newChat();
    settings.repeatSeconds = 15;
    settings.volume = 0.5;
    scheduler.settingsChanged();
    clock.advance(15_000);
    expect(plays.map((p) => [p.at / 1000, p.volume])).toEqual([
      [0, 0.8],
      [15, 0.5],
    ]);
  });

  it('stops its timer when the app quits', () => {
    const { scheduler, clock } = desk();
    scheduler.setWaiting(1);
    expect(clock.pending()).toBe(1);
    scheduler.dispose();
    expect(clock.pending()).toBe(0);
  });
});
