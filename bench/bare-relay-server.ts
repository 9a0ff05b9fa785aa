/**
 * The baseline for the benchmarks: a bare socket.io server doing the same
 * fan-out as Deskbell with no parsing, storage or rules. A patron's
 * `chat:start` goes to every operator socket as `chat:new` (bench/alert-latency);
 * a patron's `chat:send` goes to the operators as `chat:message` and back to
 * the patron, then is acknowledged (bench/message-throughput).
 * Prints `listening on PORT` when ready.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false });
const operators = io.of('/operator');
let nextId = 0;

io.of('/patron').on('connection', (socket) => {
  let seq = 0;
  socket.on('chat:start', (payload: unknown, ack?: (response: unknown) => void) => {
    const id = `chat-${++nextId}`;
    operators.to('dept').emit('chat:new', { id, payload });
    if (typeof ack === 'function') ack({ ok: true, data: { id } });
  });
  socket.on('chat:send', (payload: unknown, ack?: (response: unknown) => void) => {
    const message = { seq: ++seq, payload };
    operators.to('dept').emit('chat:message', message);
    socket.emit('chat:message', message);
    if (typeof ack === 'function') ack({ ok: true, data: { message } });
  });
});
operators.on('connection', (socket) => {
  void socket.join('dept');
});

httpServer.listen(0, '127.0.0.1', () => {
  const address = httpServer.address();
  if (address && typeof address === 'object') console.log(`listening on ${address.port}`);
});
process.on('SIGTERM', () => {
  void io.close();
  process.exit(0);
});
