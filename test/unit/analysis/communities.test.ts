// Community detection and modularity on hand-drawn graphs with known optimal partitions.
import { describe, expect, it } from 'vitest';
import { collapseUndirected, compactFromEdgeList } from '../../../engine/analysis/collapse.ts';
import { detectCommunities, partitionCompact } from '../../../engine/analysis/communities.ts';
import { modularity, modularityTerms } from '../../../engine/analysis/modularity.ts';
import { normalizedMutualInformation } from '../../../engine/analysis/nmi.ts';
import { InvalidInputError } from '../../../engine/errors.ts';
import { expectEngineError, graphOf, plantedPartition } from './helpers/fixtures.ts';

// Two triangles joined by one bridge C–D: the optimum is the two triangles, Q = 2 (3/7 − (7/14)²) = 5/14.
const triangles = graphOf(
  [
    ['Person:A', 'Person:B', 'FAMILY'],
    ['Person:B', 'Person:C', 'FAMILY'],
    ['Person:C', 'Person:A', 'FAMILY'],
    ['Person:C', 'Person:D', 'FAMILY'],
    ['Person:D', 'Person:E', 'FAMILY'],
    ['Person:E', 'Person:F', 'FAMILY'],
    ['Person:F', 'Person:D', 'FAMILY'],
  ],
  ['Person:G'],
);

describe('detectCommunities', () => {
  it('refuses bad arguments', () => {
    const bad = [
      { runs: 0 },
      { runs: 1.5 },
      { resolution: 0 },
      { seed: Number.NaN },
      { method: 'girvan' },
      { refine: 'yes' },
      { refinement: 'none' },
      { edgeTypes: [] },
      { weight: 'money' },
    ];
    for (const options of bad)
      expectEngineError(
        () => detectCommunities(triangles, options as never),
        InvalidInputError,
        'analysis.badArgument',
      );
    expectEngineError(() => detectCommunities({} as never), InvalidInputError, 'analysis.badArgument');
  });

  it('finds the two triangles, numbers the largest first, and leaves an isolated node alone', () => {
    for (const method of ['louvain', 'leiden', 'graphology'] as const) {
      const result = detectCommunities(triangles, { method });
      expect(result.count).toBe(3);
      expect(result.modularity).toBeCloseTo(5 / 14, 12);
      const { assignment: a } = result;
      expect(a['Person:A']).toBe(0);
      expect([a['Person:B'], a['Person:C']]).toEqual([0, 0]);
      expect([a['Person:D'], a['Person:E'], a['Person:F']]).toEqual([1, 1, 1]);
      expect(a['Person:G']).toBe(2);
    }
  });

  it('is deterministic for a seed and keeps the best of several runs', () => {
    const one = detectCommunities(triangles, { seed: 7 });
    expect(detectCommunities(triangles, { seed: 7 })).toEqual(one);
    const best = detectCommunities(triangles, { seed: 7, runs: 4 });
    expect(best.modularity).toBeGreaterThanOrEqual(one.modularity);
  });

  it('weighs by amount on request and filters edge types', () => {
    // A ring A–B–C–D–A: big transfers A–B and C–D, small ones B–C and D–A.
    const ring = graphOf([
      ['Account:A', 'Account:B', 'TRANSFER', { amount: 100 }],
      ['Account:B', 'Account:C', 'TRANSFER', { amount: 1 }],
      ['Account:C', 'Account:D', 'TRANSFER', { amount: 100 }],
      ['Account:D', 'Account:A', 'TRANSFER', { amount: 1 }],
      ['Account:A', 'Account:C', 'HAS_PHONE'],
    ]);
    const { assignment: a } = detectCommunities(ring, { weight: 'amount', edgeTypes: ['TRANSFER'] });
    expect(a['Account:A']).toBe(a['Account:B']);
    expect(a['Account:C']).toBe(a['Account:D']);
    expect(a['Account:A']).not.toBe(a['Account:C']);
  });

  it('recovers planted blocks that plain Louvain glues together', () => {
    // 10 blocks of 1000 people; each person knows ~12 inside the block and ~4 outside (μ = 0.25).
    const { graph, truth } = plantedPartition(10, 1000);
    const plain = detectCommunities(graph, { refine: false });
    const refined = detectCommunities(graph);
    expect(refined.count).toBe(10);
    expect(normalizedMutualInformation(truth, refined.assignment)).toBe(1);
    expect(refined.modularity).toBeGreaterThan(plain.modularity + 0.1);
    expect(normalizedMutualInformation(truth, plain.assignment)).toBeLessThan(0.9);
    // The same with graphology's Louvain underneath, and with Leiden's refinement instead of SLM's.
    for (const options of [{ method: 'graphology' }, { refinement: 'leiden' }] as const) {
      const other = detectCommunities(graph, options);
      expect(other.modularity, JSON.stringify(options)).toBeGreaterThan(plain.modularity + 0.1);
      expect(normalizedMutualInformation(truth, other.assignment)).toBeGreaterThan(0.95);
    }
  });

  it('handles empty and edgeless graphs', () => {
    expect(detectCommunities(graphOf([]))).toEqual({ assignment: {}, modularity: Number.NaN, count: 0 });
    const lonely = detectCommunities(graphOf([], ['Person:x', 'Person:y']));
    expect(lonely.count).toBe(2);
    expect(lonely.assignment).toEqual({ 'Person:x': 0, 'Person:y': 1 });
  });
});

