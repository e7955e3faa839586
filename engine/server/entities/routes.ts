// /api/entities routes (being built).
import type { ApiRoute } from '../route.ts';

export const entityRoutes: ApiRoute[] = [];
