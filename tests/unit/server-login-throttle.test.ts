import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLoginThrottle, type LoginOutcome } from '../../server/auth/login-throttle';

const BOB = { username: 'bob', address: '192.0.2.7' };
const right = () => Promise.resolve('bob-account');
const wrong = () => Promise.resolve(undefined);

// RateLimiterMemory reads Date.now and expires keys with setTimeout: a fake clock drives both.
beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

function throttle() {
  return createLoginThrottle({
    failuresBeforeWait: 3,
    firstWaitSeconds: 60,
    longestWaitSeconds: 300,
    failuresPerAddressPerDay: 10,
  });
}

function waitOf(outcome: LoginOutcome<string>): number {
  return outcome.status === 'throttled' ? outcome.retryAfterMs : 0;
}

describe('slowing down password guessing', () => {
  it('after the free tries bob waits, and each further wrong password doubles the wait up to the longest', async () => {
    const guard = throttle();
    for (let i = 0; i < 3; i += 1) {
      expect((await guard.attempt(BOB.username, BOB.address, wrong)).status).toBe('failed');
    }
    const waits: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      const wait = waitOf(await guard.attempt(BOB.username, BOB.address, right));
      waits.push(wait);
      vi.advanceTimersByTime(wait);
      expect((await guard.attempt(BOB.username, BOB.address, wrong)).status).toBe('failed');
    }
    expect(waits).toEqual([60_000, 120_000, 240_000, 300_000]);
  });

  it('a right password clears bob’s wrong ones at that address', async () => {
    const guard = throttle();
    for (let round = 0; round < 3; round += 1) {
      await guard.attempt(BOB.username, BOB.address, wrong);
      await guard.attempt(BOB.username, BOB.address, wrong);
      expect((await guard.attempt(BOB.username, BOB.address, right)).status).toBe('passed');
    }
  });

  it('the username is one whatever its case, the address is not shared', async () => {
    const guard = throttle();
    for (const name of ['bob', 'Bob', 'BOB']) await guard.attempt(name, BOB.address, wrong);
    expect((await guard.attempt('bob', BOB.address, right)).status).toBe('throttled');
    expect((await guard.attempt('bob', '192.0.2.8', right)).status).toBe('passed');
  });

  it('an address spraying many usernames waits for the day to end, and only that address', async () => {
    const guard = throttle();
    for (let name = 0; name < 10; name += 1) await guard.attempt(`user-${name}`, BOB.address, wrong);
    const capped = await guard.attempt('bob', BOB.address, right);
    expect(capped.status).toBe('throttled');
    expect(waitOf(capped)).toBe(24 * 60 * 60 * 1000);
    expect((await guard.attempt('bob', '192.0.2.8', right)).status).toBe('passed');
    vi.advanceTimersByTime(24 * 60 * 60 * 1000);
    expect((await guard.attempt('bob', BOB.address, right)).status).toBe('passed');
  });

  it('checks sent at once get no more than the free tries', async () => {
    const guard = throttle();
    let release = () => {};
    const held = new Promise<undefined>((resolve) => (release = () => resolve(undefined)));
    const attempts = Array.from({ length: 6 }, () => guard.attempt(BOB.username, BOB.address, () => held));
    release();
    const statuses = (await Promise.all(attempts)).map((outcome) => outcome.status);
    expect(statuses.filter((status) => status === 'failed')).toHaveLength(3);
    expect(statuses.filter((status) => status === 'throttled')).toHaveLength(3);
  });

  it('a check that throws is no longer counted as under way', async () => {
    const guard = throttle();
    const broken = () => Promise.reject(new Error('database gone'));
    await expect(guard.attempt(BOB.username, BOB.address, broken)).rejects.toThrow('database gone');
    await expect(guard.attempt(BOB.username, BOB.address, broken)).rejects.toThrow('database gone');
    expect((await guard.attempt(BOB.username, BOB.address, right)).status).toBe('passed');
  });
});
