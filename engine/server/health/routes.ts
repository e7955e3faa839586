// GET /api/health: is the server up, and can it reach Neo4j (with the server's version)?
import { Router } from 'express';
import { isEngineError } from '../../errors.ts';
import type { AppDeps } from '../app.ts';

export function healthRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    try {
      const store = deps.store();
      const { version, edition } = await store.verify();
      res.json({ status: 'ok', neo4j: { reachable: true, version, edition, uri: store.connection.uri } });
    } catch (error) {
      const id = isEngineError(error) ? error.id : 'store.unavailable';
      const message = error instanceof Error ? error.message : String(error);
      res.status(503).json({ status: 'degraded', neo4j: { reachable: false }, error: { id, message } });
    }
  });
  return router;
}
