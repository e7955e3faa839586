// Community quality: NMI itself (hand-computed values), then NMI against public benchmark ground truth.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectCommunities } from '../../../engine/analysis/communities.ts';
import { normalizedMutualInformation as nmi } from '../../../engine/analysis/nmi.ts';
import { InvalidInputError } from '../../../engine/errors.ts';
import { expectEngineError } from './helpers/fixtures.ts';
import { gmlToGraph, groundTruth, readGml } from './helpers/gml.ts';

const partition = (labels: Array<string | number>) => Object.fromEntries(labels.map((l, i) => [`n${i}`, l]));

describe('normalizedMutualInformation', () => {
  it('refuses bad arguments', () => {
    expectEngineError(() => nmi(null as never, {}), InvalidInputError, 'analysis.badArgument');
    expectEngineError(() => nmi({}, {}), InvalidInputError, 'analysis.badArgument');
    expectEngineError(() => nmi({ a: 1, b: 2 }, { a: 1 }), InvalidInputError, 'analysis.badArgument');
    expectEngineError(
      () => nmi({ a: 1 }, { a: 1 }, { normalisation: 'mean' as never }),
      InvalidInputError,
      'analysis.badArgument',
    );
  });

  it('is 1 for the same partition under any labels, and 0 for independent ones', () => {
    expect(nmi(partition([0, 0, 1, 1, 2]), partition(['x', 'x', 'y', 'y', 'z']))).toBeCloseTo(1, 12);
    expect(nmi(partition([0, 0, 1, 1]), partition([0, 1, 0, 1]))).toBeCloseTo(0, 12);
    expect(nmi(partition([0, 0, 0]), partition([5, 5, 5]))).toBe(1);
    expect(nmi(partition([0, 0, 0]), partition([1, 2, 3]))).toBe(0);
  });

  it('matches the reference values for each normalisation', () => {
    const a = partition([0, 0, 0, 0, 1, 1, 2, 2]);
    const b = partition([0, 0, 1, 1, 1, 1, 1, 1]);
    expect(nmi(a, b)).toBeCloseTo(0.26935583490799114, 12);
    expect(nmi(a, b, { normalisation: 'geometric' })).toBeCloseTo(0.28217471084532086, 12);
    expect(nmi(a, b, { normalisation: 'max' })).toBeCloseTo(0.20751874963942188, 12);
    expect(nmi(a, b, { normalisation: 'min' })).toBeCloseTo(0.3836885465963443, 12);
    // Symmetric, and extra nodes of the second partition are ignored.
    expect(nmi(b, a)).toBeCloseTo(nmi(a, b), 12);
    expect(nmi(a, { ...b, extra: 9 })).toBeCloseTo(nmi(a, b), 12);
  });
});

const DIR = join(import.meta.dirname, '../../../../shared/data/community_benchmarks');

/**
 * [file, ground-truth attribute, lower bound for NMI]. Bounds sit a little under what Louvain-type modularity
 * maximisation reaches (LFR quality collapses past μ ≈ 0.5, where communities stop being denser inside than out;
 * citeseer's classes are topical labels spread over hundreds of components, so modularity barely tracks them).
 */
const CASES: Array<[string, string, number]> = [
  ['football.gml', 'value', 0.85],
  ['dolphins.gml', 'group', 0.45],
  ['polbooks.gml', 'value', 0.5],
  ['citeseer.gml', 'community', 0.1],
  ['lfr/mu-0.1.gml', 'community', 0.95],
  ['lfr/mu-0.2.gml', 'community', 0.95],
  ['lfr/mu-0.3.gml', 'community', 0.9],
  ['lfr/mu-0.4.gml', 'community', 0.8],
  ['lfr/mu-0.5.gml', 'community', 0.55],
  ['lfr/mu-0.6.gml', 'community', 0.2],
  ['lfr/mu-0.7.gml', 'community', 0.05],
  ['lfr/mu-0.8.gml', 'community', 0.03],
];

describe('community detection on benchmarks', () => {
  it('reaches the NMI lower bounds (table printed)', () => {
    const table = CASES.map(([file, attribute, bound]) => {
      const gml = readGml(join(DIR, file));
      const graph = gmlToGraph(gml);
      const truth = groundTruth(gml, attribute);
      const started = performance.now();
      const result = detectCommunities(graph, { seed: 1 });
      const ms = Math.round(performance.now() - started);
      const score = nmi(truth, result.assignment);
      return {
        graph: file,
        nodes: graph.order,
        edges: graph.size,
        truth: new Set(Object.values(truth)).size,
        found: result.count,
        modularity: Number(result.modularity.toFixed(4)),
        nmi: Number(score.toFixed(4)),
        bound,
        ms,
      };
    });
    console.table(table);
    for (const row of table) expect(row.nmi, row.graph).toBeGreaterThanOrEqual(row.bound);
  });
});
