// Pure parts of the models on hand-drawn inputs: splits, pass-through, fan-in, IDs, stakes, time-ordered chains.
import { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { fanIn, gatheredBursts } from '../../../engine/detect/models/fanIn.ts';
import { idProblem } from '../../../engine/detect/models/ghost.ts';
import { episodesOf } from '../../../engine/detect/models/passThrough.ts';
import { splitSeries } from '../../../engine/detect/models/splitPayments.ts';
import { Ownership } from '../../../engine/detect/shared/ownership.ts';
import type { Payer, Payment } from '../../../engine/detect/shared/payers.ts';
import { findChains } from '../../../engine/detect/shared/reach.ts';
import type { Reader } from '../../../engine/detect/types.ts';

const payer = {} as Payer;
const pay = (date: string, amount: number): Payment => ({ payer, date, amount, rels: [] });

describe('splitSeries', () => {
  it('finds three under-threshold payments within 15 days that sum above it', () => {
    const series = splitSeries(
      [pay('2026-02-07', 9_800), pay('2026-02-12', 9_650.5), pay('2026-02-18', 9_900)],
      15,
      3,
      10_000,
    );
    expect(series.map((p) => p.amount)).toEqual([9_800, 9_650.5, 9_900]);
  });

  it('leaves 9,900 spread over three months, two payments, and a small total alone', () => {
    expect(
      splitSeries(
        [pay('2026-01-10', 9_900), pay('2026-02-12', 9_900), pay('2026-03-15', 9_900)],
        15,
        3,
        10_000,
      ),
    ).toEqual([]);
    expect(splitSeries([pay('2026-01-10', 9_900), pay('2026-01-12', 9_900)], 15, 3, 10_000)).toEqual([]);
    expect(
      splitSeries(
        [pay('2026-01-10', 3_000), pay('2026-01-12', 3_200), pay('2026-01-19', 3_100)],
        15,
        3,
        10_000,
      ),
    ).toEqual([]);
  });

  it('counts day 15 in and day 16 out', () => {
    const edge = [pay('2026-01-01', 9_000), pay('2026-01-08', 9_000), pay('2026-01-16', 9_000)];
    expect(splitSeries(edge, 15, 3, 10_000)).toHaveLength(3);
    expect(splitSeries([...edge.slice(0, 2), pay('2026-01-17', 9_000)], 15, 3, 10_000)).toEqual([]);
  });
});

describe('episodesOf (pass-through)', () => {
  const row = (k: string, amount: number, time: string, outs: [string, number, string][]) => ({
    a: 'X',
    source: 'S',
    k,
    amount,
    time,
    outs: outs.map(([ok, oa, ot]) => ({ k: ok, amount: oa, time: ot, to: 'D' })),
  });

  it('counts an episode when ≥ 90% goes out, each outflow once', () => {
    const eps = episodesOf(
      [
        row('i1', 100_000, '2026-01-01T09:00:00', [['o1', 95_000, '2026-01-01T10:00:00']]),
        row('i2', 100_000, '2026-01-01T09:30:00', [['o1', 95_000, '2026-01-01T10:00:00']]),
        row('i3', 60_000, '2026-02-01T09:00:00', [
          ['o2', 30_000, '2026-02-01T10:00:00'],
          ['o3', 25_000, '2026-02-01T11:00:00'],
        ]),
      ],
      0.9,
    );
    expect(eps.map((e) => e.inflow.key)).toEqual(['i1', 'i3']);
    expect(eps[1]!.sent).toBe(55_000);
  });
});

describe('gatheredBursts (fan-in)', () => {
  const burst = (s: string, day: string) => ({ s, day, n: 2, total: 100, keys: [] });
  it('needs enough distinct senders inside one window', () => {
    const three = [burst('a', '2026-01-01'), burst('b', '2026-01-20'), burst('c', '2026-01-30')];
    expect(gatheredBursts(three, 30, 3)).toHaveLength(3);
    expect(gatheredBursts(three, 20, 3)).toEqual([]);
    expect(
      gatheredBursts([burst('a', '2026-01-01'), burst('a', '2026-01-02'), burst('b', '2026-01-03')], 30, 3),
    ).toEqual([]);
    expect(fanIn.defaults.minSenders).toBe(3);
  });
});

describe('idProblem (GB 11643)', () => {
  it('names what is wrong with an ID number as written', () => {
    expect(idProblem('33119919400623723X')).toBeNull();
    expect(idProblem('331199194002283361')?.zh).toBe('校验码错误');
    expect(idProblem('331199194102302345')?.zh).toBe('出生日期不存在');
    expect(idProblem('12345')?.en).toContain('length');
    expect(idProblem('331199400623723')).toBeNull();
  });
});

describe('Ownership.indirectStakes', () => {
  function graph(edges: [string, string, number][]): Ownership {
    const own = new Ownership();
    for (const [from, to, ratio] of edges) {
      for (const id of [from, to])
        if (!own.graph.hasNode(id))
          own.graph.addNode(id, { type: id.split(':')[0]!, key: id.split(':')[1]!, label: id });
      own.graph.addDirectedEdgeWithKey(`e${own.graph.size}`, from, to, { type: 'SHAREHOLDER', ratio });
    }
    return own;
  }

  it('multiplies along chains and sums over chains, counting only chains of two or more holdings', () => {
    const own = graph([
      ['Person:R', 'Company:A', 1],
      ['Person:R', 'Company:B', 1],
      ['Company:A', 'Company:T', 0.2],
      ['Company:B', 'Company:T', 0.15],
      ['Person:R', 'Company:T', 0.1],
    ]);
    const [stake] = own.indirectStakes('T', 2, 10);
    expect(stake!.holderKey).toBe('R');
    expect(stake!.ratio).toBeCloseTo(0.35);
    expect(stake!.paths).toHaveLength(2);
    expect(own.indirectStakes('T', 1, 10)[0]!.ratio).toBeCloseTo(0.45);
  });

  it('stays finite on cross-holdings and sees every formal owner above a company', () => {
    const own = graph([
      ['Person:R', 'Company:H8', 0.6],
      ['Company:H8', 'Company:H9', 0.5],
      ['Company:H9', 'Company:H8', 0.5],
      ['Company:H8', 'Company:T', 0.5],
    ]);
    expect(own.indirectStakes('T', 2, 10)[0]!.ratio).toBeCloseTo(0.3);
    expect([...own.ancestors('T')].sort()).toEqual(['Company:H8', 'Company:H9', 'Person:R']);
    expect(new MultiDirectedGraph().order).toBe(0);
  });
});

describe('findChains', () => {
  type E = [string, string, number, string];
  /** A reader answering the in-transfer queries from a list of edges [from, to, amount, time]. */
  function reader(edges: E[]): Reader {
    return {
      read: async () => [],
      stream: async (_cypher, params, onRow) => {
        const nos = params.nos as string[];
        const from = params.from as string[];
        let n = 0;
        for (const [a, b, amount, time] of edges) {
          if (!nos.includes(b) || (from.length && !from.includes(a))) continue;
          onRow({ a, b, amount, time, k: `${a}>${b}@${time}` } as never);
          n += 1;
        }
        return n;
      },
    };
  }
  const options = {
    maxHops: 4,
    minHops: 2,
    windowMs: 30 * 86_400_000,
    minAmount: 0,
    asOf: '2026-12-31',
    maxChains: 100,
  };

  it('follows strictly later hops within the window, up to three intermediaries', async () => {
    const edges: E[] = [
      ['V', 'K', 300_000, '2026-02-01T10:00:00'],
      ['K', 'M', 60_000, '2026-02-05T10:00:00'],
      ['M', 'R', 58_000, '2026-02-10T10:00:00'],
      ['M', 'R', 1_000, '2026-01-20T10:00:00'],
      ['V', 'R', 3_000, '2026-02-01T10:00:00'],
      ['V', 'A', 1, '2026-03-01T10:00:00'],
      ['A', 'B', 1, '2026-03-02T10:00:00'],
      ['B', 'C', 1, '2026-03-03T10:00:00'],
      ['C', 'D', 1, '2026-03-04T10:00:00'],
      ['D', 'R', 1, '2026-03-05T10:00:00'],
    ];
    const { chains } = await findChains(reader(edges), new Set(['V']), new Set(['R']), options);
    expect(chains.map((c) => c.hops.map((h) => h.to).join('>'))).toEqual(['K>M>R']);
  });

  it('drops chains that take longer than the window', async () => {
    const edges: E[] = [
      ['V', 'K', 300_000, '2026-02-01T10:00:00'],
      ['K', 'R', 60_000, '2026-03-18T10:00:00'],
    ];
    expect((await findChains(reader(edges), new Set(['V']), new Set(['R']), options)).chains).toEqual([]);
  });
});
