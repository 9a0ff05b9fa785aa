/**
 * The baseline for bench/alert-latency: a bare socket.io server that relays a
 * patron's `chat:start` to every operator socket as `chat:new` at once, with no
 * parsing, storage or rules. Deskbell's alert latency is reported beside it.
 * Prints `listening on PORT` when ready.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false });
const operators = io.of('/operator');
let nextId = 0;

io.of('/patron').on('connection', (socket) => {
  socket.on('chat:start', (payload: unknown, ack?: (response: unknown) => void) => {
    const id = `chat-${++nextId}`;
    operators.to('dept').emit('chat:new', { id, payload });
    if (typeof ack === 'function') ack({ ok: true, data: { id } });
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
