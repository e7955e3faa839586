// Fund tracing: time-respecting chains forward and backward, with window, amount, ratio and hub limits.
import { describe, expect, it } from 'vitest';
import { traceFunds } from '../../../engine/analysis/trace.ts';
import { InvalidInputError, NotFoundError } from '../../../engine/errors.ts';
import { expectEngineError, graphOf } from './helpers/fixtures.ts';

// Transfers (amount @ time):   S→A 100@10  S→B 50@20  A→C 90@15  A→C 30@5  B→C 45@25  C→D 80@30
// C→S 10@40  A→H 60@12  H→D 60@13; H is a hub also paid by X1, X2, X3 (1 each @1, @2, @3).
const tx = (amount: number, time: number) => ({ amount, time });
const graph = graphOf([
  ['Account:S', 'Account:A', 'TRANSFER', { id: 't1', ...tx(100, 10) }],
  ['Account:S', 'Account:B', 'TRANSFER', { id: 't2', ...tx(50, 20) }],
  ['Account:A', 'Account:C', 'TRANSFER', { id: 't3', ...tx(90, 15) }],
  ['Account:A', 'Account:C', 'TRANSFER', { id: 't4', ...tx(30, 5) }],
  ['Account:B', 'Account:C', 'TRANSFER', { id: 't5', ...tx(45, 25) }],
  ['Account:C', 'Account:D', 'TRANSFER', { id: 't6', ...tx(80, 30) }],
  ['Account:C', 'Account:S', 'TRANSFER', { id: 't7', ...tx(10, 40) }],
  ['Account:A', 'Account:H', 'TRANSFER', { id: 't8', ...tx(60, 12) }],
  ['Account:H', 'Account:D', 'TRANSFER', { id: 't9', ...tx(60, 13) }],
  ['Account:X1', 'Account:H', 'TRANSFER', { id: 'x1', ...tx(1, 1) }],
  ['Account:X2', 'Account:H', 'TRANSFER', { id: 'x2', ...tx(1, 2) }],
  ['Account:X3', 'Account:H', 'TRANSFER', { id: 'x3', ...tx(1, 3) }],
  ['Person:p', 'Account:S', 'OWNS_ACCOUNT'],
]);

const names = (chains: Array<{ nodes: string[] }>) =>
  chains.map((c) => c.nodes.map((id) => id.slice('Account:'.length)).join(''));

