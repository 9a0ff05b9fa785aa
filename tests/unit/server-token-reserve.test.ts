import { describe, expect, it } from 'vitest';
import { hashToken, TokenReserve } from '../../server/auth/tokens';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('the reserve of resume tokens made ahead', () => {
  it('hands out each token once, with the hash the database keeps of it', async () => {
    const reserve = new TokenReserve(4);
    const taken = [];
    for (let round = 0; round < 5; round++) {
      // Several in one turn empty the reserve: the last ones are made on the spot.
      for (let i = 0; i < 6; i++) taken.push(reserve.take());
      await nextTurn();
    }
    expect(new Set(taken.map((one) => one.token)).size).toBe(taken.length);
    for (const { token, hash } of taken) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(hash).toBe(hashToken(token));
    }
  });
});
