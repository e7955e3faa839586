// Equity penetration: effective ratios over all simple shareholder paths, both directions, cycle-safe.
import { describe, expect, it } from 'vitest';
import { controlledBy, ultimateOwners } from '../../../engine/analysis/ubo.ts';
import { InvalidInputError, NotFoundError } from '../../../engine/errors.ts';
import { expectEngineError, graphOf } from './helpers/fixtures.ts';

const share = (ratio: number) => ({ ratio });
// T is held by C1 50%, C2 20%, C3 20%, P3 10% (and P6 with an unknown share). C1 by P1 60% and Z 40%;
// C2 by P2 100%; C3 by P2 50% and P5 50%. Z has no shareholders.
const graph = graphOf(
  [
    ['Company:C1', 'Company:T', 'SHAREHOLDER', share(0.5)],
    ['Company:C2', 'Company:T', 'SHAREHOLDER', share(0.2)],
    ['Company:C3', 'Company:T', 'SHAREHOLDER', share(0.2)],
    ['Person:P3', 'Company:T', 'SHAREHOLDER', share(0.1)],
    ['Person:P6', 'Company:T', 'SHAREHOLDER'],
    ['Person:P1', 'Company:C1', 'SHAREHOLDER', share(0.6)],
    ['Company:Z', 'Company:C1', 'SHAREHOLDER', share(0.4)],
    ['Person:P2', 'Company:C2', 'SHAREHOLDER', share(1)],
    ['Person:P2', 'Company:C3', 'SHAREHOLDER', share(0.5)],
    ['Person:P5', 'Company:C3', 'SHAREHOLDER', share(0.5)],
    ['Person:P1', 'Company:T', 'LEGAL_REP'],
  ],
  [],
  { 'Person:P1': { label: '王五' }, 'Company:T': { label: '某某建设有限公司' } },
);

const summary = (owners: Array<{ id: string; ratio: number }>) =>
  owners.map((o) => [o.id, Number(o.ratio.toFixed(10))]);

describe('ultimateOwners', () => {
  it('refuses bad arguments, unknown companies and impossible ratios', () => {
    for (const options of [
      { threshold: 2 },
      { threshold: -0.1 },
      { maxDepth: 0 },
      { maxPaths: 0 },
      { edgeTypes: [] },
    ])
      expectEngineError(
        () => ultimateOwners(graph, 'Company:T', options as never),
        InvalidInputError,
        'analysis.badArgument',
      );
    expectEngineError(() => ultimateOwners(graph, 'Company:nope'), NotFoundError, 'analysis.nodeNotFound');
    const percent = graphOf([['Person:a', 'Company:b', 'SHAREHOLDER', share(60)]]);
    expectEngineError(() => ultimateOwners(percent, 'Company:b'), InvalidInputError, 'analysis.badArgument');
  });

  it('multiplies along paths and sums over paths, reporting only ultimate owners above the threshold', () => {
    const owners = ultimateOwners(graph, 'Company:T');
    expect(summary(owners)).toEqual([
      ['Person:P1', 0.3],
      ['Person:P2', 0.3],
    ]);
    expect(owners[0]).toMatchObject({
      key: 'P1',
      name: '王五',
      type: 'Person',
      paths: [['Person:P1', 'Company:C1', 'Company:T']],
    });
    expect(owners[1]!.paths).toEqual([
      ['Person:P2', 'Company:C2', 'Company:T'],
      ['Person:P2', 'Company:C3', 'Company:T'],
    ]);
    // A company without shareholders is ultimate too; the unknown share of P6 is ignored.
    expect(summary(ultimateOwners(graph, 'Company:T', { threshold: 0.1 }))).toEqual([
      ['Person:P1', 0.3],
      ['Person:P2', 0.3],
      ['Company:Z', 0.2],
      ['Person:P3', 0.1],
      ['Person:P5', 0.1],
    ]);
  });

  it('stops at maxDepth', () => {
    expect(summary(ultimateOwners(graph, 'Company:T', { threshold: 0.05, maxDepth: 1 }))).toEqual([
      ['Person:P3', 0.1],
    ]);
  });

  it('is safe with cross-holdings: each simple path counts once', () => {
    // T ← A 50%, T ← P 50%; A ← B 60%, A ← P 40%; B ← A 50%, B ← Q 50% (A and B hold each other).
    const circular = graphOf([
      ['Company:A', 'Company:T', 'SHAREHOLDER', share(0.5)],
      ['Person:P', 'Company:T', 'SHAREHOLDER', share(0.5)],
      ['Company:B', 'Company:A', 'SHAREHOLDER', share(0.6)],
      ['Person:P', 'Company:A', 'SHAREHOLDER', share(0.4)],
      ['Company:A', 'Company:B', 'SHAREHOLDER', share(0.5)],
      ['Person:Q', 'Company:B', 'SHAREHOLDER', share(0.5)],
    ]);
    // P: 0.5 + 0.5 × 0.4 = 0.7; Q: 0.5 × 0.6 × 0.5 = 0.15; the loop T ← A ← B ← A is not followed.
    expect(summary(ultimateOwners(circular, 'Company:T', { threshold: 0.1 }))).toEqual([
      ['Person:P', 0.7],
      ['Person:Q', 0.15],
    ]);
    expect(summary(controlledBy(circular, 'Person:P', { threshold: 0 }))).toEqual([
      ['Company:T', 0.7],
      ['Company:A', 0.4],
      ['Company:B', 0.2],
    ]);
  });

  it('gives up with analysis.limitExceeded when paths explode', () => {
    expectEngineError(
      () => ultimateOwners(graph, 'Company:T', { maxPaths: 3 }),
      InvalidInputError,
      'analysis.limitExceeded',
    );
  });
});

describe('controlledBy', () => {
  it('refuses bad arguments', () => {
    expectEngineError(
      () => controlledBy(graph, 'Person:P2', { threshold: 1.5 }),
      InvalidInputError,
      'analysis.badArgument',
    );
    expectEngineError(() => controlledBy(graph, 'Person:nobody'), NotFoundError, 'analysis.nodeNotFound');
  });

  it('lists every company the holder reaches with an effective ratio above the threshold', () => {
    const held = controlledBy(graph, 'Person:P2');
    expect(summary(held)).toEqual([
      ['Company:C2', 1],
      ['Company:C3', 0.5],
      ['Company:T', 0.3],
    ]);
    expect(held[2]!.paths).toEqual([
      ['Person:P2', 'Company:C2', 'Company:T'],
      ['Person:P2', 'Company:C3', 'Company:T'],
    ]);
    expect(summary(controlledBy(graph, 'Person:P1', { threshold: 0.5 }))).toEqual([['Company:C1', 0.6]]);
  });

  it('agrees with ultimateOwners on the ratio of an ultimate owner', () => {
    const down = controlledBy(graph, 'Company:Z', { threshold: 0 }).find((h) => h.id === 'Company:T');
    const up = ultimateOwners(graph, 'Company:T', { threshold: 0 }).find((h) => h.id === 'Company:Z');
    expect(down!.ratio).toBeCloseTo(up!.ratio, 15);
  });
});
