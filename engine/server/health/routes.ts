// GET /api/health (public): is the server up, and can it reach Neo4j (with Neo4j's version)? Nothing more.
import { isEngineError } from '../../errors.ts';
import { serverFaultMessage } from '../errors.ts';
import { defineRoute } from '../route.ts';

export const healthRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/health',
      tag: 'meta',
      summary: 'Server and Neo4j status',
      access: 'public',
      responses: { 503: 'Neo4j unreachable' },
    },
    async ({ store }) => {
      try {
        const { version } = await store().verify();
        // Anyone may ask: no URI, edition, path or host, only what a load balancer and a user need.
        return { status: 'ok', neo4j: { reachable: true, version } };
      } catch (error) {
        const id = isEngineError(error) ? error.id : 'store.unavailable';
        process.stderr.write(
          `[qingfeng] health: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        return {
          status: 503,
          headers: { 'Retry-After': '5' },
          body: {
            status: 'degraded',
            neo4j: { reachable: false },
            error: { id, message: serverFaultMessage(503) },
          },
        };
      }
    },
  ),
];
