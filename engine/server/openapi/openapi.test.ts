// The OpenAPI document: valid OpenAPI 3.1, and it describes exactly the routes that are mounted.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../../../test/setup/api.ts';
import { cleanGraph } from '../../../test/setup/store.ts';
import { API_ROUTES } from '../app.ts';

let api: TestApi;
// biome-ignore lint/suspicious/noExplicitAny: the document is inspected field by field
let doc: any;

beforeAll(async () => {
  await cleanGraph();
  api = await startApi({ seed: false });
  const res = await api.call('get', '/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
});

afterAll(async () => {
  await api?.close();
});

describe('/api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('documents every mounted route once, with a unique operation id', () => {
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`),
    );
    const mounted = [
      ...API_ROUTES.map((r) => `${r.spec.method} /api${r.spec.path.replace(/:(\w+)/g, '{$1}')}`),
      'get /api/openapi.json',
    ];
    expect(documented.sort()).toEqual(mounted.sort());
    const ids = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap(
      (ops) => Object.values(ops).map((o) => o.operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('derives parameters and bodies from the zod schemas, and marks protected routes', () => {
    const login = doc.paths['/api/auth/login'].post;
    expect(login.security).toEqual([]);
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    const audit = doc.paths['/api/audit'].get;
    expect(audit['x-permission']).toBe('audit.read');
    expect(audit.responses['403']).toBeDefined();
    const limit = audit.parameters.find((p: { name: string }) => p.name === 'limit');
    expect(limit).toMatchObject({ in: 'query', schema: { maximum: 1000 } });
    const user = doc.paths['/api/users/{username}'].get;
    expect(user.parameters[0]).toMatchObject({ name: 'username', in: 'path', required: true });
  });

  it('documents the error answers of every declared route, each with the error body', () => {
    for (const route of API_ROUTES) {
      const { method, path, access, params, body, multipart } = route.spec;
      const op = doc.paths[`/api${path.replace(/:(\w+)/g, '{$1}')}`][method];
      const expected = [400, 403, 429, 500, 503, 504];
      if (access !== 'public') expected.push(401);
      if (params) expected.push(404);
      if (body || multipart) expected.push(413);
      for (const status of expected) {
        const answer = op.responses[String(status)];
        expect(answer, `${method} ${path} ${status}`).toBeDefined();
        const schema = answer.$ref
          ? doc.components.responses.Error.content['application/json'].schema
          : answer.content['application/json'].schema;
        expect(schema.$ref, `${method} ${path} ${status}`).toBe('#/components/schemas/Error');
      }
    }
  });

  it('says in the document what the server refuses: dates, blanks, booleans, nothing to change', () => {
    const since = doc.paths['/api/analysis/keypersons'].get.parameters.find(
      (p: { name: string }) => p.name === 'since',
    );
    const date = new RegExp(since.schema.pattern);
    expect(['2024-02-29', '2025-12-31T23:59'].every((d) => date.test(d))).toBe(true);
    expect(['2025-02-30', '4989-41-03', '2023-02-29', '', '2025-01-01\n'].some((d) => date.test(d))).toBe(
      false,
    );
    const builtin = doc.paths['/api/templates'].get.parameters.find(
      (p: { name: string }) => p.name === 'builtin',
    );
    expect(builtin.schema.type).toBe('boolean');
    const clueId = doc.paths['/api/clues/{id}'].get.parameters[0].schema;
    expect(new RegExp(clueId.pattern).test('   ')).toBe(false);
    const change = doc.paths['/api/users/{username}'].patch.requestBody.content['application/json'].schema;
    expect(change.anyOf.length).toBeGreaterThan(0);
    const caseChange = doc.paths['/api/cases/{id}'].patch.requestBody.content['application/json'].schema;
    expect(caseChange.anyOf.map((a: { required: string[] }) => a.required[0])).not.toContain('comment');
    expect(doc.paths['/api/models/run'].post.requestBody.required).toBe(true);
  });
});
