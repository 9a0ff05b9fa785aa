import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { coalesceWrites } from '../../server/sockets/coalesced-writes';

/** A server whose one accepted connection is coalesced, counting the system writes it makes. */
async function coalescedPair(): Promise<{
  server: Server;
  served: Socket;
  client: Socket;
  systemWrites: () => number;
}> {
  let systemWrites = 0;
  const server = createServer();
  const accepted = new Promise<Socket>((resolve) => {
    server.once('connection', (socket: Socket) => {
      coalesceWrites(socket);
      // Every flush reaches the handle through _writev (several chunks) or _write (one).
      const internals = socket as unknown as Record<'_writev' | '_write', (...args: unknown[]) => void>;
      for (const name of ['_writev', '_write'] as const) {
        const original = internals[name].bind(socket);
        internals[name] = (...args: unknown[]) => {
          systemWrites += 1;
          original(...args);
        };
      }
      resolve(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const client = connect(address.port, '127.0.0.1');
  const served = await accepted;
  return { server, served, client, systemWrites: () => systemWrites };
}

function received(client: Socket, bytes: number): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    client.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.length >= bytes) resolve(text);
    });
  });
}

const opened: Array<{ server: Server; client: Socket; served: Socket }> = [];
afterEach(async () => {
  for (const { server, client, served } of opened.splice(0)) {
    client.destroy();
    served.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('coalesceWrites', () => {
  it('sends in one system write what the continuations one turn released write (a group’s acks), in order', async () => {
    const pair = await coalescedPair();
    opened.push(pair);
    const arrived = received(pair.client, 13);
    // As a committed group of sends: its promises are settled together and each answer is written.
    const settlers: Array<() => void> = [];
    const answers = ['one,', 'two,', 'three'].map((text) =>
      new Promise<void>((resolve) => settlers.push(resolve)).then(() => void pair.served.write(text)),
    );
    for (const settle of settlers) settle();
    expect(pair.systemWrites()).toBe(0);
    await Promise.all(answers);
    expect(await arrived).toBe('one,two,three');
    expect(pair.systemWrites()).toBe(1);
  });

  it('does not hold a later turn’s write back: each turn is sent by itself', async () => {
    const pair = await coalescedPair();
    opened.push(pair);
    const arrived = received(pair.client, 6);
    pair.served.write('abc');
    await new Promise((resolve) => setImmediate(resolve));
    expect(pair.systemWrites()).toBe(1);
    pair.served.write('def');
    expect(await arrived).toBe('abcdef');
    expect(pair.systemWrites()).toBe(2);
  });

  it('ends cleanly with the last write still corked', async () => {
    const pair = await coalescedPair();
    opened.push(pair);
    const ended = new Promise<string>((resolve) => {
      let text = '';
      pair.client.on('data', (chunk: Buffer) => (text += chunk.toString()));
      pair.client.on('end', () => resolve(text));
    });
    pair.served.write('last words');
    pair.served.end();
    expect(await ended).toBe('last words');
  });
});
