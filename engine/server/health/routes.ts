// GET /api/health: is the server up, and can it reach Neo4j (with the server's version)?
import { isEngineError } from '../../errors.ts';
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
        const s = store();
        const { version, edition } = await s.verify();
        return { status: 'ok', neo4j: { reachable: true, version, edition, uri: s.connection.uri } };
      } catch (error) {
        const id = isEngineError(error) ? error.id : 'store.unavailable';
        const message = error instanceof Error ? error.message : String(error);
        return {
          status: 503,
          headers: { 'Retry-After': '5' },
          body: { status: 'degraded', neo4j: { reachable: false }, error: { id, message } },
        };
      }
    },
  ),
];
