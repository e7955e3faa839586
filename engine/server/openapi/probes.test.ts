// The red team's probes: every user error a 4xx naming the field, undeclared methods 405, unknown paths 404 JSON.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../../../test/setup/api.ts';
import { cleanGraph } from '../../../test/setup/store.ts';

let api: TestApi;

beforeAll(async () => {
  await cleanGraph();
  api = await startApi();
});

afterAll(async () => {
  await api?.close();
});

/** node:http, because fetch refuses to send TRACE at all. */
// biome-ignore lint/suspicious/noExplicitAny: tests read answers field by field
function raw(method: string, path: string): Promise<{ status: number; allow?: string; body: any }> {
  return new Promise((done, fail) => {
    const req = request(`${api.base}/api${path}`, { method }, (res) => {
      let text = '';
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () =>
        done({
          status: res.statusCode ?? 0,
          allow: res.headers.allow,
          body: text ? JSON.parse(text) : undefined,
        }),
      );
    });
    req.on('error', fail);
    req.end();
  });
}

describe('user errors are 400 with the field at fault', () => {
  it.each([
    ['/analysis/keypersons', { since: '4989-41-03' }, 'query.since'],
    ['/analysis/communities', { until: '2025-02-30' }, 'query.until'],
    ['/analysis/trace', { account: 'x', since: '2025-13-01' }, 'query.since'],
    ['/analysis/keypersons', { since: '2023-02-29' }, 'query.since'],
  ])('%s %j', async (path, query, field) => {
    const res = await api.call('get', path, { token: 'analyst', query });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ id: 'request.invalid', field });
  });

  it('takes real dates, leap days included', async () => {
    const res = await api.call('get', '/analysis/keypersons', {
      token: 'analyst',
      query: { since: '2024-02-29', until: '2024-03-01T12:30' },
    });
    expect(res.status).toBe(200);
  });

  it('refuses an empty or partly numeric number instead of reading it as 0', async () => {
    for (const offset of ['', '1x', '1.5']) {
      const res = await api.call('get', '/ingest/jobs', { token: 'admin', query: { offset } });
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe('query.offset');
    }
    expect((await api.call('get', '/ingest/jobs', { token: 'admin', query: { offset: 0 } })).status).toBe(
      200,
    );
  });

  it('reads booleans as true or false only', async () => {
    const bad = await api.call('get', '/templates', { token: 'analyst', query: { builtin: 'AAA' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('query.builtin');
    const good = await api.call('get', '/templates', { token: 'analyst', query: { builtin: 'true' } });
    expect(good.status).toBe(200);
    expect(good.body.templates.every((t: { builtin: boolean }) => t.builtin)).toBe(true);
  });

  it('refuses a bare POST to a route with a body: no model run starts without one', async () => {
    // Jobs outlive an app (they are kept in the home), so count what this POST adds.
    const detectJobs = async () =>
      (await api.call('get', '/ingest/jobs', { token: 'admin', query: { kind: 'detect' } })).body.total;
    const before = await detectJobs();
    const res = await api.call('post', '/models/run', { token: 'admin' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ id: 'request.invalid', field: 'body' });
    expect(await detectJobs()).toBe(before);
  });

  it('refuses blank ids and bodies that change nothing', async () => {
    const blank = await api.call('get', '/clues/%20%20', { token: 'analyst' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.field).toBe('params.id');
    const nothing = await api.call('patch', '/users/analyst', { token: 'admin', body: { unknown: 1 } });
    expect(nothing.status).toBe(400);
    const onlyComment = await api.call('patch', '/cases/QF-2026-0001', {
      token: 'analyst',
      body: { comment: 'why' },
    });
    expect(onlyComment.status).toBe(400);
    const untitled = await api.call('post', '/cases', { token: 'analyst', body: {} });
    expect(untitled.status).toBe(400);
    expect(untitled.body.error.field).toBe('body.title');
  });

  it('refuses a status word the workflow does not know', async () => {
    const res = await api.call('get', '/clues', { token: 'analyst', query: { status: 'maybe' } });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('query.status.0');
    const known = await api.call('get', '/clues', { token: 'analyst', query: { status: ' NEW ,核查中' } });
    expect(known.status).toBe(200);
  });
});

describe('methods and paths', () => {
  it.each([
    ['TRACE', '/health'],
    ['PUT', '/clues'],
    ['DELETE', '/analysis/keypersons'],
    ['OPTIONS', '/auth/me'],
    // Declared GET only: not a case number, though `/cases/:id` takes PATCH.
    ['PATCH', '/cases/assignable'],
  ])('%s %s → 405 with Allow', async (method, path) => {
    const res = await raw(method, path);
    expect(res.status).toBe(405);
    expect(res.allow).toMatch(/\bGET\b/);
    expect(res.body.error.id).toBe('request.methodNotAllowed');
  });

  it('lists every method of a path in Allow, and HEAD follows GET', async () => {
    const res = await raw('PUT', '/cases');
    expect(res.allow).toBe('GET, HEAD, POST');
    expect((await raw('HEAD', '/health')).status).toBe(200);
  });

  it('answers an unknown /api path 404 in JSON', async () => {
    const res = await raw('GET', '/no/such/route');
    expect(res.status).toBe(404);
    expect(res.body.error.id).toBe('route.notFound');
  });
});
