// Temporal cycles: exact lists on a hand-drawn transfer graph, brute-force agreement, and planted cycles in noise.
import { describe, expect, it } from 'vitest';
import { compareSequences, seededRng } from '../../../engine/analysis/common.ts';
import { type TemporalCycle, temporalCycles } from '../../../engine/analysis/cycles.ts';
import { InvalidInputError } from '../../../engine/errors.ts';
import { expectEngineError, graphOf, randomTransfers } from './helpers/fixtures.ts';

// e7 A→C 20@0, e1 A→B 100@1, e2 B→C 95@2, e3 C→A 90@3, e5 C→D 10@4, e4 B→A 50@5, e6 D→B 10@6.
const tx = (id: string, amount: number, time: number) => ({ id, amount, time });
const graph = graphOf([
  ['Account:A', 'Account:B', 'TRANSFER', tx('e1', 100, 1)],
  ['Account:B', 'Account:C', 'TRANSFER', tx('e2', 95, 2)],
  ['Account:C', 'Account:A', 'TRANSFER', tx('e3', 90, 3)],
  ['Account:B', 'Account:A', 'TRANSFER', tx('e4', 50, 5)],
  ['Account:C', 'Account:D', 'TRANSFER', tx('e5', 10, 4)],
  ['Account:D', 'Account:B', 'TRANSFER', tx('e6', 10, 6)],
  ['Account:A', 'Account:C', 'TRANSFER', tx('e7', 20, 0)],
  ['Account:D', 'Account:A', 'OWNS_ACCOUNT', { id: 'own' }],
]);

const names = (cycles: TemporalCycle[]) =>
  cycles.map((c) => c.nodes.map((id) => id.slice('Account:'.length)).join(''));

