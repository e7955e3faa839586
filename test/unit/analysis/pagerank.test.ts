// PageRank against networkx reference values (networkx 3.6, _pagerank_python, tol 1e-12).
import { describe, expect, it } from 'vitest';
import { pagerank } from '../../../engine/analysis/pagerank.ts';
import { InvalidInputError } from '../../../engine/errors.ts';
import { expectEngineError, graphOf } from './helpers/fixtures.ts';

// A→B twice, a 3-cycle A→B→C→A feeding a 3-cycle D→E→F→D, and an isolated G.
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

function expectScores(actual: Record<string, number>, expected: Record<string, number>) {
  for (const [key, value] of Object.entries(expected))
    expect(actual[`Account:${key}`], key).toBeCloseTo(value, 7);
}

describe('pagerank', () => {
  it('refuses bad arguments', () => {
    for (const options of [
      { damping: 1.5 },
      { tolerance: 0 },
      { maxIterations: 0 },
      { edgeTypes: 'TRANSFER' },
      { weight: () => -1 },
    ])
      expectEngineError(() => pagerank(graph, options as never), InvalidInputError, 'analysis.badArgument');
    expectEngineError(() => pagerank(null as never), InvalidInputError, 'analysis.badArgument');
  });

  it('matches networkx on a directed multigraph (parallel edges add weight)', () => {
    const result = pagerank(graph, { tolerance: 1e-12, maxIterations: 1000 });
    expect(result.converged).toBe(true);
    expectScores(result.scores, {
      A: 0.06287302,
      B: 0.07783231,
      C: 0.09054771,
      D: 0.26233023,
      E: 0.24737094,
      F: 0.23465554,
      G: 0.02439024,
    });
    const sum = Object.values(result.scores).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 12);
  });

  it('matches networkx when walked undirected', () => {
    const { scores } = pagerank(graph, { directed: false, tolerance: 1e-12, maxIterations: 1000 });
    expectScores(scores, {
      A: 0.17039867,
      B: 0.17039867,
      C: 0.17452652,
      D: 0.18909539,
      E: 0.13559525,
      F: 0.13559525,
      G: 0.02439024,
    });
  });

  it('uses edge weights (amount) like networkx weight=', () => {
    const weighted = graphOf([
      ['Account:A', 'Account:B', 'TRANSFER', { amount: 3 }],
      ['Account:B', 'Account:C', 'TRANSFER', { amount: 1 }],
      ['Account:A', 'Account:C', 'TRANSFER', { amount: 1 }],
      ['Account:C', 'Account:A', 'TRANSFER', { amount: 2 }],
      ['Account:C', 'Account:B', 'HAS_PHONE', { amount: 1000 }],
    ]);
    const { scores } = pagerank(weighted, { weight: 'amount', edgeTypes: ['TRANSFER'], tolerance: 1e-12 });
    expectScores(scores, { A: 0.35850536, B: 0.27854716, C: 0.36294748 });
  });

  it('reports non-convergence and handles the empty graph', () => {
    const once = pagerank(graph, { maxIterations: 1 });
    expect(once).toMatchObject({ iterations: 1, converged: false });
    expect(pagerank(graphOf([]))).toEqual({ scores: {}, iterations: 0, converged: true });
  });
});
