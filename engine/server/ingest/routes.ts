// /api/ingest routes (being built).
import type { ApiRoute } from '../route.ts';

export const ingestRoutes: ApiRoute[] = [];
