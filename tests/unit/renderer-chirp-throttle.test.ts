import { describe, expect, it } from 'vitest';
import { throttle } from '../../renderer/desktop/chirp-throttle';

describe('the chirp', () => {
  it('plays once for a burst of new chats and again after a quiet gap', () => {
    let clock = 1_000;
    let plays = 0;
    const chirp = throttle(
      () => (plays += 1),
      4000,
      () => clock,
    );
    chirp();
    clock += 500;
    chirp();
    clock += 3000;
    chirp();
    expect(plays).toBe(1);
    clock += 600;
    chirp();
    expect(plays).toBe(2);
  });
});
