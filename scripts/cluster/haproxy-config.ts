/**
 * The HAProxy configuration for Deskbell nodes behind one address: the
 * README's production layout and `npm run cluster` both come from here, and
 * tests/integration/cluster-haproxy.test.ts runs it.
 *
 * - Health: a node is sent traffic only while `GET /ready` answers 200 (its
 *   database and Redis answer, and it is not shutting down).
 * - Sticky only for what needs it: engine.io's HTTP long-polling fallback
 *   must reach the node that holds its session, so a cookie pins a browser to
 *   a node; websockets (every Deskbell client tries them first) carry the
 *   cookie too but would work without it. When a node goes, the cookie's
 *   node is down and the request is dispatched to another (`redispatch`).
 * - WebSockets stay open for hours (`timeout tunnel`).
 * - `/metrics` is not served to the outside: scrape each node directly.
 */
export interface HaproxyNode {
  name: string;
  host: string;
  port: number;
}

export interface HaproxyOptions {
  bindHost: string;
  bindPort: number;
  nodes: readonly HaproxyNode[];
  /** How often each node's /ready is asked; two failures take it out, two successes put it back. */
  checkEveryMs?: number;
  /**
   * Connections at once (each open widget or console is one). HAProxy needs about two file
   * descriptors per connection: raise `ulimit -n` before raising this.
   */
  maxConnections?: number;
}

export function haproxyConfig(options: HaproxyOptions): string {
  const check = options.checkEveryMs ?? 1_000;
  const servers = options.nodes.map(
    (node) => `  server ${node.name} ${node.host}:${node.port} check inter ${check} fall 2 rise 2 cookie ${node.name}`,
  );
  return [
    'global',
    `  maxconn ${options.maxConnections ?? 8_000}`,
    '',
    'defaults',
    '  mode http',
    '  option forwardfor',
    '  option redispatch',
    '  retries 3',
    '  timeout connect 3s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout tunnel 8h',
    '',
    'frontend deskbell',
    `  bind ${options.bindHost}:${options.bindPort}`,
    '  http-request deny deny_status 404 if { path /metrics }',
    '  default_backend deskbell_nodes',
    '',
    'backend deskbell_nodes',
    '  balance leastconn',
    '  option httpchk GET /ready',
    '  http-check expect status 200',
    '  cookie deskbell_node insert indirect nocache httponly',
    ...servers,
    '',
  ].join('\n');
}
