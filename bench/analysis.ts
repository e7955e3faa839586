// Louvain bench: Qingfeng's community detection against python-igraph and NetworkX on shared edge lists.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BENCHMARK_HEADERS, benchmarkRows, runBenchmarks } from './analysis/benchmarks.ts';
import { findPython, type Outcome, referenceOf, runQingfeng } from './analysis/contenders.ts';
import { plantedEdgeList } from './analysis/edgeList.ts';
import { runPlanted } from './analysis/planted.ts';
import {
  formatTable,
  type Goal,
  machine,
  PLANTED_HEADERS,
  plantedRows,
  printGoals,
  writeRecord,
} from './analysis/report.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = join(ROOT, 'bench', 'results');

const USAGE = `npm run bench:analysis -- [options]

  --nodes N             planted-partition nodes (default 50000)
  --blocks N            planted blocks of equal size (default 40)
  --edges N             distinct edges (default 1000000)
  --inside F            share of edges inside blocks (default 0.8)
  --seeds S             how many seeds (1..S), or a list such as 4,5,6 (default 3); each seed draws its own
                        graph and seeds every contender
  --repeats N           timed repeats of igraph and Qingfeng per seed, alternating, median kept (default 3)
  --skip-networkx       do not run NetworkX (it takes minutes on the default graph)
  --networkx-timeout S  stop a NetworkX run after S seconds (default 600)
  --skip-graphology     do not run the graphology paths (graphology-communities-louvain, AnalysisGraph)
  --skip-benchmarks     do not run the LFR / football / dolphins comparison
  --benchmarks DIR      folder of the GML benchmarks (default ../shared/data/community_benchmarks)
  -h, --help            this text

igraph comes from Debian's python3-igraph (apt-get install -y python3-igraph), NetworkX from PyPI; each is
looked for in BENCH_PYTHON, python3, then /usr/bin/python3. Graphs are cached in bench/results/analysis-data/.`;

function positive(name: string, value: string | undefined, fallback: number, integer = true): number {
  if (value === undefined) return fallback;
  const n = Number(value.replaceAll('_', '').replaceAll(',', ''));
  if (!(n > 0) || (integer && !Number.isInteger(n)))
    throw new Error(`--${name} expects a positive number, got ${value}`);
  return n;
}

function seedList(value: string | undefined): number[] {
  if (value === undefined) return [1, 2, 3];
  if (value.includes(',')) {
    const seeds = value.split(',').map(Number);
    if (seeds.some((s) => !Number.isInteger(s))) throw new Error(`--seeds expects integers, got ${value}`);
    return seeds;
  }
  return Array.from({ length: positive('seeds', value, 3) }, (_, i) => i + 1);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      nodes: { type: 'string' },
      blocks: { type: 'string' },
      edges: { type: 'string' },
      inside: { type: 'string' },
      seeds: { type: 'string' },
      repeats: { type: 'string' },
      'skip-networkx': { type: 'boolean', default: false },
      'networkx-timeout': { type: 'string' },
      'skip-graphology': { type: 'boolean', default: false },
      'skip-benchmarks': { type: 'boolean', default: false },
      benchmarks: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const inside = positive('inside', values.inside, 0.8, false);
  if (inside >= 1) throw new Error('--inside must be below 1');
  const options = {
    nodes: positive('nodes', values.nodes, 50_000),
    blocks: positive('blocks', values.blocks, 40),
    edges: positive('edges', values.edges, 1_000_000),
    inside,
    seeds: seedList(values.seeds),
    repeats: positive('repeats', values.repeats, 3),
    skipNetworkx: values['skip-networkx'],
    skipGraphology: values['skip-graphology'],
    networkxTimeout: positive('networkx-timeout', values['networkx-timeout'], 600),
    dataDir: join(RESULTS, 'analysis-data'),
  };
  const benchmarkDir = values.benchmarks ?? join(ROOT, '..', 'shared', 'data', 'community_benchmarks');

  const igraph = findPython('igraph');
  if (!igraph)
    throw new Error('python-igraph not found: apt-get install -y python3-igraph (or set BENCH_PYTHON)');
  const networkx = options.skipNetworkx ? null : findPython('networkx');
  if (!options.skipNetworkx && !networkx)
    throw new Error('NetworkX not found: pip install networkx, or --skip-networkx');
  console.log(
    `igraph ${igraph.version} (${igraph.python}), NetworkX ${networkx?.version ?? 'skipped'} (${networkx?.python ?? '–'})`,
  );

  // Warm-up (not measured): V8 compiles the hot loops once, as it would have in a long-running server.
  const warm = plantedEdgeList(options.dataDir, { ...options, nodes: 5000, edges: 100_000, seed: 999 });
  const warmReference = referenceOf(warm);
  for (let i = 0; i < 3; i++) runQingfeng(warm, 999 + i, warmReference);

  const started = new Date().toISOString();
  const planted = await runPlanted(options, igraph, networkx, console.log);
  console.log(
    `\nPlanted partition: ${options.nodes} nodes, ${options.blocks} blocks, ${options.edges} edges, ${inside * 100}% inside`,
  );
  console.log(formatTable(PLANTED_HEADERS, plantedRows(planted.summaries)));
  console.log('times: median of the repeats; load = read + parse + build; quality from the first repeat');
  const goals: Goal[] = [...planted.goals];
  const notes = [...planted.notes];

  let benchmarks = null;
  if (!values['skip-benchmarks']) {
    benchmarks = await runBenchmarks(benchmarkDir, options.dataDir, options.seeds, igraph, networkx);
    console.log(`\nPublic benchmarks (${benchmarkDir}), means over seeds ${options.seeds.join(', ')}`);
    console.log(formatTable(BENCHMARK_HEADERS, benchmarkRows(benchmarks.rows)));
    goals.push(...benchmarks.goals);
    notes.push(...benchmarks.notes);
  }
  goals.push(consistency([...planted.outcomes, ...(benchmarks?.outcomes ?? [])]));
  console.log('');
  for (const note of notes) console.log(`note: ${note}`);
  printGoals(goals);
  const path = writeRecord(RESULTS, {
    started,
    finished: new Date().toISOString(),
    options: { ...options, benchmarkDir },
    machine: machine({ igraph, networkx }),
    planted: { summaries: planted.summaries, outcomes: planted.outcomes },
    benchmarks: benchmarks && { rows: benchmarks.rows, outcomes: benchmarks.outcomes },
    goals,
    notes,
  });
  console.log(`results: ${path}`);
  return goals.every((g) => g.pass) ? 0 : 1;
}

/** A check of the measurement itself: the modularity computed here equals each contender's own figure. */
function consistency(outcomes: readonly Outcome[]): Goal {
  const checked = outcomes.filter((o) => o.ownModularity !== undefined);
  const worst = Math.max(...checked.map((o) => Math.abs(o.ownModularity! - o.modularity)));
  return {
    name: "check: Q computed here equals every contender's own Q",
    pass: worst < 1e-6,
    detail: `largest difference ${worst.toExponential(1)} over ${checked.length} runs`,
  };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
