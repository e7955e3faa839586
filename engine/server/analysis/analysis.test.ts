// /api/analysis paths, fund trace and equity over the real app and Neo4j, with graph payloads, masking and audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, ID, UCC } from '../../../test/fixtures/departmental.ts';
import { type AnalysisFixture, expectDrawable, type Graph, loadAnalysisFixture, masked } from './fixture.ts';

let fx: AnalysisFixture;
let api: AnalysisFixture['api'];
let store: AnalysisFixture['store'];
let idOf: AnalysisFixture['idOf'];
const get: AnalysisFixture['get'] = (...args) => fx.get(...args);

beforeAll(async () => {
  fx = await loadAnalysisFixture();
  ({ api, store, idOf } = fx);
}, 300_000);

afterAll(async () => {
  await fx?.api.close();
});

describe('GET /api/analysis/paths', () => {
  it('finds the shared address first and the wife → holding → road company chain, with element ids', async () => {
    const res = await get('paths', { from: idOf.get(ID.cadre)!, to: `Company:${UCC.roads}`, k: 10 });
    expect(res.status).toBe(200);
    expect(res.body.from).toMatchObject({ id: idOf.get(ID.cadre), type: 'Person', key: ID.cadre });
    expect(res.body.to.id).toBe(idOf.get(UCC.roads));
    const paths = res.body.paths as {
      hops: number;
      nodes: { id: string; key: string; type: string }[];
      edges: { id: string; type: string }[];
    }[];
    expect(paths[0]!.hops).toBe(2);
    expect(paths[0]!.nodes[1]!.type).toBe('Address');
    const ownership = paths.find(
      (p) => p.edges.map((e) => e.type).join() === 'FAMILY,SHAREHOLDER,SHAREHOLDER',
    );
    expect(ownership?.nodes.map((n) => n.id)).toEqual(
      [ID.cadre, ID.wife, UCC.holding, UCC.roads].map((k) => idOf.get(k)),
    );
    expectDrawable(
      res.body.graph,
      paths.flatMap((p) => p.nodes.map((n) => n.id)),
      paths.flatMap((p) => p.edges.map((e) => e.id)),
    );
    expect(res.body.graph.edges).toHaveLength(new Set(paths.flatMap((p) => p.edges.map((e) => e.id))).size);
  });

  it('masks ID numbers for a viewer in the answer and its graph', async () => {
    const res = await get('paths', { from: ID.cadre, to: UCC.roads }, 'viewer');
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(ID.cadre);
    expect(text).not.toContain(ID.wife);
    expect(res.body.from.key).toBe(masked(ID.cadre));
    expect((res.body.graph as Graph).nodes.find((n) => n.label === '陈建国')?.key).toBe(masked(ID.cadre));
  });

  it('refuses bad arguments with the field, unknown entities with 404, and anonymous callers with 401', async () => {
    expect((await get('paths', { from: ID.cadre })).body.error).toMatchObject({
      id: 'request.invalid',
      field: 'query.to',
    });
    expect((await get('paths', { from: ID.cadre, to: UCC.roads, maxHops: 99 })).body.error.field).toBe(
      'query.maxHops',
    );
    const badType = await get('paths', { from: ID.cadre, to: UCC.roads, types: 'FAMILY,NOPE' });
    expect(badType.status).toBe(400);
    expect(badType.body.error.field).toMatch(/^query\.types/);
    const same = await get('paths', { from: ID.cadre, to: `Person:${ID.cadre}` });
    expect(same.body.error.field).toBe('query.to');
    const window = await get('paths', {
      from: ID.cadre,
      to: UCC.roads,
      since: '2024-01-01',
      until: '2023-01-01',
    });
    expect(window.body.error.field).toBe('query.until');
    const unknown = await get('paths', { from: '000000000000000000', to: UCC.roads });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ id: 'entity.notFound', field: 'query.from' });
    const anonymous = await api.call('get', '/analysis/paths', { query: { from: ID.cadre, to: UCC.roads } });
    expect(anonymous.status).toBe(401);
  });
});