describe('traceFunds', () => {
  it('refuses bad arguments and unknown accounts', () => {
    for (const options of [
      { direction: 'sideways' },
      { maxHops: 0 },
      { maxHops: 11 },
      { windowMs: -1 },
      { amountRatio: -0.5 },
      { startTime: 10, endTime: 5 },
      { unique: 'paths' },
      { maxChains: 0 },
      { edgeTypes: [] },
    ])
      expectEngineError(
        () => traceFunds(graph, 'Account:S', options as never),
        InvalidInputError,
        'analysis.badArgument',
      );
    expectEngineError(() => traceFunds(graph, 'Account:nope'), NotFoundError, 'analysis.nodeNotFound');
  });

  it('follows money forward through strictly later hops, never revisiting an account', () => {
    const result = traceFunds(graph, 'Account:S');
    expect(names(result.chains)).toEqual(['SA', 'SAH', 'SAHD', 'SAC', 'SACD', 'SB', 'SBC', 'SBCD']);
    expect(result.truncated).toBe(false);
    expect(result.chains[2]).toEqual({
      nodes: ['Account:S', 'Account:A', 'Account:H', 'Account:D'],
      edges: ['t1', 't8', 't9'],
      hops: [
        { edge: 't1', from: 'Account:S', to: 'Account:A', amount: 100, time: 10 },
        { edge: 't8', from: 'Account:A', to: 'Account:H', amount: 60, time: 12 },
        { edge: 't9', from: 'Account:H', to: 'Account:D', amount: 60, time: 13 },
      ],
    });
    // D is reached by three chains whose last hops are t9, t6, t6: the shared t6 counts once.
    expect(result.endpoints).toEqual([
      { id: 'Account:A', total: 100, chains: 1, minHops: 1 },
      { id: 'Account:B', total: 50, chains: 1, minHops: 1 },
      { id: 'Account:C', total: 135, chains: 2, minHops: 2 },
      { id: 'Account:H', total: 60, chains: 1, minHops: 2 },
      { id: 'Account:D', total: 140, chains: 3, minHops: 3 },
    ]);
  });

  it('applies maxHops, the window, minimum amounts and the time range', () => {
    expect(names(traceFunds(graph, 'Account:S', { maxHops: 1 }).chains)).toEqual(['SA', 'SB']);
    expect(names(traceFunds(graph, 'Account:S', { windowMs: 15 }).chains)).toEqual([
      'SA',
      'SAH',
      'SAHD',
      'SAC',
      'SB',
      'SBC',
      'SBCD',
    ]);
    expect(names(traceFunds(graph, 'Account:S', { minAmount: 50 }).chains)).toEqual([
      'SA',
      'SAH',
      'SAHD',
      'SAC',
      'SACD',
      'SB',
    ]);
    expect(names(traceFunds(graph, 'Account:S', { startTime: 11, endTime: 35 }).chains)).toEqual([
      'SB',
      'SBC',
      'SBCD',
    ]);
  });

  it('keeps money-carrying chains with amountRatio (later hop ≥ ratio × earlier hop)', () => {
    expect(names(traceFunds(graph, 'Account:S', { amountRatio: 0.9 }).chains)).toEqual([
      'SA',
      'SAC',
      'SB',
      'SBC',
      'SBCD',
    ]);
  });

  it('does not expand through hubs, which can still end a chain', () => {
    const result = traceFunds(graph, 'Account:S', { hubDegree: 4 });
    expect(names(result.chains)).toEqual(['SA', 'SAH', 'SAC', 'SACD', 'SB', 'SBC', 'SBCD']);
    expect(result.endpoints.find((e) => e.id === 'Account:D')).toEqual({
      id: 'Account:D',
      total: 80,
      chains: 2,
      minHops: 3,
    });
  });

  it('traces backward through strictly earlier hops, reporting real payer and payee', () => {
    const result = traceFunds(graph, 'Account:D', { direction: 'backward' });
    expect(names(result.chains)).toEqual([
      'DH',
      'DHX1',
      'DHX2',
      'DHX3',
      'DHA',
      'DHAS',
      'DC',
      'DCA',
      'DCA',
      'DCAS',
      'DCB',
      'DCBS',
    ]);
    expect(result.chains[0]!.hops).toEqual([
      { edge: 't9', from: 'Account:H', to: 'Account:D', amount: 60, time: 13 },
    ]);
    expect(result.endpoints.find((e) => e.id === 'Account:S')).toEqual({
      id: 'Account:S',
      total: 150,
      chains: 3,
      minHops: 3,
    });
    // Parallel transfers A→C give the same account sequence: one chain per sequence on request.
    expect(
      names(traceFunds(graph, 'Account:D', { direction: 'backward', unique: 'nodes' }).chains),
    ).toHaveLength(11);
    // The ratio is judged in time order, so backward finds the same S→B→C→D chain as forward, and drops
    // S→A→C→D (80 < 0.9 × 90) and S→A→H→D (60 < 0.9 × 100) as forward does.
    expect(
      names(traceFunds(graph, 'Account:D', { direction: 'backward', amountRatio: 0.9, maxHops: 3 }).chains),
    ).toEqual(['DH', 'DHX1', 'DHX2', 'DHX3', 'DHA', 'DC', 'DCA', 'DCB', 'DCBS']);
  });

  it('ignores time order on request (FinBench TCR8), still within bounds and window', () => {
    // A→C 30@5 may now follow S→A 100@10 (A's arcs are taken in time order: t4@5, t8@12, t3@15);
    // C→S is still refused because S is already on the chain.
    expect(names(traceFunds(graph, 'Account:S', { ordered: false }).chains)).toEqual([
      'SA',
      'SAC',
      'SACD',
      'SAH',
      'SAHD',
      'SAC',
      'SACD',
      'SB',
      'SBC',
      'SBCD',
    ]);
    // Window 5 around the first hop: [5, 15] after S→A@10, [15, 25] after S→B@20.
    expect(names(traceFunds(graph, 'Account:S', { ordered: false, windowMs: 5 }).chains)).toEqual([
      'SA',
      'SAC',
      'SAH',
      'SAHD',
      'SAC',
      'SB',
      'SBC',
    ]);
    expectEngineError(
      () => traceFunds(graph, 'Account:S', { ordered: 'no' as never }),
      InvalidInputError,
      'analysis.badArgument',
    );
  });

  it('stops at maxChains and says so', () => {
    const result = traceFunds(graph, 'Account:S', { maxChains: 2 });
    expect(names(result.chains)).toEqual(['SA', 'SAH']);
    expect(result.truncated).toBe(true);
  });
});
