// The public-benchmark part of the Louvain bench: LFR μ 0.1–0.8, football and dolphins, seeds averaged.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type findPython, type Outcome, referenceOf, runPython, runQingfeng } from './contenders.ts';
import { gmlEdgeList } from './edgeList.ts';
import { fixed, type Goal, mean } from './report.ts';

/** [name, file under the benchmark folder, ground-truth attribute]. */
const GRAPHS: Array<[string, string, string]> = [
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((mu): [string, string, string] => [
    `lfr-mu-0.${mu}`,
    `lfr/mu-0.${mu}.gml`,
    'community',
  ]),
  ['football', 'football.gml', 'value'],
  ['dolphins', 'dolphins.gml', 'group'],
];

/** Largest |Q(Qingfeng) − Q(igraph)| accepted, means over the seeds. */
const TOLERANCE = 0.005;

export interface BenchmarkRow {
  graph: string;
  nodes: number;
  edges: number;
  /** contender → means over seeds. */
  means: Record<string, { modularity: number; nmi: number; count: number; totalSeconds: number }>;
}

type Python = NonNullable<ReturnType<typeof findPython>>;

export async function runBenchmarks(
  dir: string,
  dataDir: string,
  seeds: number[],
  igraph: Python,
  networkx: Python | null,
): Promise<{ rows: BenchmarkRow[]; outcomes: Outcome[]; goals: Goal[]; notes: string[] }> {
  const rows: BenchmarkRow[] = [];
  const outcomes: Outcome[] = [];
  const notes: string[] = [];
  for (const [name, path, attribute] of GRAPHS) {
    if (!existsSync(join(dir, path))) {
      notes.push(`${name}: ${join(dir, path)} not found, skipped`);
      continue;
    }
    const file = gmlEdgeList(dataDir, join(dir, path), name, attribute);
    const reference = referenceOf(file);
    const found: Outcome[] = [...(await runPython(igraph.python, 'igraph', file, seeds, reference, 600))!];
    if (networkx)
      found.push(...((await runPython(networkx.python, 'networkx', file, seeds, reference, 600)) ?? []));
    for (const seed of seeds) found.push(runQingfeng(file, seed, reference));
    outcomes.push(...found);
    const means: BenchmarkRow['means'] = {};
    for (const contender of new Set(found.map((o) => o.contender))) {
      const mine = found.filter((o) => o.contender === contender);
      means[contender] = {
        modularity: mean(mine.map((o) => o.modularity)),
        nmi: mean(mine.map((o) => o.nmi)),
        count: mean(mine.map((o) => o.count)),
        totalSeconds: mean(mine.map((o) => o.totalSeconds)),
      };
    }
    rows.push({ graph: name, nodes: file.nodes, edges: reference.compact.total, means });
  }
  const worst = rows.map((row) => ({ row, delta: delta(row) }));
  for (const { row, delta: d } of worst)
    if (d > TOLERANCE)
      notes.push(
        `${row.graph}: Qingfeng's modularity is ${fixed(d, 4)} above igraph's, more than ${TOLERANCE}: a better ` +
          'optimum (every Q here is computed by one function on one graph), not a disagreement',
      );
  const goals: Goal[] = [
    {
      name: `benchmarks: modularity within ${TOLERANCE} of igraph's (means over seeds; higher is fine)`,
      pass: worst.length > 0 && worst.every((w) => w.delta >= -TOLERANCE),
      detail: worst.map((w) => `${w.row.graph} ${w.delta >= 0 ? '+' : ''}${fixed(w.delta, 4)}`).join(', '),
    },
  ];
  return { rows, outcomes, goals, notes };
}

/** Q(Qingfeng) − Q(igraph), means over seeds. */
function delta(row: BenchmarkRow): number {
  return row.means.qingfeng!.modularity - row.means.igraph!.modularity;
}

export const BENCHMARK_HEADERS = [
  'graph',
  'nodes',
  'edges',
  'Q igraph',
  'Q networkx',
  'Q qingfeng',
  'ΔQ qf−ig',
  'NMI igraph',
  'NMI networkx',
  'NMI qingfeng',
  'k ig/nx/qf',
  'ms igraph',
  'ms networkx',
  'ms qingfeng',
];

export function benchmarkRows(rows: readonly BenchmarkRow[]): Array<Array<string | number>> {
  return rows.map((row) => {
    const m = (who: string) => row.means[who];
    const q = (who: string) => fixed(m(who)?.modularity ?? Number.NaN, 4);
    const nmi = (who: string) => fixed(m(who)?.nmi ?? Number.NaN, 4);
    const ms = (who: string) => fixed((m(who)?.totalSeconds ?? Number.NaN) * 1000, 1);
    const k = (who: string) => fixed(m(who)?.count ?? Number.NaN, 1);
    const d = delta(row);
    return [
      row.graph,
      row.nodes,
      row.edges,
      q('igraph'),
      q('networkx'),
      q('qingfeng'),
      `${d >= 0 ? '+' : ''}${fixed(d, 4)}`,
      nmi('igraph'),
      nmi('networkx'),
      nmi('qingfeng'),
      `${k('igraph')}/${k('networkx')}/${k('qingfeng')}`,
      ms('igraph'),
      ms('networkx'),
      ms('qingfeng'),
    ];
  });
}
