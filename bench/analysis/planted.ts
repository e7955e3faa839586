// The planted-partition part of the Louvain bench: igraph, Qingfeng, graphology and NetworkX on one edge list.
import {
  type ChildContender,
  type findPython,
  type Outcome,
  type Reference,
  referenceOf,
  runInChild,
  runPython,
  runQingfeng,
} from './contenders.ts';
import { type EdgeListFile, plantedEdgeList } from './edgeList.ts';
import { fixed, type Goal, ratio, type Summary, summarise } from './report.ts';

export interface PlantedOptions {
  nodes: number;
  blocks: number;
  edges: number;
  inside: number;
  seeds: number[];
  repeats: number;
  skipNetworkx: boolean;
  skipGraphology: boolean;
  networkxTimeout: number;
  dataDir: string;
}

export interface PlantedResult {
  outcomes: Outcome[];
  summaries: Summary[];
  goals: Goal[];
  notes: string[];
}

type Python = NonNullable<ReturnType<typeof findPython>>;

export async function runPlanted(
  o: PlantedOptions,
  igraph: Python,
  networkx: Python | null,
  log: (line: string) => void,
): Promise<PlantedResult> {
  const outcomes: Outcome[] = [];
  const summaries: Summary[] = [];
  const notes: string[] = [];
  for (const seed of o.seeds) {
    const file = plantedEdgeList(o.dataDir, { ...o, seed });
    const reference = referenceOf(file);
    log(`seed ${seed}: ${file.nodes} nodes, ${reference.compact.total} edges (${file.edgesPath})`);
    const timed: Record<string, Outcome[]> = { igraph: [], qingfeng: [] };
    // Timed repeats alternate which contender goes first, so neither always runs on a busier machine.
    for (let r = 0; r < o.repeats; r++) {
      const order = r % 2 === 0 ? ['igraph', 'qingfeng'] : ['qingfeng', 'igraph'];
      for (const who of order) {
        const outcome =
          who === 'igraph'
            ? await runIgraph(igraph, file, seed, reference)
            : runQingfeng(file, seed, reference);
        timed[who]!.push(outcome);
        log(`  ${who.padEnd(20)} ${outcome.totalSeconds.toFixed(3)} s  Q ${outcome.modularity.toFixed(4)}`);
      }
    }
    const once: Outcome[][] = [timed.igraph!, timed.qingfeng!];
    const children: ChildContender[] = ['qingfeng-cold'];
    if (!o.skipGraphology) children.push('graphology-louvain', 'qingfeng-graphology');
    for (const contender of children) {
      const outcome = await runInChild(contender, file, seed, reference);
      once.push([outcome]);
      log(
        `  ${contender.padEnd(20)} ${outcome.totalSeconds.toFixed(3)} s  Q ${outcome.modularity.toFixed(4)}`,
      );
    }
    if (networkx) {
      const result = await runPython(networkx.python, 'networkx', file, [seed], reference, o.networkxTimeout);
      if (result) {
        once.push(result);
        log(`  ${'networkx'.padEnd(20)} ${result[0]!.totalSeconds.toFixed(3)} s`);
      } else notes.push(`seed ${seed}: NetworkX stopped after ${o.networkxTimeout} s (--networkx-timeout)`);
    }
    for (const group of once) {
      outcomes.push(...group);
      summaries.push(summarise(group));
    }
  }
  return { outcomes, summaries, goals: plantedGoals(summaries, o.seeds), notes };
}

async function runIgraph(
  igraph: Python,
  file: EdgeListFile,
  seed: number,
  reference: Reference,
): Promise<Outcome> {
  const result = await runPython(igraph.python, 'igraph', file, [seed], reference, 600);
  if (!result) throw new Error(`igraph ran past 600 s on ${file.name}`);
  return result[0]!;
}

/** The issue's goals, per seed and over all seeds (time: sum of the per-seed medians). */
function plantedGoals(summaries: readonly Summary[], seeds: readonly number[]): Goal[] {
  const of = (contender: string, seed: number) =>
    summaries.find((s) => s.contender === contender && s.seed === seed)!;
  const pairs = seeds.map((seed) => ({ seed, ig: of('igraph', seed), qf: of('qingfeng', seed) }));
  const qfTime = pairs.reduce((sum, p) => sum + p.qf.totalSeconds, 0);
  const igTime = pairs.reduce((sum, p) => sum + p.ig.totalSeconds, 0);
  const qfCpu = pairs.reduce((sum, p) => sum + p.qf.cpuSeconds, 0);
  const igCpu = pairs.reduce((sum, p) => sum + p.ig.cpuSeconds, 0);
  const perSeed = (f: (p: (typeof pairs)[number]) => string) => pairs.map(f).join('; ');
  return [
    {
      name: 'time: Qingfeng build + partition ≤ 1.0× igraph load + community_multilevel',
      pass: qfTime <= igTime,
      detail:
        `${ratio(qfTime / igTime)} wall over ${seeds.length} seed(s) (${fixed(qfTime, 2)} s vs ${fixed(igTime, 2)} s; ` +
        `${perSeed((p) => `seed ${p.seed} ${ratio(p.qf.totalSeconds / p.ig.totalSeconds)}`)}); ` +
        `CPU time ${ratio(qfCpu / igCpu)}`,
    },
    {
      name: 'modularity ≥ igraph − 0.002 on every seed',
      pass: pairs.every((p) => p.qf.modularity >= p.ig.modularity - 0.002),
      detail: perSeed((p) => `seed ${p.seed} ${fixed(p.qf.modularity, 4)} vs ${fixed(p.ig.modularity, 4)}`),
    },
    {
      name: 'NMI ≥ igraph on every seed (planted blocks found)',
      pass: pairs.every((p) => p.qf.nmi >= p.ig.nmi - 1e-9),
      detail: perSeed(
        (p) =>
          `seed ${p.seed} ${fixed(p.qf.nmi, 4)} (${p.qf.count}) vs ${fixed(p.ig.nmi, 4)} (${p.ig.count})`,
      ),
    },
  ];
}
