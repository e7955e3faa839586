// GET /api/openapi.json: the API described from its own route declarations.
import type { ApiRoute } from '../route.ts';
import { defineRoute } from '../route.ts';
import { openApiDocument } from './document.ts';

const VERSION = '0.1.0';

/** Takes every other route, so the document always matches what is mounted. */
export function openApiRoutes(all: () => readonly ApiRoute[]): ApiRoute[] {
  let cached: Record<string, unknown> | undefined;
  return [
    defineRoute(
      {
        method: 'get',
        path: '/openapi.json',
        tag: 'meta',
        summary: 'This OpenAPI 3.1 document',
        access: 'public',
      },
      () => {
        cached ??= openApiDocument(all(), VERSION);
        return cached;
      },
    ),
  ];
}
