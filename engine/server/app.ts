// Builds the express application: JSON API under /api, one folder of routes per resource, one error middleware.
import express, { type Express } from 'express';
import { analysisRoutes } from './analysis/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { caseRoutes } from './cases/routes.ts';
import { clueRoutes } from './clues/routes.ts';
import { entityRoutes } from './entities/routes.ts';
import { errorMiddleware, notFoundRoute } from './errors.ts';
import { exportRoutes } from './exports/routes.ts';
import { healthRoutes } from './health/routes.ts';
import { planRoutes } from './ingest/plan.ts';
import { ingestRoutes } from './ingest/routes.ts';
import { methodNotAllowed } from './methods.ts';
import { openApiRoutes } from './openapi/routes.ts';
import { profileRoutes } from './profiles/routes.ts';
import { type ApiRoute, mountRoutes } from './route.ts';
import { schemaRoutes } from './schema/routes.ts';
import { type ApiServices, type AppDeps, createServices } from './services.ts';
import { mountViewer } from './static.ts';
import { templateRoutes } from './templates/routes.ts';
import { userRoutes } from './users/routes.ts';

export type { AppDeps } from './services.ts';

/** Every API route, in documentation order. */
export const API_ROUTES: readonly ApiRoute[] = [
  ...healthRoutes,
  ...authRoutes,
  ...schemaRoutes,
  ...entityRoutes,
  ...analysisRoutes,
  ...clueRoutes,
  ...caseRoutes,
  ...templateRoutes,
  ...ingestRoutes,
  ...planRoutes,
  ...profileRoutes,
  ...exportRoutes,
  ...userRoutes,
  ...auditRoutes,
];

const ALL_ROUTES: readonly ApiRoute[] = [...API_ROUTES, ...openApiRoutes(() => ALL_ROUTES)];

export interface QingfengApp extends Express {
  services: ApiServices;
}

export function createApp(deps: AppDeps): QingfengApp {
  const app = express() as unknown as QingfengApp;
  const services = createServices(deps);
  app.services = services;
  app.disable('x-powered-by');
  // Forwarded-for headers are anyone's to write: believe them only from the proxies the operator named.
  app.set('trust proxy', services.settings.trustProxy.length ? services.settings.trustProxy : false);
  app.use(express.json({ limit: '2mb' }));
  app.use(
    '/api',
    methodNotAllowed(() => ALL_ROUTES),
  );
  app.use('/api', mountRoutes(ALL_ROUTES, services));
  app.use('/api', notFoundRoute);
  mountViewer(app);
  app.use(errorMiddleware);
  return app;
}
