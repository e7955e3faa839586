// The OpenAPI 3.1 document, generated from the same route declarations and zod schemas that validate requests.
import { z } from 'zod';
import { ROLE_SPECS, ROLES } from '../../auth/roles.ts';
import type { ApiRoute } from '../route.ts';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  });
  return rest as JsonSchema;
}

/** Path or query parameters: one OpenAPI parameter per property of an object schema. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || (object.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const ERROR_RESPONSE = { $ref: '#/components/responses/Error' };

/**
 * The error answers any route may give besides its own (`spec.responses`): a bad request (400), no session (401),
 * refused (403: role, query policy, cross-site cookie), nothing at a path parameter (404), a body over the limit
 * (413), too many requests (429), the server or store failing (500, 503), a query past its time (504).
 */
function errorStatuses(route: ApiRoute): number[] {
  const { spec } = route;
  return [
    400,
    ...(spec.access === 'public' ? [] : [401]),
    403,
    ...(spec.params ? [404] : []),
    ...(spec.body || spec.multipart ? [413] : []),
    429,
    500,
    503,
    504,
  ];
}

function operation(route: ApiRoute): JsonSchema {
  const { spec } = route;
  const responses: Record<string, unknown> = { [String(spec.status ?? 200)]: { description: 'OK' } };
  for (const status of errorStatuses(route)) responses[status] = ERROR_RESPONSE;
  for (const [status, description] of Object.entries(spec.responses ?? {})) {
    responses[status] = {
      description,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  const op: JsonSchema = {
    operationId: `${spec.method}${spec.path.replace(/[/:{}-](\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    tags: [spec.tag],
    summary: spec.summary,
    parameters: [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query')],
    responses,
    security: spec.access === 'public' ? [] : [{ bearer: [] }, { cookie: [] }],
  };
  if (spec.access !== 'public' && spec.access !== 'login') op['x-permission'] = spec.access;
  if (spec.audit) op['x-audit-action'] = spec.audit;
  if (spec.multipart) {
    op.requestBody = {
      required: true,
      content: { 'multipart/form-data': { schema: jsonSchema(spec.multipart) } },
    };
  } else if (spec.body) {
    op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(spec.body) } } };
  }
  return op;
}

export function openApiDocument(routes: readonly ApiRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = `/api${route.spec.path.replace(/:(\w+)/g, '{$1}')}`;
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[route.spec.method] = operation(route);
  }
  const roles = ROLES.map((r) => `- **${r}** (${ROLE_SPECS[r].zh}): ${ROLE_SPECS[r].permissions.join(', ')}`);
  return {
    openapi: '3.1.0',
    info: {
      title: '清风 Qingfeng API',
      version,
      description: [
        'Graph link analysis for anti-corruption and welfare-fraud investigation. Log in with `POST /api/auth/login`;',
        'send the token as `Authorization: Bearer …` (or the session cookie). ID numbers are masked for roles without clearance.',
        '',
        'Roles and permissions:',
        ...roles,
      ].join('\n'),
    },
    servers: [{ url: '/' }],
    tags: [...new Set(routes.map((r) => r.spec.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'qingfeng_session' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['id', 'message'],
              properties: {
                id: { type: 'string', description: 'Stable error id, e.g. request.invalid, auth.forbidden' },
                message: { type: 'string', description: 'Chinese and English' },
                field: { type: 'string', description: 'The request field at fault, e.g. query.limit' },
                details: { type: 'object' },
              },
            },
          },
        },
      },
      responses: {
        Error: {
          description: 'An error with a stable id',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
  };
}
