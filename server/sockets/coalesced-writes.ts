import type { Socket } from 'node:net';

/**
 * Coalesces what a burst of work writes to a client's connection into one
 * system call. A committed group of sends settles dozens of acks at once and
 * fans each message out; ws writes every frame by itself, so a console
 * following many chats took one `writev` per message (a fifth of the
 * server's time in profiles of bench/message-throughput).
 *
 * The first write corks the TCP socket and queues a microtask that uncorks
 * it. The continuations already queued (the other acks of the group) run
 * before that microtask and join the same write; anything later goes out by
 * itself. A microtask rather than `process.nextTick`: the tick would wait for
 * every promise chain of the turn, and a new chat's alert would wait for the
 * queue count that follows it. Bytes and their order are unchanged.
 */
export function coalesceWrites(socket: Socket): void {
  const write = socket.write;
  let corked = false;
  const uncork = (): void => {
    corked = false;
    socket.uncork();
  };
  socket.write = function coalescedWrite(this: Socket, ...args: Parameters<Socket['write']>) {
    if (!corked) {
      corked = true;
      socket.cork();
      queueMicrotask(uncork);
    }
    return write.apply(this, args);
  } as Socket['write'];
}
