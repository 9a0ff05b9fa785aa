import type { FastifyBaseLogger } from 'fastify';
import type { ChatTimings } from './config/chat-timings';
import type { PatronPresenceTracker } from './patrons/patron-presence';
import type { PresenceService } from './presence/presence-service';
import type { Repositories } from './repositories';
import type { IceSettings } from './config/ice-config';
import type { InFlight } from './sockets/in-flight';
import type { NodeMetrics } from './cluster/node-metrics';
import type { ClusterWatch } from './cluster/census';
import type { AddressLimits } from './sockets/address-limits';
import type { EventLimiter } from './sockets/rate-limiter';
import type { OperatorNamespace, PatronNamespace } from './sockets/socket-types';

/** What every feature's handlers are given: storage, the two namespaces, presence, a clock and a log. */
export interface DeskbellContext {
  repos: Repositories;
  operators: OperatorNamespace;
  patrons: PatronNamespace;
  presence: PresenceService;
  now: () => number;
  log: FastifyBaseLogger;
  /** Take the patron's IP from X-Forwarded-For (first hop) instead of the connection. */
  trustProxy: boolean;
  /** Events per socket. */
  socketEvents: EventLimiter;
  /** Connections and chat starts per network address. */
  addressLimits: AddressLimits;
  timings: ChatTimings;
  /** Whether each chat's patron is connected (this node's view). */
  patronPresence: PatronPresenceTracker;
  /** Unfinished work that shutting down waits for before the database closes. */
  inFlight: InFlight;
  /** STUN and TURN for screen sharing (TURN credentials are minted per session from its secret). */
  ice: IceSettings;
  /** This node's Prometheus metrics (node-metrics.ts). */
  metrics: NodeMetrics;
  /** Whether a cluster-wide "who is connected" may say nobody (census.ts). */
  clusterWatch: ClusterWatch;
}
