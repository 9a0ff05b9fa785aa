import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TYPING_IDLE_MS, TYPING_REPEAT_MS, TYPING_STALE_MS, TypingSignal } from '../../src/client/typing-signal';

describe('TypingSignal', () => {
  let sent: boolean[];
  let signal: TypingSignal;

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    signal = new TypingSignal({ send: (typing) => sent.push(typing), idleMs: 4000, repeatMs: 3000 });
  });
  afterEach(() => vi.useRealTimers());

  it('says "typing" once for a burst of keystrokes and "stopped" when the draft is sent', () => {
    for (const text of ['W', 'Wh', 'Whe', 'Wher', 'Where']) signal.draftChanged(text);
    expect(sent).toEqual([true]);
    signal.stop();
    expect(sent).toEqual([true, false]);
    signal.stop();
    expect(sent).toEqual([true, false]);
  });

  it('says "stopped" after the idle time without keystrokes, and "typing" again when they resume', () => {
    signal.draftChanged('Hello');
    vi.advanceTimersByTime(3999);
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([true, false]);
    signal.draftChanged('Hello there');
    expect(sent).toEqual([true, false, true]);
  });

  it('repeats "typing" while typing goes on, so a receiver dropping stale signals keeps it', () => {
    signal.draftChanged('a');
    vi.advanceTimersByTime(2000);
    signal.draftChanged('ab');
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(1000);
    signal.draftChanged('abc');
    expect(sent).toEqual([true, true]);
  });

  it('an emptied box is "stopped", and whitespace alone is not typing', () => {
    signal.draftChanged('   ');
    expect(sent).toEqual([]);
    signal.draftChanged('x');
    signal.draftChanged('');
    expect(sent).toEqual([true, false]);
  });

  it('by default repeats "typing" well before a receiver counts it stale, and stops after the idle time', () => {
    const defaults: boolean[] = [];
    const typist = new TypingSignal({ send: (typing) => defaults.push(typing) });
    typist.draftChanged('a');
    vi.advanceTimersByTime(TYPING_REPEAT_MS);
    typist.draftChanged('ab');
    expect(defaults).toEqual([true, true]);
    expect(TYPING_REPEAT_MS).toBeLessThan(TYPING_STALE_MS / 2);
    vi.advanceTimersByTime(TYPING_IDLE_MS);
    expect(defaults).toEqual([true, true, false]);
  });
});
