// The CSR builders: bulk import from typed edge arrays, and the graphology collapse built on it.
import { describe, expect, it } from 'vitest';
import { collapseUndirected, compactFromEdgeList } from '../../../engine/analysis/collapse.ts';
import { InvalidInputError } from '../../../engine/errors.ts';
import { expectEngineError, graphOf } from './helpers/fixtures.ts';

const i32 = (values: number[]) => Int32Array.from(values);
const f64 = (values: number[]) => Float64Array.from(values);

// 0–1 twice (weights 2 and 1, both directions), 1–2, a self-loop of 3 on 2, a zero-weight 0–2, node 3 alone.
const src = i32([0, 1, 1, 2, 0]);
const dst = i32([1, 0, 2, 2, 2]);
const weight = f64([2, 1, 1, 3, 0]);

describe('compactFromEdgeList', () => {
  it('sums parallel edges and directions, keeps self-loops apart and drops zero weights', () => {
    const g = compactFromEdgeList(src, dst, weight, 4);
    expect(g.ids).toEqual(['0', '1', '2', '3']);
    expect(g.index.get('2')).toBe(2);
    expect([...g.offsets]).toEqual([0, 1, 3, 4, 4]);
    expect([...g.targets]).toEqual([1, 0, 2, 1]);
    expect([...g.weights]).toEqual([3, 3, 1, 1]);
    expect([...g.loops]).toEqual([0, 0, 3, 0]);
    // A self-loop adds twice its weight to the strength; m counts it once.
    expect([...g.strength]).toEqual([3, 4, 7, 0]);
    expect(g.total).toBe(7);
  });

  it('counts 1 per edge without weights and takes node names', () => {
    const g = compactFromEdgeList(i32([0, 0, 1]), i32([1, 1, 0]), undefined, 3, ['a', 'b', 'c']);
    expect(g.ids).toEqual(['a', 'b', 'c']);
    expect(g.index.get('c')).toBe(2);
    expect([...g.offsets]).toEqual([0, 1, 2, 2]);
    expect([...g.weights]).toEqual([3, 3]);
    expect([...g.strength]).toEqual([3, 3, 0]);
    expect(g.total).toBe(3);
  });

  it('builds an empty graph', () => {
    const g = compactFromEdgeList(i32([]), i32([]), undefined, 0);
    expect(g.ids).toEqual([]);
    expect([...g.offsets]).toEqual([0]);
    expect(g.total).toBe(0);
  });

  it('refuses bad arguments', () => {
    const bad: Array<() => unknown> = [
      () => compactFromEdgeList([0] as never, i32([1]), undefined, 2),
      () => compactFromEdgeList(i32([0]), i32([1, 0]), undefined, 2),
      () => compactFromEdgeList(i32([0]), i32([1]), f64([1, 1]), 2),
      () => compactFromEdgeList(i32([0]), i32([1]), [1] as never, 2),
      () => compactFromEdgeList(i32([0]), i32([2]), undefined, 2),
      () => compactFromEdgeList(i32([-1]), i32([1]), undefined, 2),
      () => compactFromEdgeList(i32([0]), i32([1]), f64([-1]), 2),
      () => compactFromEdgeList(i32([0]), i32([1]), f64([Number.NaN]), 2),
      () => compactFromEdgeList(i32([0]), i32([1]), f64([Number.POSITIVE_INFINITY]), 2),
      () => compactFromEdgeList(i32([]), i32([]), undefined, 1.5),
      () => compactFromEdgeList(i32([]), i32([]), undefined, -1),
      () => compactFromEdgeList(i32([0]), i32([1]), undefined, 2, ['a']),
      () => compactFromEdgeList(i32([0]), i32([1]), undefined, 2, ['a', 'a']),
      () => compactFromEdgeList(i32([0]), i32([1]), undefined, 2, 'ab' as never),
    ];
    for (const call of bad) expectEngineError(call, InvalidInputError, 'analysis.badArgument');
  });
});

describe('collapseUndirected', () => {
  it('gives the same CSR as the bulk import of the same edges', () => {
    const graph = graphOf(
      [
        ['Person:0', 'Person:1', 'KNOWS', { weight: 2 }],
        ['Person:1', 'Person:0', 'KNOWS', { weight: 1 }],
        ['Person:1', 'Person:2', 'KNOWS'],
        ['Person:2', 'Person:2', 'KNOWS', { weight: 3 }],
        ['Person:0', 'Person:2', 'FAMILY'],
      ],
      ['Person:3'],
    );
    const collapsed = collapseUndirected(graph, { edgeTypes: ['KNOWS'] });
    const bulk = compactFromEdgeList(src, dst, weight, 4, ['Person:0', 'Person:1', 'Person:2', 'Person:3']);
    expect(collapsed).toEqual(bulk);
    // With every type, the FAMILY edge 0–2 counts 1.
    const all = collapseUndirected(graph);
    expect([...all.offsets]).toEqual([0, 2, 4, 6, 6]);
    expect(all.total).toBe(8);
  });

  it('refuses bad arguments', () => {
    expectEngineError(() => collapseUndirected({} as never), InvalidInputError, 'analysis.badArgument');
    const graph = graphOf([['Person:a', 'Person:b', 'KNOWS']]);
    expectEngineError(
      () => collapseUndirected(graph, null as never),
      InvalidInputError,
      'analysis.badArgument',
    );
    expectEngineError(
      () => collapseUndirected(graph, { weight: 'money' as never }),
      InvalidInputError,
      'analysis.badArgument',
    );
  });
});
