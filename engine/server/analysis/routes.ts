// /api/analysis routes (being built).
import type { ApiRoute } from '../route.ts';

export const analysisRoutes: ApiRoute[] = [];
