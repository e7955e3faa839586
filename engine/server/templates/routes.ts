// /api/templates routes (being built).
import type { ApiRoute } from '../route.ts';

export const templateRoutes: ApiRoute[] = [];
