// /api/clues routes (being built).
import type { ApiRoute } from '../route.ts';

export const clueRoutes: ApiRoute[] = [];
