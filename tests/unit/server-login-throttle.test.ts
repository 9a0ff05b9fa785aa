import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../server/auth/login-throttle';

function throttleAt(clock: { now: number }) {
  return new LoginThrottle({
    maxFailuresPerUsername: 3,
    maxFailuresPerAddress: 5,
    windowMs: 60_000,
    now: () => clock.now,
  });
}

describe('slowing down password guessing', () => {
  it('blocks a username after too many failures and lets it try again once the window has passed', () => {
    const clock = { now: 1_000_000 };
    const throttle = throttleAt(clock);
    for (let i = 0; i < 3; i += 1) {
      expect(throttle.retryAfterMs('alice', `10.0.0.${i}`)).toBe(0);
      throttle.recordFailure('alice', `10.0.0.${i}`);
    }
    expect(throttle.retryAfterMs('Alice', '10.0.0.9')).toBe(60_000);
    clock.now += 59_999;
    expect(throttle.retryAfterMs('alice', '10.0.0.9')).toBe(1);
    clock.now += 1;
    expect(throttle.retryAfterMs('alice', '10.0.0.9')).toBe(0);
  });

  it('blocks an address guessing many usernames', () => {
    const clock = { now: 0 };
    const throttle = throttleAt(clock);
    for (const name of ['a', 'b', 'c', 'd', 'e']) throttle.recordFailure(name, '192.0.2.1');
    expect(throttle.retryAfterMs('f', '192.0.2.1')).toBeGreaterThan(0);
    expect(throttle.retryAfterMs('f', '192.0.2.2')).toBe(0);
  });

  it("a correct password clears the username's failures but not the address's", () => {
    const clock = { now: 0 };
    const throttle = throttleAt(clock);
    for (let i = 0; i < 3; i += 1) throttle.recordFailure('bob', '192.0.2.7');
    throttle.recordSuccess('bob');
    expect(throttle.retryAfterMs('bob', '192.0.2.8')).toBe(0);
    throttle.recordFailure('x', '192.0.2.7');
    throttle.recordFailure('y', '192.0.2.7');
    expect(throttle.retryAfterMs('bob', '192.0.2.7')).toBeGreaterThan(0);
  });
});
