import { describe, expect, it } from 'vitest';
import { Outbox } from '../../src/client/outbox';
import { fail, ok, type Ack } from '../../src/protocol/ack';

interface Payload {
  id: string;
  body: string;
}

/** A hand-driven server end: each emit waits until the test answers it. */
function harness() {
  let connected = true;
  const calls: Array<{ payload: Payload; answer: (ack: Ack<string>) => void; drop: () => void }> = [];
  const delivered: string[] = [];
  const rejected: string[] = [];
  const outbox = new Outbox<Payload, string>({
    emit: (payload) =>
      new Promise((resolve, reject) => {
        calls.push({ payload, answer: resolve, drop: () => reject(new Error('disconnected')) });
      }),
    isConnected: () => connected,
    onDelivered: (payload) => delivered.push(payload.id),
    onRejected: (payload, error) => rejected.push(`${payload.id}:${error.code}`),
  });
  return { outbox, calls, delivered, rejected, setConnected: (value: boolean) => (connected = value) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the outbox that keeps a librarian’s messages until the server has them', () => {
  it('a message is pending until the server acknowledges it', async () => {
    const { outbox, calls, delivered } = harness();
    outbox.send({ id: 'm1', body: 'Hello' });
    expect(outbox.list().map((p) => p.id)).toEqual(['m1']);
    calls[0]?.answer(ok('stored'));
    await settle();
    expect(outbox.size).toBe(0);
    expect(delivered).toEqual(['m1']);
  });

  it('a send lost to a dropped connection is sent again, with the same id, on reconnect', async () => {
    const { outbox, calls, delivered, setConnected } = harness();
    outbox.send({ id: 'm1', body: 'Hello' });
    setConnected(false);
    calls[0]?.drop();
    await settle();
    expect(outbox.size).toBe(1);

    outbox.send({ id: 'm2', body: 'Are you there?' });
    expect(calls).toHaveLength(1); // not sent while offline

    setConnected(true);
    outbox.flush();
    expect(calls.slice(1).map((c) => c.payload.id)).toEqual(['m1', 'm2']);
    calls[1]?.answer(ok('stored'));
    calls[2]?.answer(ok('stored'));
    await settle();
    expect(delivered).toEqual(['m1', 'm2']);
    expect(outbox.size).toBe(0);
  });

  it('does not send a message twice while the first attempt is still on its way', () => {
    const { outbox, calls } = harness();
    outbox.send({ id: 'm1', body: 'Hello' });
    outbox.flush();
    outbox.flush();
    expect(calls).toHaveLength(1);
  });

  it('a message the server refuses leaves the outbox and is reported', async () => {
    const { outbox, calls, rejected } = harness();
    outbox.send({ id: 'm1', body: 'x' });
    calls[0]?.answer(fail('CHAT_ENDED', 'This chat has ended.'));
    await settle();
    expect(rejected).toEqual(['m1:CHAT_ENDED']);
    expect(outbox.size).toBe(0);
  });
});