describe('temporalCycles', () => {
  it('refuses bad arguments', () => {
    for (const options of [
      { minLen: 1 },
      { maxLen: 13 },
      { minLen: 4, maxLen: 3 },
      { windowMs: -1 },
      { amountTolerance: -0.1 },
      { maxCycles: 0 },
      { hubDegree: Number.NaN },
      { edgeTypes: ['TRANSFER', ''] },
    ])
      expectEngineError(
        () => temporalCycles(graph, options as never),
        InvalidInputError,
        'analysis.badArgument',
      );
    expectEngineError(() => temporalCycles(undefined as never), InvalidInputError, 'analysis.badArgument');
  });

  it('finds each time-respecting cycle once, from its earliest hop', () => {
    const cycles = temporalCycles(graph);
    expect(names(cycles)).toEqual(['AC', 'AB', 'ABC', 'BCD']);
    expect(cycles[2]).toEqual({
      nodes: ['Account:A', 'Account:B', 'Account:C'],
      edges: ['e1', 'e2', 'e3'],
      hops: [
        { edge: 'e1', from: 'Account:A', to: 'Account:B', amount: 100, time: 1 },
        { edge: 'e2', from: 'Account:B', to: 'Account:C', amount: 95, time: 2 },
        { edge: 'e3', from: 'Account:C', to: 'Account:A', amount: 90, time: 3 },
      ],
      start: 1,
      end: 3,
      total: 285,
    });
  });

  it('applies length, window, amount, tolerance, time range and hub limits', () => {
    expect(names(temporalCycles(graph, { maxLen: 2 }))).toEqual(['AC', 'AB']);
    expect(names(temporalCycles(graph, { minLen: 3 }))).toEqual(['ABC', 'BCD']);
    expect(names(temporalCycles(graph, { windowMs: 2 }))).toEqual(['ABC']);
    expect(names(temporalCycles(graph, { minAmount: 50 }))).toEqual(['AB', 'ABC']);
    expect(names(temporalCycles(graph, { amountTolerance: 0.1 }))).toEqual(['ABC']);
    expect(names(temporalCycles(graph, { startTime: 1 }))).toEqual(['AB', 'ABC', 'BCD']);
    expect(names(temporalCycles(graph, { endTime: 5 }))).toEqual(['AC', 'AB', 'ABC']);
    expect(names(temporalCycles(graph, { hubDegree: 2 }))).toEqual([]);
    expect(names(temporalCycles(graph, { maxCycles: 1 }))).toHaveLength(1);
    expect(temporalCycles(graph, { edgeTypes: ['OWNS_ACCOUNT'] })).toEqual([]);
  });

  it('reports parallel transfers as separate cycles', () => {
    const twice = graphOf([
      ['Account:A', 'Account:B', 'TRANSFER', tx('x1', 10, 1)],
      ['Account:B', 'Account:A', 'TRANSFER', tx('x2', 10, 2)],
      ['Account:B', 'Account:A', 'TRANSFER', tx('x3', 10, 3)],
      ['Account:B', 'Account:A', 'TRANSFER', tx('x4', 10, 1)],
    ]);
    // x4 (B→A at 1) cannot start a cycle: A pays B again only at 1, not later.
    expect(temporalCycles(twice).map((c) => c.edges)).toEqual([
      ['x1', 'x2'],
      ['x1', 'x3'],
    ]);
  });

  it('agrees with brute force on random temporal graphs', () => {
    const rng = seededRng(5);
    for (let trial = 0; trial < 30; trial++) {
      const n = 5 + Math.floor(rng() * 4);
      const rows: Array<[string, string, string, { id: string; amount: number; time: number }]> = [];
      for (let i = 0; i < n * 4; i++) {
        const a = Math.floor(rng() * n);
        const b = Math.floor(rng() * n);
        if (a !== b)
          rows.push([
            `Account:${a}`,
            `Account:${b}`,
            'TRANSFER',
            tx(`t${i}`, 1 + Math.floor(rng() * 10), Math.floor(rng() * 20)),
          ]);
      }
      const options = {
        maxLen: 2 + (trial % 4),
        windowMs: 5 + (trial % 3) * 5,
        minAmount: trial % 2 ? 3 : 0,
      };
      const actual = temporalCycles(graphOf(rows), options).map((c) => c.edges.join(','));
      expect(actual.sort(), `trial ${trial}`).toEqual(bruteForce(rows, options).sort());
    }
  });

  it('finds planted cycles among 100k random transfers quickly', () => {
    const rng = seededRng(9);
    const DAY = 86_400_000;
    const accounts = 20_000;
    const g = randomTransfers(accounts, 100_000);
    // 50 planted cycles of 3–6 accounts: about 50 000 passed on within 10% over a few days each.
    const planted: string[][] = [];
    for (let c = 0; c < 50; c++) {
      const length = 3 + (c % 4);
      const members = Array.from({ length }, (_, i) => `Account:${(c * 397 + i * 31) % accounts}`);
      let time = Math.floor(rng() * 300 * DAY);
      let amount = 50_000;
      const edges: string[] = [];
      members.forEach((from, i) => {
        const to = members[(i + 1) % length]!;
        time += Math.floor(DAY / 2 + rng() * DAY);
        amount = Math.round(amount * (0.95 + rng() * 0.04));
        g.addEdgeWithKey(`p${c}-${i}`, from, to, { type: 'TRANSFER', amount, time });
        edges.push(`p${c}-${i}`);
      });
      planted.push(edges);
    }
    const started = performance.now();
    const cycles = temporalCycles(g, { windowMs: 10 * DAY, minAmount: 30_000, amountTolerance: 0.1 });
    const elapsed = performance.now() - started;
    console.log(`temporalCycles: ${g.size} transfers, ${cycles.length} cycles in ${elapsed.toFixed(0)} ms`);
    const found = new Set(cycles.map((c) => c.edges.join(',')));
    expect(planted.filter((edges) => !found.has(edges.join(',')))).toEqual([]);
    expect(cycles).toHaveLength(50);
    expect(elapsed).toBeLessThan(5_000);
  });
});

/** Every simple directed cycle, then the temporal conditions, keeping the rotation that starts at its earliest hop. */
function bruteForce(
  rows: Array<[string, string, string, { id: string; amount: number; time: number }]>,
  options: { maxLen: number; windowMs: number; minAmount: number },
): string[] {
  const arcs = rows.filter(([, , , x]) => x.amount >= options.minAmount);
  const found = new Set<string>();
  const walk = (start: string, node: string, path: typeof arcs, seen: Set<string>) => {
    for (const arc of arcs) {
      if (arc[0] !== node) continue;
      const next = [...path, arc];
      if (arc[1] === start) {
        const times = next.map((a) => a[3].time);
        const ordered = times.every((t, i) => i === 0 || t > times[i - 1]!);
        if (ordered && times[times.length - 1]! - times[0]! <= options.windowMs && next.length >= 2)
          found.add(next.map((a) => a[3].id).join(','));
        continue;
      }
      if (next.length >= options.maxLen || seen.has(arc[1])) continue;
      walk(start, arc[1], next, new Set([...seen, arc[1]]));
    }
  };
  const nodes = new Set(arcs.map((a) => a[0]));
  for (const start of nodes) walk(start, start, [], new Set([start]));
  return [...found].sort(compareSequences as never);
}
