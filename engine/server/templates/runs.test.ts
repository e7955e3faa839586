// Running templates and ad-hoc Cypher over the real app: rows and graph, typed parameters, roles, masking, audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../../../test/setup/api.ts';
import { CADRE, PERSON_BY_NAME, VILLAGE, writeTemplateFixture } from './fixture.ts';

const MASKED_CADRE = `${CADRE.slice(0, 6)}********${CADRE.slice(14)}`;

let api: TestApi;

beforeAll(async () => {
  await writeTemplateFixture();
  api = await startApi();
  const saved = await api.call('post', '/templates', { token: 'analyst', body: PERSON_BY_NAME });
  expect(saved.status).toBe(201);
});

afterAll(async () => {
  await api?.close();
});

describe('POST /api/templates/:id/run', () => {
  it('runs a builtin for an investigator: rows, graph payload, defaults applied, ID numbers masked', async () => {
    const res = await api.call('post', '/templates/village_cadre_company_payments/run', {
      token: 'investigator',
      body: { params: { village: ` ${VILLAGE} ` } },
    });
    expect(res.status).toBe(200);
    expect(res.body.template).toMatchObject({ id: 'village_cadre_company_payments', version: 1 });
    expect(res.body.params).toEqual({ village: VILLAGE, from: null, to: null, minAmount: 0 });
    expect(res.body.truncated).toBe(false);
    expect(res.body.columns).toContain('totalAmount');
    expect(res.body.rows).toHaveLength(1);
    expect(res.body.rows[0]).toMatchObject({
      company: '清溪县测试工程有限公司',
      cadre: '张三',
      linkedPerson: '李四',
    });
    expect(res.body.rows[0]).toMatchObject({ relation: '配偶', paymentCount: 2, totalAmount: 58000 });
    const types = res.body.graph.nodes.map((n: { type: string }) => n.type).sort();
    expect(types).toEqual(['Company', 'Person', 'Person', 'Village']);
    expect(res.body.graph.edges.map((e: { type: string }) => e.type).sort()).toEqual([
      'COLLECTIVE_PAYMENT',
      'COLLECTIVE_PAYMENT',
      'FAMILY',
      'HOLDS_POST',
      'LEGAL_REP',
    ]);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(CADRE);
    expect(text).toContain(MASKED_CADRE);
    expect(res.body.graph.nodes.find((n: { label: string }) => n.label === '张三').key).toBe(MASKED_CADRE);
    expect(res.body.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it('shows an analyst the ID numbers unmasked, and narrows by a typed parameter', async () => {
    const res = await api.call('post', '/templates/village_cadre_company_payments/run', {
      token: 'analyst',
      body: { params: { village: VILLAGE, minAmount: '10000', from: '2026-01-01' } },
    });
    expect(res.status).toBe(200);
    expect(res.body.rows[0]).toMatchObject({ paymentCount: 1, totalAmount: 50000 });
    expect(JSON.stringify(res.body.graph)).toContain(CADRE);
    const mine = await api.call('post', '/templates/person_by_name/run', {
      token: 'analyst',
      body: { params: { name: '张三' } },
    });
    expect(mine.body.rows.map((r: { idNumber: string }) => r.idNumber)).toEqual([CADRE]);
  });

  it('refuses bad values with template.badParam and the field, and a viewer with 403', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'params.village'],
      [{ village: VILLAGE, minAmount: 'many' }, 'params.minAmount'],
      [{ village: VILLAGE, from: '2026-02-30' }, 'params.from'],
      [{ village: VILLAGE, town: '青山镇' }, 'params.town'],
    ];
    for (const [params, field] of cases) {
      const res = await api.call('post', '/templates/village_cadre_company_payments/run', {
        token: 'investigator',
        body: { params },
      });
      expect(res.status, field).toBe(400);
      expect(res.body.error).toMatchObject({ id: 'template.badParam', field });
    }
    const viewer = await api.call('post', '/templates/transfer_cycles/run', { token: 'viewer', body: {} });
    expect(viewer.status).toBe(403);
    expect(viewer.body.error.id).toBe('auth.forbidden');
    expect((await api.call('post', '/templates/transfer_cycles/run', { body: {} })).status).toBe(401);
    const unknown = await api.call('post', '/templates/never_saved/run', { token: 'investigator', body: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.id).toBe('template.notFound');
    const badBody = await api.call('post', '/templates/transfer_cycles/run', {
      token: 'investigator',
      body: { params: {}, limit: 0 },
    });
    expect(badBody.body.error).toMatchObject({ id: 'request.invalid', field: 'body.limit' });
  });
});

describe('POST /api/cypher', () => {
  it('runs ad-hoc read-only Cypher for analysts and admins, with integers bound as integers', async () => {
    for (const role of ['analyst', 'admin'] as const) {
      const res = await api.call('post', '/cypher', {
        token: role,
        body: { cypher: 'MATCH (p:Person) RETURN p.name AS name ORDER BY name LIMIT $n', params: { n: 1 } },
      });
      expect(res.status, role).toBe(200);
      expect(res.body).toMatchObject({ columns: ['name'], rows: [{ name: '张三' }], truncated: false });
    }
  });

  it('refuses investigators and viewers (403), anonymous callers (401) and an empty text (400)', async () => {
    for (const role of ['investigator', 'viewer'] as const) {
      const res = await api.call('post', '/cypher', { token: role, body: { cypher: 'RETURN 1' } });
      expect(res.status, role).toBe(403);
      expect(res.body.error.id).toBe('auth.forbidden');
    }
    expect((await api.call('post', '/cypher', { body: { cypher: 'RETURN 1' } })).status).toBe(401);
    const empty = await api.call('post', '/cypher', { token: 'analyst', body: { cypher: '  ' } });
    expect(empty.body.error).toMatchObject({ id: 'request.invalid', field: 'body.cypher' });
  });
});

describe('the audit record', () => {
  it('holds each run with its parameters and row count, and each denial', async () => {
    await api.app.services.audit.flush();
    const runs = await api.call('get', '/audit', {
      token: 'admin',
      query: { action: 'template.run', limit: 100 },
    });
    expect(runs.status).toBe(200);
    const ok = runs.body.entries.find(
      (e: { user: string; outcome: string; target: string }) =>
        e.user === 'investigator' && e.outcome === 'ok' && e.target === 'village_cadre_company_payments',
    );
    expect(ok).toMatchObject({ rows: 1, status: 200 });
    expect(ok.params).toMatchObject({ template: 'village_cadre_company_payments', version: 1 });
    expect(ok.params.params).toMatchObject({ village: VILLAGE, minAmount: 0 });
    const denied = runs.body.entries.find((e: { user: string }) => e.user === 'viewer');
    expect(denied).toMatchObject({ outcome: 'denied', status: 403, errorId: 'auth.forbidden' });
    const bad = runs.body.entries.find((e: { errorId: string }) => e.errorId === 'template.badParam');
    expect(bad).toMatchObject({ outcome: 'failed', status: 400 });
    const adHoc = await api.call('get', '/audit', {
      token: 'admin',
      query: { action: 'cypher.run', user: 'analyst', outcome: 'ok' },
    });
    expect(adHoc.body.entries[0]).toMatchObject({ outcome: 'ok', rows: 1 });
    expect(adHoc.body.entries[0].params.cypher).toContain('MATCH (p:Person)');
  });
});
