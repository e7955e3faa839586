// Louvain/Leiden building blocks on hand-drawn graphs: local moving, aggregation, relabelling, Leiden options.
import { describe, expect, it } from 'vitest';
import { compactFromEdgeList } from '../../../engine/analysis/collapse.ts';
import { seededRng } from '../../../engine/analysis/common.ts';
import { leidenPartition } from '../../../engine/analysis/leiden.ts';
import { aggregate, levelOf, moveNodes, renumber, shuffled } from '../../../engine/analysis/levels.ts';
import { compactModularity } from '../../../engine/analysis/modularity.ts';
import { InvalidInputError } from '../../../engine/errors.ts';
import { expectEngineError } from './helpers/fixtures.ts';

// Two triangles 0-1-2 and 3-4-5 joined by the bridge 2–3; m = 7. Optimum: the triangles, Q = 5/14.
const triangles = compactFromEdgeList(
  Int32Array.from([0, 1, 2, 2, 3, 4, 5]),
  Int32Array.from([1, 2, 0, 3, 4, 5, 3]),
  undefined,
  6,
);
const sameGroup = (labels: Int32Array, a: number, b: number) => labels[a] === labels[b];

describe('moveNodes', () => {
  it('moves singletons into the two triangles', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const membership = Int32Array.from([0, 1, 2, 3, 4, 5]);
      const count = moveNodes(levelOf(triangles), membership, 1 / 14, seededRng(seed));
      expect(count).toBe(2);
      expect(sameGroup(membership, 0, 1) && sameGroup(membership, 1, 2)).toBe(true);
      expect(sameGroup(membership, 3, 4) && sameGroup(membership, 4, 5)).toBe(true);
      expect(sameGroup(membership, 2, 3)).toBe(false);
      expect(compactModularity(triangles, membership)).toBeCloseTo(5 / 14, 12);
    }
  });

  it('leaves an optimal partition alone and splits off a node that gains nothing', () => {
    const optimal = Int32Array.from([4, 4, 4, 1, 1, 1]);
    expect(moveNodes(levelOf(triangles), optimal, 1 / 14, seededRng(1))).toBe(2);
    expect([...optimal]).toEqual([4, 4, 4, 1, 1, 1]);
    // At a huge resolution every node is better alone.
    const all = new Int32Array(6);
    expect(moveNodes(levelOf(triangles), all, 10, seededRng(1))).toBe(6);
    expect(new Set(all).size).toBe(6);
  });
});

describe('aggregate', () => {
  it('collapses each community into one node with its internal weight as a self-loop', () => {
    const level = aggregate(levelOf(triangles), Int32Array.from([0, 0, 0, 1, 1, 1]), 2);
    expect(level.n).toBe(2);
    expect([...level.offsets]).toEqual([0, 1, 2]);
    expect([...level.targets]).toEqual([1, 0]);
    expect([...level.weights]).toEqual([1, 1]);
    expect([...level.loops]).toEqual([3, 3]);
    expect([...level.strength]).toEqual([7, 7]);
    // Aggregating again into one node: all 7 edges become its self-loop.
    const top = aggregate(level, Int32Array.from([0, 0]), 1);
    expect([...top.loops]).toEqual([7]);
    expect([...top.strength]).toEqual([14]);
    expect(top.targets.length).toBe(0);
  });
});

describe('renumber and shuffled', () => {
  it('relabels by first appearance', () => {
    const labels = Int32Array.from([5, 5, 2, 7, 2]);
    expect(renumber(labels)).toBe(3);
    expect([...labels]).toEqual([0, 0, 1, 2, 1]);
    expect(renumber(new Int32Array(0))).toBe(0);
  });

  it('shuffles into a permutation, the same for the same seed', () => {
    const order = shuffled(50, seededRng(3));
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(shuffled(50, seededRng(3))).toEqual(order);
    expect(shuffled(50, seededRng(4))).not.toEqual(order);
  });
});

describe('leidenPartition', () => {
  it('finds the triangles with each refinement (none is Louvain)', () => {
    for (const refinement of ['leiden', 'slm', 'none'] as const) {
      const membership = leidenPartition(triangles, { resolution: 1, rng: seededRng(2), refinement });
      expect(new Set(membership).size).toBe(2);
      expect(compactModularity(triangles, membership)).toBeCloseTo(5 / 14, 12);
    }
  });

  it('splits a community that glues two cliques together, unless the refinement is none', () => {
    // Two K4s (0-3, 4-7) joined by 3–4; m = 13. Apart: Q = 2 (6/13 − (13/26)²) = 11/26; glued: Q = 0.
    const pairs: Array<[number, number]> = [[3, 4]];
    for (const base of [0, 4])
      for (let a = 0; a < 4; a++) for (let b = a + 1; b < 4; b++) pairs.push([base + a, base + b]);
    const cliques = compactFromEdgeList(
      Int32Array.from(pairs.map((p) => p[0])),
      Int32Array.from(pairs.map((p) => p[1])),
      undefined,
      8,
    );
    const glued = new Int32Array(8);
    for (const refinement of ['slm', 'leiden'] as const) {
      const membership = leidenPartition(cliques, {
        resolution: 1,
        rng: seededRng(1),
        initial: glued,
        refinement,
      });
      expect(compactModularity(cliques, membership)).toBeCloseTo(11 / 26, 12);
      expect(new Set(membership.slice(0, 4)).size + new Set(membership.slice(4)).size).toBe(2);
      expect(membership[0]).not.toBe(membership[4]);
    }
    const louvain = leidenPartition(cliques, {
      resolution: 1,
      rng: seededRng(1),
      initial: glued,
      refinement: 'none',
    });
    expect([...louvain]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(compactModularity(cliques, louvain)).toBeCloseTo(0, 12);
    expectEngineError(
      () => leidenPartition(cliques, { resolution: 1, rng: seededRng(1), refinement: 'best' as never }),
      InvalidInputError,
      'analysis.badArgument',
    );
  });

  it('starts from a given partition and refuses a bad one', () => {
    const initial = Int32Array.from([0, 0, 0, 3, 3, 3]);
    const membership = leidenPartition(triangles, { resolution: 1, rng: seededRng(1), initial });
    expect(compactModularity(triangles, membership)).toBeCloseTo(5 / 14, 12);
    expect([...initial]).toEqual([0, 0, 0, 3, 3, 3]);
    for (const bad of [Int32Array.from([0, 0, 0]), Int32Array.from([0, 0, 0, 6, 6, 6]), [0, 0, 0, 1, 1, 1]])
      expectEngineError(
        () => leidenPartition(triangles, { resolution: 1, rng: seededRng(1), initial: bad as never }),
        InvalidInputError,
        'analysis.badArgument',
      );
  });
});
