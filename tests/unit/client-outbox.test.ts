import { afterEach, describe, expect, it, vi } from 'vitest';
import { Backoff } from '../../src/client/backoff';
import { Outbox } from '../../src/client/outbox';
import { sendingNote } from '../../src/client/send-status';
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
    // Always the longest pause of each step, so the tests know when a retry is due.
    backoff: { initialMs: 1000, maxMs: 30_000, random: () => 0.999_999 },
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

describe('the outbox when the server has a moment', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a message the database could not store stays pending, says why, and goes again with the same id', async () => {
    vi.useFakeTimers();
    const { outbox, calls, delivered, rejected } = harness();
    outbox.send({ id: 'm1', body: 'Hello' });
    calls[0]?.answer(fail('UNAVAILABLE', 'The database is restarting.'));
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.list()).toEqual([
      { id: 'm1', body: 'Hello', retrying: { code: 'UNAVAILABLE', message: 'The database is restarting.' } },
    ]);
    expect(sendingNote(outbox.list()[0]?.retrying)).toBe('Sending... the server is busy, trying again');
    expect(rejected).toEqual([]);

    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.map((call) => call.payload.id)).toEqual(['m1', 'm1']);
    calls[1]?.answer(ok('stored'));
    await vi.advanceTimersByTimeAsync(0);
    expect(delivered).toEqual(['m1']);
    expect(outbox.size).toBe(0);
  });

  it('every failure that may pass is tried again; only a final refusal is reported', async () => {
    vi.useFakeTimers();
    const { outbox, calls, delivered, rejected } = harness();
    const answers = [
      fail('INTERNAL', 'x'),
      fail('RATE_LIMITED', 'x'),
      fail('TIMEOUT', 'x'),
      fail('OFFLINE', 'x'),
      fail('UNAVAILABLE', 'x'),
    ];
    outbox.send({ id: 'm1', body: 'Hello' });
    for (const [index, answer] of answers.entries()) {
      calls[index]?.answer(answer);
      await vi.advanceTimersByTimeAsync(60_000);
    }
    expect(calls).toHaveLength(answers.length + 1);
    expect(rejected).toEqual([]);
    calls.at(-1)?.answer(fail('BAD_REQUEST', 'body: too long'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(rejected).toEqual(['m1:BAD_REQUEST']);
    expect(delivered).toEqual([]);
    expect(calls).toHaveLength(answers.length + 1);
  });

  it('an answer that never came is tried again after a pause while the connection holds', async () => {
    vi.useFakeTimers();
    const { outbox, calls } = harness();
    outbox.send({ id: 'm1', body: 'Hello' });
    calls[0]?.drop(); // what a time-out looks like to the outbox
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.list()[0]?.retrying?.code).toBe('TIMEOUT');
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(2);
  });

  it('while a retry waits out its pause, later messages wait with it and go in order', async () => {
    vi.useFakeTimers();
    const { outbox, calls } = harness();
    outbox.send({ id: 'm1', body: 'Hello' });
    calls[0]?.answer(fail('UNAVAILABLE', 'x'));
    await vi.advanceTimersByTimeAsync(0);
    outbox.send({ id: 'm2', body: 'Are you there?' });
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.slice(1).map((call) => call.payload.id)).toEqual(['m1', 'm2']);
  });

  it('the pause doubles with each failure up to its ceiling, and starts over after a delivery', async () => {
    vi.useFakeTimers();
    const { outbox, calls } = harness();
    outbox.send({ id: 'm1', body: 'Hello' });
    const pauses: number[] = [];
    for (let failure = 0; failure < 7; failure += 1) {
      calls.at(-1)?.answer(fail('UNAVAILABLE', 'x'));
      await vi.advanceTimersByTimeAsync(0);
      const before = calls.length;
      let waited = 0;
      while (calls.length === before) {
        await vi.advanceTimersByTimeAsync(100);
        waited += 100;
      }
      pauses.push(waited);
    }
    expect(pauses).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);

    calls.at(-1)?.answer(ok('stored'));
    await vi.advanceTimersByTimeAsync(0);
    outbox.send({ id: 'm2', body: 'Thanks' });
    calls.at(-1)?.answer(fail('UNAVAILABLE', 'x'));
    await vi.advanceTimersByTimeAsync(999);
    const before = calls.length;
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.length).toBe(before + 1);
  });

  it('a retry that comes due while the connection is down waits for the reconnect', async () => {
    vi.useFakeTimers();
    const { outbox, calls, setConnected } = harness();
    outbox.send({ id: 'm1', body: 'Hello' });
    calls[0]?.answer(fail('UNAVAILABLE', 'x'));
    await vi.advanceTimersByTimeAsync(0);
    setConnected(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
    setConnected(true);
    outbox.flush();
    expect(calls).toHaveLength(2);
  });
});

describe('the pause between retries', () => {
  it('is between half and all of its step, so a whole library does not come back in the same instant', () => {
    const low = new Backoff({ random: () => 0 });
    const high = new Backoff({ random: () => 0.999_999 });
    expect([low.next(), low.next(), low.next()]).toEqual([500, 1000, 2000]);
    expect([high.next(), high.next(), high.next()]).toEqual([1000, 2000, 4000]);
    high.reset();
    expect(high.next()).toBe(1000);
  });
});
