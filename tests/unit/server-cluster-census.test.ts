import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  census,
  everySocketOrRetry,
  ONE_NODE,
  SETTLE_AFTER_TROUBLE_MS,
  watchRedisLinks,
  whereabouts,
} from '../../server/cluster/census';

const room = (sockets: unknown[]) => ({ fetchSockets: () => Promise.resolve(sockets) });
const failing = (message: string) => ({ fetchSockets: () => Promise.reject(new Error(message)) });

/** A Redis connection as the watch sees it: events, and whether it is ready. */
class FakeLink extends EventEmitter {
  isReady = true;
}

describe('asking every node who is connected', () => {
  it('alone, an answer says connected or gone', async () => {
    expect(await whereabouts(ONE_NODE, room([{ id: 'a' }]))).toBe('connected');
    expect(await whereabouts(ONE_NODE, room([]))).toBe('gone');
    expect(await census(ONE_NODE, room([1, 2]))).toEqual({ sockets: [1, 2], complete: true });
  });

  it('a request the cluster could not answer (a node died mid-request, Redis dropped it) is unsure, not an error', async () => {
    const timedOut = failing('timeout reached: only 1 responses received out of 2');
    expect(await census(ONE_NODE, timedOut)).toEqual({ sockets: [], complete: false });
    expect(await whereabouts(ONE_NODE, timedOut)).toBe('unsure');
    expect(await whereabouts(ONE_NODE, failing('write ECONNRESET'))).toBe('unsure');
  });

  it('in a cluster, "nobody" is unsure until the nodes have had time to subscribe again after trouble', async () => {
    let clock = 1_000_000;
    const link = new FakeLink();
    const watch = watchRedisLinks([link], () => clock);
    // Just started: the other nodes may be starting or reconnecting too.
    expect(await whereabouts(watch, room([]))).toBe('unsure');
    clock += SETTLE_AFTER_TROUBLE_MS + 1;
    expect(await whereabouts(watch, room([]))).toBe('gone');

    // Redis restarts: this node's connection errs and reconnects; the others resubscribe meanwhile.
    link.emit('error');
    link.isReady = false;
    clock += 500;
    expect(await whereabouts(watch, room([]))).toBe('unsure');
    link.isReady = true;
    link.emit('reconnecting');
    clock += 1_000;
    expect(await whereabouts(watch, room([]))).toBe('unsure');
    // Somebody connected is a sure answer whatever Redis did.
    expect(await whereabouts(watch, room([{}]))).toBe('connected');
    clock += SETTLE_AFTER_TROUBLE_MS;
    expect(await whereabouts(watch, room([]))).toBe('gone');
  });

  it('an answer asked for before the trouble and received after it is unsure too', async () => {
    let clock = 1_000_000;
    const link = new FakeLink();
    const watch = watchRedisLinks([link], () => clock);
    clock += SETTLE_AFTER_TROUBLE_MS + 1;
    let answer: (sockets: unknown[]) => void = () => undefined;
    const asked = census(watch, { fetchSockets: () => new Promise<unknown[]>((resolve) => (answer = resolve)) });
    clock += 100;
    link.emit('error');
    clock += 100;
    answer([]);
    expect((await asked).complete).toBe(false);
  });

  it('what a person asked to see is the whole answer, or a clear "try again"', async () => {
    expect(await everySocketOrRetry(room([1]))).toEqual([1]);
    await expect(
      everySocketOrRetry(failing('timeout reached: only 0 responses received out of 2')),
    ).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: 'Not every server of the desk answered just now; please try again.',
    });
  });
});
