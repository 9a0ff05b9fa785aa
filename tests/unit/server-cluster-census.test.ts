import { describe, expect, it } from 'vitest';
import { census, whereabouts } from '../../server/cluster/census';

const room = (sockets: unknown[]) => ({ fetchSockets: () => Promise.resolve(sockets) });
const failing = (message: string) => ({ fetchSockets: () => Promise.reject(new Error(message)) });

describe('asking every node who is connected', () => {
  it('an answer from every node says connected or gone', async () => {
    expect(await whereabouts(room([{ id: 'a' }]))).toBe('connected');
    expect(await whereabouts(room([]))).toBe('gone');
    expect(await census(room([1, 2]))).toEqual({ sockets: [1, 2], complete: true });
  });

  it('a request the cluster could not answer (a node died mid-request, Redis dropped it) is unsure, not an error', async () => {
    const timedOut = failing('timeout reached: only 1 responses received out of 2');
    expect(await census(timedOut)).toEqual({ sockets: [], complete: false });
    expect(await whereabouts(timedOut)).toBe('unsure');
    expect(await whereabouts(failing('write ECONNRESET'))).toBe('unsure');
  });
});
