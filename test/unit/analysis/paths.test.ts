// K shortest simple paths (Yen): exact lists on a hand-drawn graph, and agreement with brute force.
import { describe, expect, it } from 'vitest';
import { compareSequences, seededRng } from '../../../engine/analysis/common.ts';
import { kShortestPaths } from '../../../engine/analysis/paths.ts';
import { InvalidInputError, NotFoundError } from '../../../engine/errors.ts';
import { expectEngineError, graphOf } from './helpers/fixtures.ts';

//   A — B — D — F        A–C–D also 2 hops; E hangs off C and D; B→D carries two parallel edges.
//    \     /  \
//     C ——   E
const graph = graphOf([
  ['Person:A', 'Person:B', 'FAMILY'],
  ['Person:B', 'Person:D', 'FAMILY'],
  ['Person:B', 'Person:D', 'LEGAL_REP'],
  ['Person:A', 'Person:C', 'FAMILY'],
  ['Person:C', 'Person:D', 'FAMILY'],
  ['Person:C', 'Person:E', 'HAS_PHONE'],
  ['Person:E', 'Person:D', 'HAS_PHONE'],
  ['Person:D', 'Person:F', 'FAMILY'],
]);

const short = (ids: string[]) => ids.map((id) => id.slice('Person:'.length)).join('');

describe('kShortestPaths', () => {
  it('refuses bad arguments and unknown nodes', () => {
    for (const options of [{ k: 0 }, { maxHops: 0 }, { maxHops: 2.5 }, { edgeTypes: [] }, { directed: 'no' }])
      expectEngineError(
        () => kShortestPaths(graph, 'Person:A', 'Person:F', options as never),
        InvalidInputError,
        'analysis.badArgument',
      );
    expectEngineError(
      () => kShortestPaths(graph, 'Person:A', 'Person:A'),
      InvalidInputError,
      'analysis.badArgument',
    );
    expectEngineError(
      () => kShortestPaths(graph, 42 as never, 'Person:A'),
      InvalidInputError,
      'analysis.badArgument',
    );
    expectEngineError(
      () => kShortestPaths(graph, 'Person:A', 'Person:Z'),
      NotFoundError,
      'analysis.nodeNotFound',
    );
  });

  it('lists paths by hops, then by node ids, with one edge per hop', () => {
    const paths = kShortestPaths(graph, 'Person:A', 'Person:F', { k: 10 });
    // Every simple A–F path: F hangs off D only, and D is reached via B, via C, or via C and E.
    expect(paths.map((p) => short(p.nodes))).toEqual(['ABDF', 'ACDF', 'ACEDF']);
    expect(paths[0]).toEqual({
      nodes: ['Person:A', 'Person:B', 'Person:D', 'Person:F'],
      edges: ['e0', 'e1', 'e7'],
      hops: 3,
    });
    expect(paths[2]!.edges).toEqual(['e3', 'e5', 'e6', 'e7']);
  });

  it('honours k, maxHops, edge types and direction', () => {
    expect(kShortestPaths(graph, 'Person:A', 'Person:F', { k: 1 }).map((p) => short(p.nodes))).toEqual([
      'ABDF',
    ]);
    expect(kShortestPaths(graph, 'Person:A', 'Person:F', { maxHops: 3 }).map((p) => short(p.nodes))).toEqual([
      'ABDF',
      'ACDF',
    ]);
    expect(kShortestPaths(graph, 'Person:A', 'Person:F', { maxHops: 2 })).toEqual([]);
    expect(
      kShortestPaths(graph, 'Person:A', 'Person:F', { edgeTypes: ['FAMILY', 'HAS_PHONE'] }).map((p) =>
        short(p.nodes),
      ),
    ).toEqual(['ABDF', 'ACDF', 'ACEDF']);
    expect(kShortestPaths(graph, 'Person:A', 'Person:F', { edgeTypes: ['LEGAL_REP'] })).toEqual([]);
    // Directed: E → D exists, D → E does not; F is reachable only forward.
    expect(kShortestPaths(graph, 'Person:F', 'Person:A', { directed: true })).toEqual([]);
    expect(
      kShortestPaths(graph, 'Person:C', 'Person:F', { directed: true }).map((p) => short(p.nodes)),
    ).toEqual(['CDF', 'CEDF']);
  });

  it('agrees with brute-force enumeration on random graphs', () => {
    const rng = seededRng(11);
    for (let trial = 0; trial < 40; trial++) {
      const n = 7 + Math.floor(rng() * 5);
      const edges: Array<[string, string, string]> = [];
      for (let i = 0; i < n * 2; i++) {
        const a = Math.floor(rng() * n);
        const b = Math.floor(rng() * n);
        if (a !== b) edges.push([`Person:${a}`, `Person:${b}`, 'KNOWS']);
      }
      const g = graphOf(edges, [`Person:0`, `Person:1`]);
      const directed = trial % 2 === 0;
      const maxHops = 2 + (trial % 4);
      const expected = bruteForce(edges, 'Person:0', 'Person:1', directed, maxHops).slice(0, 6);
      const actual = kShortestPaths(g, 'Person:0', 'Person:1', { k: 6, maxHops, directed }).map(
        (p) => p.nodes,
      );
      expect(actual, `trial ${trial}`).toEqual(expected);
    }
  });
});

function bruteForce(
  edges: Array<[string, string, string]>,
  source: string,
  target: string,
  directed: boolean,
  maxHops: number,
): string[][] {
  const next = new Map<string, Set<string>>();
  const add = (a: string, b: string) => {
    const set = next.get(a) ?? new Set<string>();
    set.add(b);
    next.set(a, set);
  };
  for (const [a, b] of edges) {
    add(a, b);
    if (!directed) add(b, a);
  }
  const found: string[][] = [];
  const walk = (path: string[]) => {
    const last = path[path.length - 1]!;
    if (last === target) {
      found.push([...path]);
      return;
    }
    if (path.length > maxHops) return;
    for (const v of next.get(last) ?? []) if (!path.includes(v)) walk([...path, v]);
  };
  walk([source]);
  return found.sort((a, b) => a.length - b.length || compareSequences(a, b));
}
