// Builds the express application: JSON API under /api, one router per resource, one error middleware.
import express, { type Express } from 'express';
import type { Store } from '../store/gateway.ts';
import { errorMiddleware, notFoundRoute } from './errors.ts';
import { healthRoutes } from './health/routes.ts';

export interface AppDeps {
  /** The store to use for this request; throws StoreError/EnvironmentError when none is reachable. */
  store: () => Store;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '2mb' }));
  const api = express.Router();
  api.use(healthRoutes(deps));
  app.use('/api', api);
  app.use('/api', notFoundRoute);
  app.use(errorMiddleware);
  return app;
}
