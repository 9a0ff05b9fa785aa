import type { FastifyInstance } from 'fastify';
import type { NodeMetrics } from '../cluster/node-metrics';
import type { ReadinessProbe } from '../cluster/readiness';

/**
 * For the load balancer and the monitoring: `GET /ready` (200 when this node
 * can serve: its database answers, and Redis when it is in a cluster; 503
 * with what is missing otherwise, and while it shuts down) and
 * `GET /metrics` (Prometheus text). `/health` (health-route.ts) stays the
 * liveness check. Keep `/metrics` to your own network at the proxy (the
 * README's HAProxy configuration does).
 */
export function registerOperationsRoutes(
  app: FastifyInstance,
  deps: { readiness: ReadinessProbe; metrics: NodeMetrics },
): void {
  app.get('/ready', async (_request, reply) => {
    const readiness = await deps.readiness.check();
    return reply.code(readiness.ready ? 200 : 503).send(readiness);
  });
  app.get('/metrics', async (_request, reply) => {
    const text = await deps.metrics.render();
    return reply.type(deps.metrics.contentType).send(text);
  });
}
