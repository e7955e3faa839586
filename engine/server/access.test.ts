// The authorisation matrix: every declared route, called with no session and as each role, is let in or refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../../test/setup/api.ts';
import { cleanGraph } from '../../test/setup/store.ts';
import { can, ROLES } from '../auth/roles.ts';
import { API_ROUTES } from './app.ts';

let api: TestApi;

beforeAll(async () => {
  await cleanGraph();
  api = await startApi();
});

afterAll(async () => {
  await api?.close();
});

/** The route's path with placeholder ids: enough to reach the permission check, which comes before lookups. */
const concrete = (path: string) => path.replace(/:(\w+)/g, 'no-such-$1');
/** An empty JSON body where the method takes one. */
const bodyFor = (method: string) => (method === 'get' || method === 'delete' ? undefined : {});

// Logging out would end the shared session of the role under test.
const routes = API_ROUTES.filter((r) => r.spec.path !== '/auth/logout');

describe('authorisation matrix', () => {
  it('covers every route of every resource', () => {
    const tags = new Set(API_ROUTES.map((r) => r.spec.tag));
    for (const tag of [
      'auth',
      'users',
      'audit',
      'entities',
      'analysis',
      'clues',
      'templates',
      'ingest',
      'exports',
    ]) {
      expect(tags, tag).toContain(tag);
    }
  });

  it.each(
    routes.filter((r) => r.spec.access !== 'public').map((r) => [`${r.spec.method} ${r.spec.path}`, r]),
  )('%s: 401 without a session', async (_name, route) => {
    const res = await api.call(route.spec.method, concrete(route.spec.path), {
      body: bodyFor(route.spec.method),
    });
    expect(res.status).toBe(401);
    expect(res.body.error.id).toBe('auth.required');
  });

  const cases = routes.flatMap((r) =>
    ROLES.map((role) => [`${r.spec.method} ${r.spec.path} as ${role}`, r, role] as const),
  );
  it.each(cases)('%s', async (_name, route, role) => {
    const res = await api.call(route.spec.method, concrete(route.spec.path), {
      token: role,
      body: bodyFor(route.spec.method),
    });
    const access = route.spec.access;
    const allowed = access === 'public' || access === 'login' || can(role, access);
    if (allowed) {
      expect([401, 403]).not.toContain(res.status);
    } else {
      expect(res.status).toBe(403);
      expect(res.body.error.id).toBe('auth.forbidden');
    }
  });
});