describe('GET /api/analysis/trace', () => {
  it('traces the village money forward, chain by chain, with the edges in the graph', async () => {
    const res = await get('trace', { account: ACCOUNTS.village, maxHops: 3 });
    expect(res.status).toBe(200);
    expect(res.body.account.id).toBe(idOf.get(ACCOUNTS.village));
    const endpoints = res.body.endpoints as { key: string; total: number; minHops: number; id: string }[];
    // Largest totals first.
    expect(endpoints.map((e) => [e.key, e.total, e.minHops])).toEqual([
      [ACCOUNTS.company, 120_000, 1],
      [ACCOUNTS.wife, 118_000, 2],
      ['6217000077770000', 50_000, 3],
      [`UNKNOWN:${ACCOUNTS.village}:?`, 5_000, 1],
      ['6217000088880000', 2_000, 2],
    ]);
    expect(endpoints[1]!.id).toBe(idOf.get(ACCOUNTS.wife));
    expect(res.body).toMatchObject({ endpointCount: 5, chainCount: 5, truncated: false });
    const chains = res.body.chains as { hops: { id: string; from: { id: string }; to: { id: string } }[] }[];
    expect(chains).toHaveLength(5);
    expectDrawable(
      res.body.graph,
      endpoints.map((e) => e.id),
      chains.flatMap((c) => c.hops.map((h) => h.id)),
    );
    expect(res.body.graph.nodes).toHaveLength(6);
    expect(res.body.graph.edges).toHaveLength(5);
    // Chains carrying most first: 120 000 alone, then on through 118 000, then on through 50 000.
    expect(chains.slice(0, 3).map((c) => c.hops.length)).toEqual([1, 2, 3]);
    const cut = await get('trace', { account: ACCOUNTS.village, maxHops: 3, chains: 2, endpoints: 1 });
    expect(cut.body).toMatchObject({ endpointCount: 5, chainCount: 5 });
    expect(cut.body.endpoints.map((e: { key: string }) => e.key)).toEqual([ACCOUNTS.company]);
    expect(cut.body.chains).toHaveLength(2);
    expect(cut.body.graph.edges).toHaveLength(2);
    const windowed = await get('trace', { account: ACCOUNTS.village, maxHops: 3, windowDays: 1 });
    expect(windowed.body.chains).toHaveLength(2);
    const backward = await get('trace', { account: ACCOUNTS.wife, direction: 'in', maxHops: 2 });
    expect(backward.body.endpoints.map((e: { key: string }) => e.key).sort()).toEqual(
      [ACCOUNTS.company, ACCOUNTS.village].sort(),
    );
  });

  it('refuses a person as the account, a bad direction, and a ratio below zero', async () => {
    const person = await get('trace', { account: ID.cadre });
    expect(person.status).toBe(404);
    expect(person.body.error).toMatchObject({ id: 'entity.notFound', field: 'query.account' });
    const labelled = await get('trace', { account: `Person:${ID.cadre}` });
    expect(labelled.status).toBe(400);
    expect(labelled.body.error).toMatchObject({ id: 'entity.wrongType', field: 'query.account' });
    expect((await get('trace', { account: ACCOUNTS.village, direction: 'up' })).body.error.field).toBe(
      'query.direction',
    );
    expect((await get('trace', { account: ACCOUNTS.village, ratio: -1 })).body.error.field).toBe(
      'query.ratio',
    );
  });
});

describe('GET /api/analysis/ubo', () => {
  it('penetrates the holding layer: the wife owns 48% of the road company, with ids on rows and steps', async () => {
    const res = await get('ubo', { company: UCC.roads });
    expect(res.status).toBe(200);
    expect(res.body.company.id).toBe(idOf.get(UCC.roads));
    const [owner] = res.body.owners;
    expect(res.body.owners).toHaveLength(1);
    expect(owner).toMatchObject({ id: idOf.get(ID.wife), type: 'Person', key: ID.wife, name: '王芳' });
    expect(owner.ratio).toBeCloseTo(0.48, 9);
    expect(owner.paths[0].map((s: { id: string }) => s.id)).toEqual(
      [ID.wife, UCC.holding, UCC.roads].map((k) => idOf.get(k)),
    );
    const graph = res.body.graph as Graph;
    expect(graph.nodes.map((n) => n.key).sort()).toEqual([ID.wife, UCC.holding, UCC.roads].sort());
    expect(graph.edges.map((e) => e.type)).toEqual(['SHAREHOLDER', 'SHAREHOLDER']);
    expectDrawable(graph, [owner.id]);
  });

  it('answers the reverse question for a holder, masked for an investigator', async () => {
    const res = await get('ubo', { holder: ID.wife }, 'investigator');
    expect(res.body.holder.key).toBe(masked(ID.wife));
    expect(res.body.controls.map((c: { key: string }) => c.key).sort()).toEqual(
      [UCC.holding, UCC.roads].sort(),
    );
    expect(JSON.stringify(res.body)).not.toContain(ID.wife);
  });

  it('wants exactly one of company and holder, a company for company, a threshold within 0–1', async () => {
    expect((await get('ubo', {})).body.error).toMatchObject({
      id: 'request.invalid',
      field: 'query.company',
    });
    expect((await get('ubo', { company: UCC.roads, holder: ID.wife })).body.error.field).toBe('query.holder');
    const person = await get('ubo', { company: `Person:${ID.wife}` });
    expect(person.body.error).toMatchObject({ id: 'entity.wrongType', field: 'query.company' });
    expect((await get('ubo', { company: UCC.roads, threshold: 2 })).body.error.field).toBe('query.threshold');
  });
});

describe('audit of analyses', () => {
  it('records every analysis with its user, target and row count', async () => {
    await get('paths', { from: ID.cadre, to: UCC.roads, k: 2 }, 'viewer');
    await get('trace', { account: ACCOUNTS.village }, 'viewer');
    await get('ubo', { company: UCC.roads }, 'viewer');
    await get('communities', { limit: 2 }, 'viewer');
    await get('keypersons', { top: 2 }, 'viewer');
    await api.app.services.audit.flush();
    const rows = await store.read<{ action: string; target: string | null; rows: number; outcome: string }>(
      `MATCH (a:AuditEntry {user: 'viewer'}) WHERE a.action STARTS WITH 'analysis.'
       RETURN a.action AS action, a.target AS target, a.rows AS rows, a.outcome AS outcome ORDER BY a.at`,
    );
    expect(rows.slice(-5)).toEqual([
      {
        action: 'analysis.paths',
        target: `Person:${ID.cadre} → Company:${UCC.roads}`,
        rows: 2,
        outcome: 'ok',
      },
      { action: 'analysis.trace', target: `Account:${ACCOUNTS.village}`, rows: 5, outcome: 'ok' },
      { action: 'analysis.ubo', target: `Company:${UCC.roads}`, rows: 1, outcome: 'ok' },
      { action: 'analysis.communities', target: null, rows: 2, outcome: 'ok' },
      { action: 'analysis.keypersons', target: null, rows: 2, outcome: 'ok' },
    ]);
  });
});
