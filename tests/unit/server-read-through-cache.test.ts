import { describe, expect, it } from 'vitest';
import { ReadThroughCache } from '../../server/storage/read-through-cache';

describe('a value read through a short cache', () => {
  it('is read once while kept, again after its time or once cleared, and a failed read is not kept', async () => {
    let now = 1_000;
    let reads = 0;
    let failNext = false;
    const cache = new ReadThroughCache(
      () => {
        reads += 1;
        if (failNext) {
          failNext = false;
          return Promise.reject(new Error('database away'));
        }
        return Promise.resolve(`value ${reads}`);
      },
      5_000,
      () => now,
    );
    expect(await Promise.all([cache.get(), cache.get()])).toEqual(['value 1', 'value 1']);
    now += 4_999;
    expect(await cache.get()).toBe('value 1');
    now += 1;
    expect(await cache.get()).toBe('value 2');
    cache.clear();
    expect(await cache.get()).toBe('value 3');
    cache.clear();
    failNext = true;
    await expect(cache.get()).rejects.toThrow('database away');
    expect(await cache.get()).toBe('value 5');
    expect(reads).toBe(5);
  });
});
