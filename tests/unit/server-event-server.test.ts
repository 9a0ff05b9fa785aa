import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { Socket } from 'socket.io';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Ack } from '../../src/protocol/ack';
import { InFlight } from '../../server/sockets/in-flight';
import { socketEventLimiter } from '../../server/sockets/rate-limiter';
import { eventServer } from '../../server/sockets/serve-events';

/** Just enough of a socket.io socket; like socket.io, it calls every listener with the socket as `this`. */
class FakeSocket extends EventEmitter {
  readonly nsp = { name: '/test' };
  private anyListeners: Array<(...args: unknown[]) => void> = [];
  constructor(readonly id: string) {
    super();
  }
  disconnect() {}
  onAny(listener: (...args: unknown[]) => void) {
    this.anyListeners.push(listener);
  }
  receive(event: string, ...args: unknown[]) {
    for (const listener of this.anyListeners) listener.apply(this, [event, ...args]);
    this.emit(event, ...args);
  }
  request(event: string, payload: unknown) {
    return new Promise<Ack<unknown>>((resolve) => this.receive(event, payload, resolve));
  }
}

const CONTRACT = { 'who:am-i': { request: z.object({}), ack: z.object({ id: z.string() }) } };
const options = () => ({
  log: { warn: vi.fn(), error: vi.fn() } as unknown as FastifyBaseLogger,
  limiter: socketEventLimiter({ burst: 100, perSecond: 1 }),
  inFlight: new InFlight(),
});

describe('handlers shared by every socket of a namespace', () => {
  it('one set of handlers answers each socket as itself', async () => {
    const run = vi.fn(async (_request: object, socket: Socket) => ({ id: socket.id }));
    const serve = eventServer(CONTRACT, { 'who:am-i': run }, options());
    const [one, two] = [new FakeSocket('one'), new FakeSocket('two')];
    serve(one as unknown as Socket);
    serve(two as unknown as Socket);
    expect(await one.request('who:am-i', {})).toEqual({ ok: true, data: { id: 'one' } });
    expect(await two.request('who:am-i', {})).toEqual({ ok: true, data: { id: 'two' } });
    expect(one.listeners('who:am-i')[0]).toBe(two.listeners('who:am-i')[0]);
    expect(await one.request('who:are-you', {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('work a handler leaves for after its answer runs once the asker has been answered', async () => {
    const order: string[] = [];
    const ran = new Promise<void>((resolve) => {
      const serve = eventServer(
        CONTRACT,
        {
          'who:am-i': async (_request, socket, afterAnswer) => {
            afterAnswer(() => {
              order.push('fan-out');
              resolve();
            });
            await new Promise((wait) => setTimeout(wait, 20)); // a last read, as Claim Chat makes
            return { id: socket.id };
          },
        },
        options(),
      );
      const socket = new FakeSocket('one');
      serve(socket as unknown as Socket);
      void socket.request('who:am-i', {}).then(() => order.push('answer'));
    });
    await ran;
    expect(order).toEqual(['answer', 'fan-out']);
  });
});
