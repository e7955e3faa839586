// Weighted degree: distinct neighbours, relation counts and summed weights per direction.
import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { aggregateTransfers, type EdgeAttrs, type NodeAttrs } from '../../../engine/analysis/graph.ts';
import { weightedDegree } from '../../../engine/analysis/weightedDegree.ts';
import { InvalidInputError } from '../../../engine/errors.ts';
import { expectEngineError, graphOf } from './helpers/fixtures.ts';

const graph = graphOf(
  [
    ['Account:a', 'Account:b', 'TRANSFER', { amount: 100 }],
    ['Account:a', 'Account:b', 'TRANSFER', { amount: 50 }],
    ['Account:b', 'Account:a', 'TRANSFER', { amount: 20 }],
    ['Account:c', 'Account:a', 'TRANSFER', { amount: 5 }],
    ['Account:a', 'Account:a', 'TRANSFER', { amount: 1 }],
    ['Person:p', 'Account:a', 'OWNS_ACCOUNT'],
  ],
  ['Person:alone'],
);

describe('weightedDegree', () => {
  it('refuses bad arguments', () => {
    for (const options of [{ mode: 'both' }, { weight: 'sum' }, { edgeTypes: [''] }])
      expectEngineError(
        () => weightedDegree(graph, options as never),
        InvalidInputError,
        'analysis.badArgument',
      );
  });

  it('counts distinct neighbours, relations and weights (default weight 1 per edge)', () => {
    const all = weightedDegree(graph);
    expect(all['Account:a']).toEqual({ neighbours: 3, edges: 6, weight: 6, inWeight: 4, outWeight: 3 });
    expect(all['Account:b']).toEqual({ neighbours: 1, edges: 3, weight: 3, inWeight: 2, outWeight: 1 });
    expect(all['Person:alone']).toEqual({ neighbours: 0, edges: 0, weight: 0, inWeight: 0, outWeight: 0 });
  });

  it('sums amounts by direction and filters types', () => {
    const money = weightedDegree(graph, { weight: 'amount', edgeTypes: ['TRANSFER'] });
    expect(money['Account:a']).toEqual({
      neighbours: 2,
      edges: 5,
      weight: 176,
      inWeight: 26,
      outWeight: 151,
    });
    const incoming = weightedDegree(graph, { weight: 'amount', edgeTypes: ['TRANSFER'], mode: 'in' });
    expect(incoming['Account:a']).toMatchObject({ neighbours: 2, edges: 3, weight: 26 });
    const outgoing = weightedDegree(graph, { weight: 'amount', edgeTypes: ['TRANSFER'], mode: 'out' });
    expect(outgoing['Account:a']).toMatchObject({ neighbours: 1, edges: 3, weight: 151 });
  });
});

describe('weightedDegree on other graph shapes', () => {
  it('reads counts from an aggregated transfer graph', () => {
    const simple = aggregateTransfers(graph);
    const byCount = weightedDegree(simple);
    // a→b (2 transfers), b→a (1), c→a (1), a→a (1): five transfers in four aggregated edges.
    expect(byCount['Account:a']).toEqual({ neighbours: 2, edges: 4, weight: 5, inWeight: 3, outWeight: 3 });
    const byAmount = weightedDegree(simple, { weight: 'amount' });
    expect(byAmount['Account:a']).toMatchObject({ weight: 176, inWeight: 26, outWeight: 151 });
  });

  it('counts undirected edges in both directions, whatever the mode', () => {
    const family = new UndirectedGraph<NodeAttrs, EdgeAttrs>();
    for (const key of ['x', 'y', 'z']) family.addNode(`Person:${key}`, { type: 'Person', key, label: key });
    family.addEdge('Person:x', 'Person:y', { type: 'FAMILY' });
    family.addEdge('Person:x', 'Person:z', { type: 'FAMILY', weight: 2 });
    const all = weightedDegree(family);
    expect(all['Person:x']).toEqual({ neighbours: 2, edges: 2, weight: 3, inWeight: 3, outWeight: 3 });
    expect(weightedDegree(family, { mode: 'in' })['Person:z']).toEqual(all['Person:z']);
    expect(weightedDegree(family, { mode: 'out' })['Person:y']).toEqual({
      neighbours: 1,
      edges: 1,
      weight: 1,
      inWeight: 1,
      outWeight: 1,
    });
  });

  it('accepts a weight function', () => {
    const big = weightedDegree(graph, { weight: (a) => ((a.amount as number) >= 50 ? 1 : 0) });
    expect(big['Account:b']).toMatchObject({ edges: 3, weight: 2 });
  });
});
