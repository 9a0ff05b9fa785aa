import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { Server } from 'socket.io';
import { OPERATOR_NAMESPACE } from '../src/protocol/operator-contract';
import { PATRON_NAMESPACE } from '../src/protocol/patron-contract';
import type { LoginThrottleOptions } from './auth/login-throttle';
import { registerAdminRoutes } from './admin/admin-routes';
import { registerDepartmentRoutes } from './admin/department-routes';
import { registerDeskSettingsRoutes } from './admin/desk-settings-routes';
import { startChatUpkeep } from './chats/chat-upkeep';
import { startDeskWatch } from './desk/desk-watch';
import { registerEscalationRoutes } from './desk/escalation-routes';
import { type ChatTimings, resolveChatTimings } from './config/chat-timings';
import type { DeskbellContext } from './context';
import { registerHttp } from './http/register-http';
import { setUpOperatorNamespace } from './operators/operator-namespace';
import { setUpPatronNamespace } from './patrons/patron-namespace';
import { PatronPresenceTracker } from './patrons/patron-presence';
import { recordPatronAway } from './patrons/patron-lifecycle';
import { PresenceService } from './presence/presence-service';
import { InFlight } from './sockets/in-flight';
import { createRepositories } from './repositories';
import { coalesceWrites } from './sockets/coalesced-writes';
import { AddressLimits, type AddressLimitOptions, DEFAULT_ADDRESS_LIMITS } from './sockets/address-limits';
import {
  DEFAULT_SOCKET_RATE_LIMIT,
  memoryLimiters,
  type RateLimit,
  redisLimiters,
  socketEventLimiter,
} from './sockets/rate-limiter';
import type { DeskbellIo, OperatorNamespace, PatronNamespace } from './sockets/socket-types';
import type { Storage } from './storage/database';
import { type IceSettings, NO_ICE } from './config/ice-config';
import { StatusLog } from './reports/status-log';
import { clusterAdapter } from './cluster/cluster-adapter';
import { NodeMetrics } from './cluster/node-metrics';
import { ReadinessProbe } from './cluster/readiness';
import { ONE_NODE, watchRedisLinks } from './cluster/census';
import type { RedisLink } from './cluster/redis-link';
import { registerOperationsRoutes } from './http/operations-routes';
import { registerReportRoutes } from './reports/report-routes';

export interface DeskbellServerDeps {
  /** An open, migrated database. The server uses it but does not close it. */
  storage: Storage;
  /** The build output holding `console/` and `widget/`. */
  distDir: string;
  /** Use X-Forwarded-For for client addresses (only behind a proxy you run). */
  trustProxy?: boolean;
  version?: string;
  now?: () => number;
  logger?: FastifyServerOptions['logger'];
  /** Events one socket may send (burst and refill per second). */
  socketRateLimit?: RateLimit;
  /** Sockets, new connections and chat starts per network address. */
  addressLimits?: Partial<AddressLimitOptions>;
  loginThrottle?: Partial<Omit<LoginThrottleOptions, 'now'>>;
  /** Sites that may frame the widget's chat panel (`--widget-origins`); default any. */
  widgetOrigins?: '*' | readonly string[];
  /** Transfer timeout, presence grace, patron return period (short ones in tests). */
  timings?: Partial<ChatTimings>;
  /** STUN and TURN servers for screen sharing; none by default (peers on one network still connect). */
  ice?: IceSettings;
  /** This node's name in logs, metrics and `/ready`. */
  nodeId?: string;
  /**
   * In a cluster (REDIS_URL): Redis for commands (rate limits, readiness) and for the socket.io
   * streams adapter. The caller opens and closes them (cluster/redis-link.ts).
   */
  cluster?: { commands: RedisLink; adapter: RedisLink };
}

export interface DeskbellServer {
  app: FastifyInstance;
  io: DeskbellIo;
  /** Disconnects every socket and stops the HTTP server (the database stays open). */
  close(): Promise<void>;
  /** Answers not ready from now on, so a load balancer drains the node before it closes. */
  drain(): void;
}

/** The engine.io connection under every socket.io socket (one per browser tab). */
interface EngineConnection {
  request: IncomingMessage;
  once(event: 'close', listener: () => void): void;
}

/** Largest socket.io packet: a full message is 4,000 characters, so 100 kB leaves room and stops floods early. */
const MAX_SOCKET_PACKET_BYTES = 100_000;

/**
 * Builds the Deskbell server: fastify for HTTP, socket.io attached to the same
 * http.Server, the `/operator` and `/patron` namespaces. It never listens by
 * itself; main.ts (or a test) calls `app.listen`.
 */
