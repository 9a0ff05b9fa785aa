import { describe, expect, it } from 'vitest';
import { CalmLine } from '../../src/client/calm-line';

describe('CalmLine', () => {
  it('announces new words, keeps the same words quiet until the quiet time has passed', () => {
    let now = 0;
    const calm = new CalmLine(30_000, () => now);
    expect(calm.next('Pat is typing…')).toEqual({ text: 'Pat is typing…', live: 'polite' });
    expect(calm.next('')).toEqual({ text: '', live: 'polite' });
    now = 10_000;
    expect(calm.next('Pat is typing…')).toEqual({ text: 'Pat is typing…', live: 'off' });
    expect(calm.next('Pat and Bob are typing…')).toEqual({ text: 'Pat and Bob are typing…', live: 'polite' });
    now = 45_000;
    expect(calm.next('Pat and Bob are typing…')).toEqual({ text: 'Pat and Bob are typing…', live: 'polite' });
  });
});
