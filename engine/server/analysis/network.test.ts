// /api/analysis communities and key persons over the real app and Neo4j, and their OpenAPI description.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ID } from '../../../test/fixtures/departmental.ts';
import { type AnalysisFixture, expectDrawable, loadAnalysisFixture, masked } from './fixture.ts';

let fx: AnalysisFixture;
let api: AnalysisFixture['api'];
let idOf: AnalysisFixture['idOf'];
const get: AnalysisFixture['get'] = (...args) => fx.get(...args);

beforeAll(async () => {
  fx = await loadAnalysisFixture();
  ({ api, idOf } = fx);
}, 300_000);

afterAll(async () => {
  await fx?.api.close();
});

describe('GET /api/analysis/communities and /keypersons', () => {
  it('groups the cadre with his wife, with membership and a drawable graph', async () => {
    const res = await get('communities', { seed: 1 });
    expect(res.status).toBe(200);
    const cadre = idOf.get(ID.cadre)!;
    const home = res.body.membership[cadre];
    expect(res.body.membership[idOf.get(ID.wife)!]).toBe(home);
    const listed = res.body.communities as {
      community: number;
      size: number;
      clueCount: number;
      membersByType: Record<string, { id: string }[]>;
    }[];
    expect(listed.map((c) => c.size)).toEqual([...listed.map((c) => c.size)].sort((a, b) => b - a));
    const community = listed.find((c) => c.community === home)!;
    expect(community.membersByType.Person!.map((p) => p.id)).toContain(cadre);
    expect(res.body.count).toBe(res.body.total + res.body.singletons);
    // Clues are counted in the community of their subject.
    const elders = listed.filter((c) => c.membersByType.Person?.some((p) => p.id === idOf.get(ID.elder)));
    expect(elders.map((c) => c.clueCount)).toEqual([1]);
    expect(listed.reduce((n, c) => n + c.clueCount, 0)).toBe(1);
    expectDrawable(res.body.graph, Object.keys(res.body.membership));
    expect(res.body.graph.nodes).toHaveLength(Object.keys(res.body.membership).length);
    expect(res.body.graph.edges.length).toBeGreaterThan(0);
    const top = await get('communities', { seed: 1, limit: 1, graphNodes: 2 });
    expect(top.body.communities).toHaveLength(1);
    expect(top.body.graph.nodes).toHaveLength(2);
    expect(top.body.graphTruncated).toBe(true);
    const few = await get('communities', { seed: 1, members: 1 });
    for (const c of few.body.communities as {
      size: number;
      memberCounts: Record<string, number>;
      membersByType: Record<string, unknown[]>;
    }[]) {
      expect(Object.values(c.memberCounts).reduce((a, b) => a + b, 0)).toBe(c.size);
      for (const members of Object.values(c.membersByType)) expect(members).toHaveLength(1);
    }
  });

  it('keeps to the seeds’ neighbourhood when seeds are given', async () => {
    const whole = await get('communities', { seed: 1 });
    const around = await get('communities', { seed: 1, seeds: ID.cadre, hops: 1, types: 'FAMILY' });
    expect(around.status).toBe(200);
    // The cadre and his household family: wife and son.
    expect(around.body.nodes).toBe(3);
    expect(around.body.nodes).toBeLessThan(whole.body.nodes);
    const unknown = await get('communities', { seeds: `${ID.cadre},Person:nobody` });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.field).toBe('query.seeds.1');
  });

  it('refuses a projection beyond maxNodes with analysis.limitExceeded naming the field', async () => {
    const res = await get('communities', { maxNodes: 3 });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ id: 'analysis.limitExceeded', field: 'query.maxNodes' });
  });

  it('ranks key persons with reasons, ids in the graph, reasons in English on request', async () => {
    const res = await get('keypersons', { top: 3 });
    expect(res.status).toBe(200);
    const persons = res.body.persons as { id: string; key: string; rank: number; reason: string }[];
    expect(persons.map((p) => p.rank)).toEqual([1, 2, 3]);
    expect(persons.map((p) => p.key)).toEqual([ID.wife, ID.brotherInLaw, ID.cadre]);
    expect(persons.map((p) => p.id)).toEqual([ID.wife, ID.brotherInLaw, ID.cadre].map((k) => idOf.get(k)));
    for (const p of persons) expect(p.reason).toMatch(/排名/);
    expectDrawable(
      res.body.graph,
      persons.map((p) => p.id),
    );
    expect(res.body.graph.edges.map((e: { type: string }) => e.type)).toContain('FAMILY');
    const english = await api.call('get', '/analysis/keypersons', {
      token: 'viewer',
      query: { top: 1, lang: 'en' },
    });
    expect(english.body.persons[0].reason).toMatch(/rank/);
    expect(english.body.persons[0].key).toBe(masked(ID.wife));
    expect((await get('keypersons', { top: 0 })).body.error.field).toBe('query.top');
  });
});

describe('GET /api/openapi.json', () => {
  it('documents the entity and analysis routes with their parameters, permission and audit action', async () => {
    const res = await api.call('get', '/openapi.json');
    expect(res.status).toBe(200);
    const paths = res.body.paths as Record<
      string,
      Record<
        string,
        {
          parameters: { name: string; required: boolean }[];
          'x-permission': string;
          'x-audit-action': string;
        }
      >
    >;
    for (const [path, action] of [
      ['/api/entities/search', 'entity.search'],
      ['/api/entities/{id}', 'entity.view'],
      ['/api/entities/{id}/neighbours', 'entity.expand'],
      ['/api/analysis/paths', 'analysis.paths'],
      ['/api/analysis/trace', 'analysis.trace'],
      ['/api/analysis/ubo', 'analysis.ubo'],
      ['/api/analysis/communities', 'analysis.communities'],
      ['/api/analysis/keypersons', 'analysis.keypersons'],
    ] as const) {
      expect(paths[path]?.get?.['x-permission']).toBe('graph.read');
      expect(paths[path]?.get?.['x-audit-action']).toBe(action);
    }
    const params = paths['/api/analysis/paths']!.get!.parameters;
    expect(
      params
        .filter((p) => p.required)
        .map((p) => p.name)
        .sort(),
    ).toEqual(['from', 'to']);
    expect(paths['/api/entities/search']!.get!.parameters.map((p) => p.name)).toEqual([
      'q',
      'types',
      'limit',
    ]);
  });
});
