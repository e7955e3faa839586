// The typed analysis graph: building from plain arrays (checked) and summing parallel transfers.
import { describe, expect, it } from 'vitest';
import { aggregateTransfers, buildGraph, nodeId } from '../../../engine/analysis/graph.ts';
import { InvalidInputError } from '../../../engine/errors.ts';

const nodes = [
  { type: 'Account', key: 'a1', label: '张三 6222…01' },
  { type: 'Account', key: 'a2' },
  { type: 'Account', key: 'a3' },
  { type: 'Person', key: 'p1', label: '张三', cadre: true },
];

describe('buildGraph', () => {
  it('refuses bad arguments with analysis.badArgument', () => {
    const bad: unknown[] = [
      null,
      { nodes: [] },
      { nodes: [{ type: 'Person' }], edges: [] },
      { nodes, edges: [{ source: 'Account:a1', target: 'Account:zz', type: 'TRANSFER' }] },
      {
        nodes,
        edges: [{ source: 'Account:a1', target: 'Account:a2', type: 'TRANSFER', amount: Number.NaN }],
      },
      { nodes, edges: [{ source: 'Account:a1', target: 'Account:a2' }] },
      {
        nodes,
        edges: [
          { id: 'x', source: 'Account:a1', target: 'Account:a2', type: 'TRANSFER' },
          { id: 'x', source: 'Account:a2', target: 'Account:a3', type: 'TRANSFER' },
        ],
      },
    ];
    for (const data of bad) {
      const call = () => buildGraph(data as Parameters<typeof buildGraph>[0]);
      expect(call).toThrow(InvalidInputError);
      try {
        call();
      } catch (error) {
        expect((error as InvalidInputError).id).toBe('analysis.badArgument');
      }
    }
  });

  it('names nodes type:key, merges duplicates, defaults labels and numbers edges', () => {
    const graph = buildGraph({
      nodes: [...nodes, { type: 'Account', key: 'a1', label: '张三 6222…01' }],
      edges: [
        { source: 'Person:p1', target: 'Account:a1', type: 'OWNS_ACCOUNT' },
        { source: 'Account:a1', target: 'Account:a2', type: 'TRANSFER', amount: 100, time: 5 },
      ],
    });
    expect(graph.order).toBe(4);
    expect(nodeId('Person', 'p1')).toBe('Person:p1');
    expect(graph.getNodeAttributes('Person:p1')).toEqual({
      type: 'Person',
      key: 'p1',
      label: '张三',
      cadre: true,
    });
    expect(graph.getNodeAttribute('Account:a2', 'label')).toBe('a2');
    expect(graph.edges()).toEqual(['e0', 'e1']);
    expect(graph.getEdgeAttributes('e1')).toEqual({ type: 'TRANSFER', amount: 100, time: 5 });
  });
});

describe('aggregateTransfers', () => {
  const graph = buildGraph({
    nodes,
    edges: [
      { source: 'Account:a1', target: 'Account:a2', type: 'TRANSFER', amount: 100, time: 30 },
      { source: 'Account:a1', target: 'Account:a2', type: 'TRANSFER', amount: 50, time: 10 },
      { source: 'Account:a2', target: 'Account:a1', type: 'TRANSFER', amount: 7, time: 20 },
      { source: 'Account:a2', target: 'Account:a3', type: 'TRANSFER', amount: 1 },
      { source: 'Person:p1', target: 'Account:a1', type: 'OWNS_ACCOUNT' },
    ],
  });

  it('refuses an empty type list', () => {
    expect(() => aggregateTransfers(graph, { types: [] })).toThrow(InvalidInputError);
  });

  it('sums parallel transfers per ordered pair and keeps every node', () => {
    const simple = aggregateTransfers(graph);
    expect(simple.order).toBe(4);
    expect(simple.size).toBe(3);
    expect(simple.getEdgeAttributes('Account:a1->Account:a2')).toEqual({
      type: 'TRANSFER',
      weight: 150,
      amount: 150,
      count: 2,
      firstTime: 10,
      lastTime: 30,
    });
    expect(simple.getEdgeAttributes('Account:a2->Account:a1')).toMatchObject({ weight: 7, count: 1 });
    expect(simple.getEdgeAttributes('Account:a2->Account:a3')).toEqual({
      type: 'TRANSFER',
      weight: 1,
      amount: 1,
      count: 1,
    });
    expect(simple.hasEdge('Person:p1->Account:a1')).toBe(false);
  });

  it('aggregates other edge types on request', () => {
    const simple = aggregateTransfers(graph, { types: ['OWNS_ACCOUNT'] });
    expect(simple.size).toBe(1);
    expect(simple.getEdgeAttributes('Person:p1->Account:a1')).toMatchObject({ count: 1, weight: 0 });
  });
});
