import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { Socket } from 'socket.io';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { z } from 'zod';
import { DeskbellError, type Ack } from '../../src/protocol/ack';
import { InFlight } from '../../server/sockets/in-flight';
import { socketEventLimiter } from '../../server/sockets/rate-limiter';
import { REFUSALS_BEFORE_DISCONNECT, serveEvents } from '../../server/sockets/serve-events';

/** Just enough of a socket.io socket: `on`, `onAny`, and a namespace name. */
class FakeSocket extends EventEmitter {
  readonly id = 'fake';
  readonly nsp = { name: '/test' };
  disconnected = false;
  disconnect() {
    this.disconnected = true;
  }
  private anyListeners: Array<(event: string, ...args: unknown[]) => void> = [];
  onAny(listener: (event: string, ...args: unknown[]) => void) {
    this.anyListeners.push(listener);
  }
  /** What socket.io does with an incoming packet: onAny first, then the event's own listeners. */
  receive(event: string, ...args: unknown[]) {
    for (const listener of this.anyListeners) listener(event, ...args);
    this.emit(event, ...args);
  }
}

/** The test namespace's contract: any payload passes through to the handler, which answers a number. */
const TEST_CONTRACT = { 'thing:do': { request: z.unknown(), ack: z.object({ doubled: z.number() }) } };
/** A stricter one: the request must carry a number. */
const STRICT_CONTRACT = {
  'thing:do': { request: z.object({ n: z.number() }), ack: z.object({ doubled: z.number() }) },
};

function setUp(
  run: (payload: unknown) => Promise<{ doubled: number }>,
  burst = 100,
  contract: typeof TEST_CONTRACT | typeof STRICT_CONTRACT = TEST_CONTRACT,
) {
  const socket = new FakeSocket();
  const log = { warn: vi.fn(), error: vi.fn() } as unknown as FastifyBaseLogger & { error: ReturnType<typeof vi.fn> };
  serveEvents(
    socket as unknown as Socket,
    contract as typeof TEST_CONTRACT,
    { 'thing:do': run },
    { log, limiter: socketEventLimiter({ burst, perSecond: 1 }), inFlight: new InFlight() },
  );
  const request = (event: string, ...args: unknown[]) =>
    new Promise<Ack<unknown>>((resolve) => socket.receive(event, ...args, resolve));
  return { socket, log, request };
}

describe('how every socket event is answered', () => {
  it('parses the request with the contract before the handler sees it, naming the field that was wrong', async () => {
    const run = vi.fn(async (payload: unknown) => ({ doubled: (payload as { n: number }).n * 2 }));
    const { request } = setUp(run, 100, STRICT_CONTRACT);
    const refused = await request('thing:do', { n: 'two' });
    expect(refused.ok === false && refused.error).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('thing:do: n:'),
    });
    expect(run).not.toHaveBeenCalled();
    expect(await request('thing:do', { n: 2, extra: true })).toEqual({ ok: true, data: { doubled: 4 } });
  });

  it('answers ok with the handler result', async () => {
    const { request } = setUp(async (payload) => ({ doubled: (payload as { n: number }).n * 2 }));
    expect(await request('thing:do', { n: 21 })).toEqual({ ok: true, data: { doubled: 42 } });
  });

  it('turns a DeskbellError into a failed ack with its code', async () => {
    const { request } = setUp(() => Promise.reject(new DeskbellError('CHAT_ENDED', 'This chat has ended.')));
    expect(await request('thing:do', {})).toEqual({
      ok: false,
      error: { code: 'CHAT_ENDED', message: 'This chat has ended.' },
    });
  });

  it('logs anything unexpected and answers INTERNAL without its details', async () => {
    const { request, log } = setUp(() => Promise.reject(new Error('connection refused to 10.1.2.3')));
    const ack = await request('thing:do', {});
    expect(ack.ok === false && ack.error.code).toBe('INTERNAL');
    expect(JSON.stringify(ack)).not.toContain('10.1.2.3');
    expect(log.error).toHaveBeenCalledOnce();
  });

  it('answers unknown events with BAD_REQUEST and ignores them when there is no callback', async () => {
    const { request, socket } = setUp(async () => ({ doubled: 0 }));
    expect(await request('thing:undo', {})).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('thing:undo') },
    });
    expect(() => socket.receive('thing:undo', { no: 'callback' })).not.toThrow();
  });

  it('runs a request sent without a callback and never throws', async () => {
    const run = vi.fn(async () => ({ doubled: 2 }));
    const { socket } = setUp(run);
    expect(() => socket.receive('thing:do', { n: 1 })).not.toThrow();
    // The handler runs once the socket's rate limit has counted the event.
    await vi.waitFor(() => expect(run).toHaveBeenCalledWith({ n: 1 }, expect.any(Function)));
  });

  it('passes no payload to the handler when only a callback was sent', async () => {
    const run = vi.fn(async () => ({ doubled: 0 }));
    const { request } = setUp(run);
    await request('thing:do');
    // The second argument is the request's after-answer hook (AfterAnswer).
    expect(run).toHaveBeenCalledWith(undefined, expect.any(Function));
  });

  it('refuses events over the rate limit until its window has passed', async () => {
    vi.useFakeTimers();
    onTestFinished(() => void vi.useRealTimers());
    const { request } = setUp(async () => ({ doubled: 0 }), 2);
    expect((await request('thing:do', {})).ok).toBe(true);
    expect((await request('thing:do', {})).ok).toBe(true);
    const limited = await request('thing:do', {});
    expect(limited.ok === false && limited.error.code).toBe('RATE_LIMITED');
    // Two events a window of two seconds (burst 2 at one a second).
    await vi.advanceTimersByTimeAsync(2_100);
    expect((await request('thing:do', {})).ok).toBe(true);
  });

  it('disconnects a socket that keeps sending after being told RATE_LIMITED', async () => {
    const { socket, request } = setUp(async () => ({ doubled: 0 }), 1);
    expect((await request('thing:do', {})).ok).toBe(true);
    const refusals = [];
    for (let index = 0; index < REFUSALS_BEFORE_DISCONNECT - 1; index += 1) refusals.push(request('thing:do', {}));
    await Promise.all(refusals);
    expect(socket.disconnected).toBe(false);
    await request('thing:do', {});
    expect(socket.disconnected).toBe(true);
  });
});
