// Graph analysis against the store: projections, and tracing, cycles and equity identical to equivalent Cypher.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectCase, projectWhole } from '../../engine/analysis/store/projection.ts';
import { resolveEntity } from '../../engine/analysis/store/resolve.ts';
import {
  communities,
  equity,
  fundTrace,
  keyPersonRanking,
  relationshipPaths,
  transferCycles,
} from '../../engine/analysis/store/service.ts';
import { InvalidInputError, NotFoundError } from '../../engine/errors.ts';
import type { Store } from '../../engine/store/gateway.ts';
import { ingestFiles } from '../../ingest/load/run.ts';
import { ID, UCC, writeDepartmentalFiles } from '../fixtures/departmental.ts';
import { runCli } from '../setup/cli.ts';
import { cleanGraph, testServerEnv } from '../setup/store.ts';

const FINBENCH = resolve('../shared/data/ldbc_finbench_example/snapshot');
const out = mkdtempSync(join(tmpdir(), 'qf-analysis-'));
const DAY = 86_400;
let store: Store;

describe('analysis on the FinBench snapshot', () => {
  let starts: string[] = [];
  beforeAll(async () => {
    store = await cleanGraph();
    await ingestFiles(store, [FINBENCH], { outDir: out });
    // The accounts that send most: the richest fan-outs for tracing.
    const rows = await store.read<{ a: string }>(
      `MATCH (a:Account)-[r:TRANSFER]->() WITH a, count(r) AS n ORDER BY n DESC, a.accountNo LIMIT 6
       RETURN a.accountNo AS a`,
    );
    starts = rows.map((r) => r.a);
  }, 300_000);

  it('projects every transfer once, with amount and time', async () => {
    const graph = await projectWhole(store, { types: ['TRANSFER'] });
    const [row] = await store.read<{ n: number }>(
      'MATCH (:Account)-[r:TRANSFER]->(:Account) RETURN count(r) AS n',
    );
    expect(graph.size).toBe(row!.n);
    expect(graph.size).toBeGreaterThan(10_000);
    graph.forEachEdge((_e, attrs) => {
      expect(attrs.amount).toBeGreaterThan(0);
      expect(Number.isFinite(attrs.time)).toBe(true);
    });
  });

  it('refuses a projection beyond its limit with analysis.limitExceeded', async () => {
    await expect(projectWhole(store, { types: ['TRANSFER'], maxEdges: 100 })).rejects.toMatchObject({
      id: 'analysis.limitExceeded',
    });
    await expect(projectWhole(store, { types: ['NO_SUCH'] })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('traces 3 time-ordered hops exactly as the equivalent Cypher does', async () => {
    for (const account of starts) {
      const ours = await fundTrace(store, { account, maxHops: 3, windowDays: 30 });
      const theirs = await store.read<{ ids: string[] }>(
        // A chain never passes the same account twice (money back at its origin is a cycle, not a trace).
        `MATCH p = (a:Account {accountNo: $account})-[:TRANSFER*1..3]->()
         WITH relationships(p) AS rs, nodes(p) AS ns
         WHERE all(i IN range(0, size(rs) - 2) WHERE rs[i].time < rs[i + 1].time)
           AND duration.inSeconds(rs[0].time, last(rs).time).seconds <= $window
           AND all(i IN range(0, size(ns) - 2) WHERE NOT ns[i] IN ns[i + 1..])
         RETURN [r IN rs | elementId(r)] AS ids`,
        { account, window: 30 * DAY },
      );
      const key = (ids: string[]) => ids.join('>');
      expect(new Set(ours.chains.map((c) => key(c.hops.map((h) => h.id))))).toEqual(
        new Set(theirs.map((r) => key(r.ids))),
      );
      expect(ours.truncated).toBe(false);
    }
    expect(starts.length).toBe(6);
  });

  it('finds the same time-ordered cycles as the equivalent Cypher', async () => {
    const ours = await transferCycles(store, { maxLen: 4, windowDays: 30 });
    const theirs = await store.read<{ ids: string[] }>(
      `MATCH p = (a:Account)-[:TRANSFER*2..4]->(a)
       WITH nodes(p) AS ns, relationships(p) AS rs
       WHERE all(i IN range(0, size(rs) - 2) WHERE rs[i].time < rs[i + 1].time)
         AND duration.inSeconds(rs[0].time, last(rs).time).seconds <= $window
         AND all(i IN range(0, size(ns) - 2) WHERE NOT ns[i] IN ns[i + 1..size(ns) - 1])
       RETURN [r IN rs | elementId(r)] AS ids`,
      { window: 30 * DAY },
    );
    const key = (ids: string[]) => ids.join('>');
    expect(new Set(ours.cycles.map((c) => key(c.hops.map((h) => h.id))))).toEqual(
      new Set(theirs.map((r) => key(r.ids))),
    );
    expect(ours.cycles.length).toBe(theirs.length);
  });

  it('computes ultimate owners as the sum over simple shareholding paths of the ratio products', async () => {
    const companies = await store.read<{ c: string }>(
      `MATCH (c:Company)<-[:SHAREHOLDER*2]-() WITH DISTINCT c ORDER BY c.creditCode LIMIT 8 RETURN c.creditCode AS c`,
    );
    expect(companies.length).toBeGreaterThan(0);
    for (const { c } of companies) {
      const ours = await equity(store, { company: c, threshold: 0.01 });
      const theirs = await store.read<{ key: string; ratio: number }>(
        `MATCH p = (o)-[:SHAREHOLDER*1..6]->(c:Company {creditCode: $c})
         WHERE NOT EXISTS { ()-[:SHAREHOLDER]->(o) } AND all(r IN relationships(p) WHERE r.ratio IS NOT NULL)
           AND all(i IN range(0, size(nodes(p)) - 2) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
         RETURN coalesce(o.idNumber, o.creditCode) AS key,
           sum(reduce(x = 1.0, r IN relationships(p) | x * r.ratio)) AS ratio`,
        { c },
      );
      const expected = theirs.filter((r) => r.ratio >= 0.01).sort((a, b) => a.key.localeCompare(b.key));
      const got = [...(ours.owners ?? [])].sort((a, b) => a.key.localeCompare(b.key));
      expect(got.map((o) => o.key)).toEqual(expected.map((r) => r.key));
      for (const [i, o] of got.entries()) expect(o.ratio).toBeCloseTo(expected[i]!.ratio, 9);
    }
  });
});

describe('analysis on departmental files', () => {
  beforeAll(async () => {
    store = await cleanGraph();
    const dir = mkdtempSync(join(tmpdir(), 'qf-analysis-dept-'));
    await writeDepartmentalFiles(dir);
    await ingestFiles(store, [dir], { outDir: out });
  }, 120_000);

  it('resolves bare keys and Label:key, and refuses unknown ones with NotFoundError', async () => {
    expect(await resolveEntity(store, ID.wife)).toBe(`Person:${ID.wife}`);
    expect(await resolveEntity(store, `Company:${UCC.roads}`)).toBe(`Company:${UCC.roads}`);
    await expect(resolveEntity(store, '000000000000000000')).rejects.toBeInstanceOf(NotFoundError);
    await expect(resolveEntity(store, '')).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('finds the shared address first, then the cadre → wife → holding → road company path', async () => {
    const result = await relationshipPaths(store, { source: ID.cadre, target: UCC.roads, maxHops: 4, k: 10 });
    const [shortest] = result.paths;
    expect(shortest?.hops).toBe(2);
    expect(shortest?.nodes[1]?.type).toBe('Address');
    const ownership = result.paths.find(
      (p) => p.edges.map((e) => e.type).join() === 'FAMILY,SHAREHOLDER,SHAREHOLDER',
    );
    expect(ownership?.nodes.map((n) => n.key)).toEqual([ID.cadre, ID.wife, UCC.holding, UCC.roads]);
    expect(result.paths.map((p) => p.hops)).toEqual(
      [...result.paths.map((p) => p.hops)].sort((a, b) => a - b),
    );
  });

  it('penetrates the holding layer: the wife controls 48% of the road company', async () => {
    const result = await equity(store, { company: UCC.roads });
    expect(result.owners?.map((o) => [o.key, Number(o.ratio.toFixed(6))])).toEqual([[ID.wife, 0.48]]);
    const reverse = await equity(store, { holder: ID.wife });
    expect(reverse.controls?.map((c) => c.key).sort()).toEqual([UCC.holding, UCC.roads].sort());
  });

  it('groups the cadre with his wife and ranks key persons with a reason', async () => {
    const found = await communities(store);
    const home = found.communities.find((c) => c.membersByType.Person?.some((p) => p.key === ID.cadre));
    expect(home?.membersByType.Person?.map((p) => p.key)).toContain(ID.wife);
    expect(found.count).toBe(found.communities.length + found.singletons);
    const ranked = await keyPersonRanking(store, { top: 3 });
    expect(ranked.persons.length).toBe(3);
    expect(ranked.persons.map((p) => p.rank)).toEqual([1, 2, 3]);
    for (const p of ranked.persons) expect(p.reason).toMatch(/排名/);
  });

  it('answers `analyze ubo --json` in the documented shape', async () => {
    const run = await runCli(['analyze', 'ubo', '--company', UCC.roads, '--json'], testServerEnv());
    expect(run.code).toBe(0);
    const body = JSON.parse(run.stdout) as {
      owners: { key: string; name: string; ratio: number; paths: unknown[] }[];
    };
    expect(
      body.owners.map((o) => ({
        key: o.key,
        name: o.name,
        ratio: Number(o.ratio.toFixed(6)),
        paths: o.paths.length,
      })),
    ).toEqual([{ key: ID.wife, name: '王芳', ratio: 0.48, paths: 1 }]);
    const bad = await runCli(['analyze', 'ubo', '--company', UCC.roads, '--threshold', 'x'], testServerEnv());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('[cli.badOption]');
  }, 60_000);

  it('builds a case subgraph of the seeds and their k-hop neighbourhood', async () => {
    const one = await projectCase(store, { seeds: [`Person:${ID.cadre}`], hops: 1 });
    const two = await projectCase(store, { seeds: [`Person:${ID.cadre}`], hops: 2 });
    expect(one.hasNode(`Person:${ID.wife}`)).toBe(true);
    expect(one.hasNode(`Company:${UCC.holding}`)).toBe(false);
    expect(two.hasNode(`Company:${UCC.holding}`)).toBe(true);
    expect(two.order).toBeGreaterThan(one.order);
    expect(one.getNodeAttribute(`Person:${ID.wife}`, 'label')).toBe('王芳');
    await expect(projectCase(store, { seeds: ['Person:nobody'], hops: 1 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(projectCase(store, { seeds: [], hops: 1 })).rejects.toBeInstanceOf(InvalidInputError);
  });
});