describe('partitionCompact', () => {
  // The triangles graph as edge arrays: 0-1-2 and 3-4-5 joined by 2–3, node 6 alone.
  const compact = compactFromEdgeList(
    Int32Array.from([0, 1, 2, 2, 3, 4, 5]),
    Int32Array.from([1, 2, 0, 3, 4, 5, 3]),
    undefined,
    7,
  );

  it('numbers communities like detectCommunities, without any graphology graph', () => {
    const result = partitionCompact(compact);
    expect([...result.membership]).toEqual([0, 0, 0, 1, 1, 1, 2]);
    expect(result.count).toBe(3);
    expect(result.modularity).toBeCloseTo(5 / 14, 12);
    // The same graph through graphology gives the same answer.
    const viaGraph = partitionCompact(collapseUndirected(triangles));
    expect(viaGraph).toEqual(result);
    expect(partitionCompact(compact, { seed: 3 })).toEqual(partitionCompact(compact, { seed: 3 }));
  });

  it('handles the empty and the edgeless graph', () => {
    const empty = partitionCompact(compactFromEdgeList(new Int32Array(0), new Int32Array(0), undefined, 0));
    expect(empty.count).toBe(0);
    expect(empty.membership.length).toBe(0);
    expect(empty.modularity).toBeNaN();
    const edgeless = partitionCompact(
      compactFromEdgeList(new Int32Array(0), new Int32Array(0), undefined, 3),
    );
    expect([...edgeless.membership]).toEqual([0, 1, 2]);
    expect(edgeless.count).toBe(3);
  });

  it('refuses bad arguments', () => {
    const bad = [
      null,
      { runs: 0 },
      { resolution: -1 },
      { method: 'girvan' },
      { refine: 1 },
      { refinement: 'x' },
    ];
    for (const options of bad)
      expectEngineError(
        () => partitionCompact(compact, options as never),
        InvalidInputError,
        'analysis.badArgument',
      );
    for (const graph of [null, {}, { ...compact, offsets: new Int32Array(3) }, triangles])
      expectEngineError(() => partitionCompact(graph as never), InvalidInputError, 'analysis.badArgument');
  });
});

describe('modularity', () => {
  // Weighted, with a self-loop; networkx.community.modularity gives 0.395 (γ = 1) and −0.11 (γ = 2).
  const weighted = graphOf([
    ['Person:a', 'Person:b', 'KNOWS', { weight: 2 }],
    ['Person:b', 'Person:c', 'KNOWS'],
    ['Person:c', 'Person:a', 'KNOWS'],
    ['Person:c', 'Person:d', 'KNOWS'],
    ['Person:d', 'Person:e', 'KNOWS', { weight: 3 }],
    ['Person:d', 'Person:d', 'KNOWS', { weight: 2 }],
  ]);
  const split = { 'Person:a': 0, 'Person:b': 0, 'Person:c': 0, 'Person:d': 1, 'Person:e': 1 };

  it('refuses a partition that misses a node, and a bad resolution', () => {
    expectEngineError(
      () => modularity(weighted, { 'Person:a': 0 }),
      InvalidInputError,
      'analysis.badArgument',
    );
    expectEngineError(
      () => modularity(weighted, split, { resolution: -1 }),
      InvalidInputError,
      'analysis.badArgument',
    );
  });

  it('matches networkx, self-loops and resolution included', () => {
    expect(modularity(weighted, split)).toBeCloseTo(0.395, 12);
    expect(modularity(weighted, split, { resolution: 2 })).toBeCloseTo(-0.11, 12);
    // Labels may be any strings; one community for all gives 0.
    const all = Object.fromEntries(Object.keys(split).map((id) => [id, 'x']));
    expect(modularity(weighted, all)).toBeCloseTo(0, 12);
  });

  it('breaks Q down by community', () => {
    // m = 10; {a,b,c}: L = 4, d = 9 → 0.4 − 0.45²; {d,e}: L = 5 (self-loop 2 + d–e 3), d = 11 → 0.5 − 0.55².
    // Both terms are 0.1975: equal contributions are ordered by label.
    const terms = modularityTerms(weighted, split);
    expect(terms.map((t) => [t.community, t.size, t.internalWeight, t.degree])).toEqual([
      ['0', 3, 4, 9],
      ['1', 2, 5, 11],
    ]);
    expect(terms[1]!.contribution).toBeCloseTo(0.5 - 0.3025, 12);
    expect(modularityTerms(weighted, split, { resolution: 2 })[0]!.contribution).toBeCloseTo(
      0.4 - 2 * 0.2025,
      12,
    );
    expect(terms[0]!.contribution + terms[1]!.contribution).toBeCloseTo(modularity(weighted, split), 12);
  });
});
