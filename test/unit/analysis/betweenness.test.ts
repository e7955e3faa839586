// Betweenness against networkx reference values; sampling is seeded and scaled.
import { describe, expect, it } from 'vitest';
import { betweenness } from '../../../engine/analysis/betweenness.ts';
import { InvalidInputError } from '../../../engine/errors.ts';
import { expectEngineError, graphOf } from './helpers/fixtures.ts';

const graph = graphOf(
  [
    ['Account:A', 'Account:B', 'TRANSFER'],
    ['Account:A', 'Account:B', 'TRANSFER'],
    ['Account:B', 'Account:C', 'TRANSFER'],
    ['Account:C', 'Account:A', 'TRANSFER'],
    ['Account:C', 'Account:D', 'TRANSFER'],
    ['Account:D', 'Account:E', 'TRANSFER'],
    ['Account:E', 'Account:F', 'TRANSFER'],
    ['Account:F', 'Account:D', 'TRANSFER'],
  ],
  ['Account:G'],
);

const strip = (scores: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(scores).map(([id, v]) => [id.slice('Account:'.length), Number(v.toFixed(10))]),
  );

describe('betweenness', () => {
  it('refuses bad arguments', () => {
    for (const options of [
      { samples: 0 },
      { exactThreshold: -1 },
      { directed: 'yes' },
      { normalized: 1 },
      { seed: 0.5 },
    ])
      expectEngineError(
        () => betweenness(graph, options as never),
        InvalidInputError,
        'analysis.badArgument',
      );
  });

  it('matches networkx, undirected (default) and directed, normalised or not', () => {
    expect(strip(betweenness(graph).scores)).toEqual({ A: 0, B: 0, C: 0.4, D: 0.4, E: 0, F: 0, G: 0 });
    expect(strip(betweenness(graph, { normalized: false }).scores)).toEqual({
      A: 0,
      B: 0,
      C: 6,
      D: 6,
      E: 0,
      F: 0,
      G: 0,
    });
    expect(strip(betweenness(graph, { directed: true, normalized: false }).scores)).toEqual({
      A: 1,
      B: 4,
      C: 7,
      D: 7,
      E: 4,
      F: 1,
      G: 0,
    });
    const directed = betweenness(graph, { directed: true });
    expect(directed.exact).toBe(true);
    expect(directed.sources).toBe(7);
    expect(directed.scores['Account:C']).toBeCloseTo(7 / 30, 12);
  });

  it('splits credit between equal shortest paths', () => {
    // A square: A–B–D and A–C–D are both shortest; B and C each carry half of the pair (A, D) and of (B, C).
    const square = graphOf([
      ['Person:A', 'Person:B', 'KNOWS'],
      ['Person:A', 'Person:C', 'KNOWS'],
      ['Person:B', 'Person:D', 'KNOWS'],
      ['Person:C', 'Person:D', 'KNOWS'],
    ]);
    expect(betweenness(square, { normalized: false }).scores).toEqual({
      'Person:A': 0.5,
      'Person:B': 0.5,
      'Person:C': 0.5,
      'Person:D': 0.5,
    });
  });

  it('samples sources on large graphs, deterministically, scaled by n / samples', () => {
    // A path of 41 nodes: exact normalised betweenness of node i is 2 i (40 − i) / (40 · 39).
    const edges: Array<[string, string, string]> = [];
    for (let i = 0; i < 40; i++) edges.push([`Person:${i}`, `Person:${i + 1}`, 'KNOWS']);
    const path = graphOf(edges);
    const sampled = betweenness(path, { exactThreshold: 10, samples: 20, seed: 3 });
    expect(sampled).toMatchObject({ exact: false, sources: 20 });
    expect(betweenness(path, { exactThreshold: 10, samples: 20, seed: 3 })).toEqual(sampled);
    const exact = betweenness(path).scores;
    expect(exact['Person:20']).toBeCloseTo((2 * 20 * 20) / (40 * 39), 12);
    // The estimate is unbiased; with half the sources it stays within 35% at the middle.
    expect(sampled.scores['Person:20']).toBeGreaterThan(exact['Person:20']! * 0.65);
    expect(sampled.scores['Person:20']).toBeLessThan(exact['Person:20']! * 1.35);
  });
});