export async function createDeskbellServer(deps: DeskbellServerDeps): Promise<DeskbellServer> {
  const now = deps.now ?? Date.now;
  const app = Fastify({
    logger: deps.logger ?? false,
    trustProxy: deps.trustProxy ?? false,
    bodyLimit: 64 * 1024,
  });
  // Attached by hand: fastify-socket.io does not install with fastify 5.
  const nodeId = deps.nodeId ?? 'deskbell';
  // Shared through Redis in a cluster, so a node cannot be used to get round them.
  const makeLimiter = deps.cluster ? redisLimiters(deps.cluster.commands.client) : memoryLimiters;
  const addressLimits = new AddressLimits(
    { ...DEFAULT_ADDRESS_LIMITS, ...deps.addressLimits },
    deps.trustProxy ?? false,
    makeLimiter,
  );
  // What one turn writes to a connection leaves in one system call (coalesced-writes.ts).
  app.server.on('connection', coalesceWrites);
  const io: DeskbellIo = new Server(app.server, {
    serveClient: false,
    maxHttpBufferSize: MAX_SOCKET_PACKET_BYTES,
    allowRequest: addressLimits.allowRequest,
    // Rooms span the cluster's nodes (cluster-adapter.ts); alone, socket.io's in-memory adapter.
    ...(deps.cluster ? { adapter: clusterAdapter(deps.cluster.adapter.client) } : {}),
  });
  io.engine.on('connection', (connection: EngineConnection) =>
    addressLimits.opened(connection.request, (listener) => connection.once('close', listener)),
  );
  const operators = io.of(OPERATOR_NAMESPACE) as unknown as OperatorNamespace;
  const patrons = io.of(PATRON_NAMESPACE) as unknown as PatronNamespace;
  const repos = createRepositories(deps.storage.db);
  const timings = resolveChatTimings(deps.timings);
  const metrics = new NodeMetrics(nodeId, {
    socketsIn: (namespace) => (namespace === 'operator' ? operators : patrons).sockets.size,
    waitingChats: () => repos.queue.countWaiting(),
  });
  const readiness = new ReadinessProbe({
    storage: deps.storage,
    redis: deps.cluster?.commands,
    metrics,
    nodeId,
  });

  // Both of this node's Redis connections: the adapter's (its subscriptions) and the commands'.
  const clusterWatch = deps.cluster
    ? watchRedisLinks([deps.cluster.adapter.client, deps.cluster.commands.client])
    : ONE_NODE;

  const ctx: DeskbellContext = {
    repos,
    operators,
    patrons,
    presence: new PresenceService(operators, repos.accounts, {
      graceMs: timings.presenceGraceMs,
      now,
      statusLog: new StatusLog(deps.storage.db, now),
      watch: clusterWatch,
    }),
    now,
    log: app.log,
    trustProxy: deps.trustProxy ?? false,
    // Counted in this node's memory even in a cluster: a socket lives on one node, and a Redis round
    // trip on every event would only delay each one (the address limits above are shared).
    socketEvents: socketEventLimiter(deps.socketRateLimit ?? DEFAULT_SOCKET_RATE_LIMIT),
    addressLimits,
    timings,
    patronPresence: new PatronPresenceTracker({
      operators,
      patrons,
      settleMs: timings.patronSettleMs,
      now,
      log: app.log,
      watch: clusterWatch,
      // Called only after the settle period, when ctx is long built.
      settled: async (chatId, since) => void (await recordPatronAway(ctx, chatId, since)),
    }),
    inFlight: new InFlight(),
    ice: deps.ice ?? NO_ICE,
    metrics,
    clusterWatch,
  };
  setUpOperatorNamespace(ctx);
  setUpPatronNamespace(ctx);
  const stopUpkeep = startChatUpkeep(ctx);
  const stopDeskWatch = startDeskWatch(ctx);

  await registerHttp(app, {
    storage: deps.storage,
    repos,
    operators,
    now,
    distDir: deps.distDir,
    trustProxy: deps.trustProxy ?? false,
    ...(deps.widgetOrigins ? { widgetOrigins: deps.widgetOrigins } : {}),
    ...(deps.loginThrottle ? { loginThrottle: deps.loginThrottle } : {}),
    makeLimiter,
  });
  registerOperationsRoutes(app, { readiness, metrics });
  registerAdminRoutes(app, ctx);
  registerDepartmentRoutes(app, ctx);
  registerEscalationRoutes(app, ctx);
  registerReportRoutes(app, ctx);
  registerDeskSettingsRoutes(app, ctx);

  return {
    app,
    io,
    /**
     * In this order: no new timers or connections; every socket says goodbye (its disconnect
     * handlers start their bookkeeping); HTTP stops; then wait for that bookkeeping and any handler
     * still running, so the caller may close the database safely afterwards.
     */
    drain: () => readiness.markClosing(),
    async close() {
      readiness.markClosing();
      stopUpkeep();
      await stopDeskWatch();
      operators.disconnectSockets(true);
      patrons.disconnectSockets(true);
      io.engine.close();
      await app.close();
      await ctx.inFlight.drain();
      ctx.presence.stop();
      ctx.patronPresence.stop();
      // The cluster adapter's read loops stop with their namespaces' adapters.
      await Promise.all([...io._nsps.values()].map((namespace) => namespace.adapter.close()));
    },
  };
}
