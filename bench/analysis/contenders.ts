// The contenders of the Louvain bench: Node paths in-process or in a fresh child, igraph and NetworkX in Python.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MultiDirectedGraph, UndirectedGraph } from 'graphology';
import louvainImport from 'graphology-communities-louvain';
import { type CompactGraph, compactFromEdgeList } from '../../engine/analysis/collapse.ts';
import { seededRng } from '../../engine/analysis/common.ts';
import { detectCommunities, partitionCompact } from '../../engine/analysis/communities.ts';
import type { EdgeAttrs, NodeAttrs } from '../../engine/analysis/graph.ts';
import { compactModularity } from '../../engine/analysis/modularity.ts';
import { normalizedMutualInformation } from '../../engine/analysis/nmi.ts';
import { type EdgeListFile, parseEdgeList, readTruth } from './edgeList.ts';

type Louvain = typeof louvainImport.default;
const louvain: Louvain = ((louvainImport as { default?: Louvain }).default ?? louvainImport) as Louvain;
const SCRIPT = fileURLToPath(new URL('louvain.py', import.meta.url));
const SELF = fileURLToPath(import.meta.url);

/** One contender's run on one graph with one seed; modularity and NMI are computed here for everyone. */
export interface Outcome {
  contender: string;
  seed: number;
  /** Reading the edge list and building the contender's graph. */
  loadSeconds: number;
  /** The community detection call. */
  runSeconds: number;
  totalSeconds: number;
  /** CPU time of load + run (user + system, every thread): less disturbed by other work than wall time. */
  cpuSeconds: number;
  modularity: number;
  /** Modularity as the contender reported it, when it did. */
  ownModularity?: number;
  count: number;
  nmi: number;
  /** Qingfeng only: reading and parsing the file (part of loadSeconds). */
  parseSeconds?: number;
}

/** The reference a membership is scored against: the collapsed graph and the planted (true) labels. */
export interface Reference {
  compact: CompactGraph;
  truth: Record<string, string>;
}

export function referenceOf(file: EdgeListFile): Reference {
  const { src, dst } = parseEdgeList(readFileSync(file.edgesPath));
  const compact = compactFromEdgeList(src, dst, undefined, file.nodes);
  const truth: Record<string, string> = {};
  readTruth(file).forEach((label, i) => {
    truth[String(i)] = label;
  });
  return { compact, truth };
}

export function score(reference: Reference, membership: ArrayLike<number>) {
  const labels = Int32Array.from(membership);
  const assignment: Record<string, number> = {};
  for (let i = 0; i < labels.length; i++) assignment[String(i)] = labels[i]!;
  const modularity = compactModularity(reference.compact, dense(labels));
  return {
    modularity,
    count: new Set(labels).size,
    nmi: normalizedMutualInformation(reference.truth, assignment),
  };
}

/** Labels renumbered 0..k-1 (compactModularity indexes communities by label). */
function dense(labels: Int32Array): Int32Array {
  const map = new Map<number, number>();
  return labels.map((label) => {
    if (!map.has(label)) map.set(label, map.size);
    return map.get(label)!;
  });
}

const seconds = (from: number, to: number) => (to - from) / 1000;
const cpuSince = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
};

/** Timings and membership of one Node contender's run, before scoring. */
export interface TimedRun {
  parseSeconds?: number;
  loadSeconds: number;
  runSeconds: number;
  cpuSeconds: number;
  modularity: number;
  membership: ArrayLike<number>;
}

/** Qingfeng's fast path: edge list → typed arrays → CSR (compactFromEdgeList) → partitionCompact (defaults). */
export function timeQingfeng(edgesPath: string, nodes: number, seed: number): TimedRun {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { src, dst } = parseEdgeList(readFileSync(edgesPath));
  const parsed = performance.now();
  const compact = compactFromEdgeList(src, dst, undefined, nodes);
  const built = performance.now();
  const result = partitionCompact(compact, { seed });
  const done = performance.now();
  return {
    parseSeconds: seconds(started, parsed),
    loadSeconds: seconds(started, built),
    runSeconds: seconds(built, done),
    cpuSeconds: cpuSince(cpu),
    modularity: result.modularity,
    membership: result.membership,
  };
}

/** Qingfeng's graphology path: an AnalysisGraph (as a projection hands over) → detectCommunities. */
function timeQingfengGraph(edgesPath: string, nodes: number, seed: number): TimedRun {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { src, dst } = parseEdgeList(readFileSync(edgesPath));
  const graph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
  for (let i = 0; i < nodes; i++) graph.addNode(String(i), { type: 'Person', key: String(i), label: '' });
  for (let e = 0; e < src.length; e++) graph.addEdge(String(src[e]), String(dst[e]), { type: 'KNOWS' });
  const built = performance.now();
  const result = detectCommunities(graph, { seed });
  const done = performance.now();
  return {
    loadSeconds: seconds(started, built),
    runSeconds: seconds(built, done),
    cpuSeconds: cpuSince(cpu),
    modularity: result.modularity,
    membership: Array.from({ length: nodes }, (_, i) => result.assignment[String(i)]!),
  };
}

/** The starting point: a graphology UndirectedGraph and graphology-communities-louvain alone. */
function timeGraphologyLouvain(edgesPath: string, nodes: number, seed: number): TimedRun {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { src, dst } = parseEdgeList(readFileSync(edgesPath));
  const graph = new UndirectedGraph();
  for (let i = 0; i < nodes; i++) graph.addNode(String(i));
  for (let e = 0; e < src.length; e++) if (src[e] !== dst[e]) graph.mergeEdge(String(src[e]), String(dst[e]));
  const built = performance.now();
  const found = louvain.detailed(graph, { rng: seededRng(seed) });
  const done = performance.now();
  return {
    loadSeconds: seconds(started, built),
    runSeconds: seconds(built, done),
    cpuSeconds: cpuSince(cpu),
    modularity: found.modularity,
    membership: Array.from({ length: nodes }, (_, i) => found.communities[String(i)]!),
  };
}

const CHILD_RUNS = {
  'qingfeng-cold': timeQingfeng,
  'qingfeng-graphology': timeQingfengGraph,
  'graphology-louvain': timeGraphologyLouvain,
};
export type ChildContender = keyof typeof CHILD_RUNS;

function scoreRun(contender: string, seed: number, run: TimedRun, reference: Reference): Outcome {
  return {
    contender,
    seed,
    ...(run.parseSeconds === undefined ? {} : { parseSeconds: run.parseSeconds }),
    loadSeconds: run.loadSeconds,
    runSeconds: run.runSeconds,
    totalSeconds: run.loadSeconds + run.runSeconds,
    cpuSeconds: run.cpuSeconds,
    ownModularity: run.modularity,
    ...score(reference, run.membership),
  };
}

/** Qingfeng's fast path in the bench's own process (warmed up by the caller). */
export function runQingfeng(file: EdgeListFile, seed: number, reference: Reference): Outcome {
  return scoreRun('qingfeng', seed, timeQingfeng(file.edgesPath, file.nodes, seed), reference);
}

/**
 * A Node contender in a fresh process, so that its heap does not weigh on the others (and, for
 * qingfeng-cold, without JIT warm-up). Start-up and module loading are not counted, as for Python.
 */
export async function runInChild(
  contender: ChildContender,
  file: EdgeListFile,
  seed: number,
  reference: Reference,
): Promise<Outcome> {
  const args = [
    ...process.execArgv,
    SELF,
    '--child',
    contender,
    file.edgesPath,
    String(file.nodes),
    String(seed),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const out: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`${contender} failed (exit ${code})`);
  return scoreRun(contender, seed, JSON.parse(Buffer.concat(out).toString()) as TimedRun, reference);
}

/** The first interpreter (env BENCH_PYTHON, then python3, then /usr/bin/python3) that imports `module`. */
export function findPython(module: 'igraph' | 'networkx'): { python: string; version: string } | null {
  const candidates = [process.env.BENCH_PYTHON, 'python3', '/usr/bin/python3'].filter(
    (p): p is string => !!p,
  );
  for (const python of candidates) {
    const probe = spawnSync(python, [SCRIPT, '--tool', 'probe'], { encoding: 'utf8' });
    if (probe.status !== 0) continue;
    const found = JSON.parse(probe.stdout) as Record<string, string | null>;
    if (found[module]) return { python, version: found[module]! };
  }
  return null;
}

interface PythonResult {
  seed: number;
  loadSeconds: number;
  runSeconds: number;
  cpuSeconds: number;
  modularity: number;
  membership: number[];
}

/** Runs louvain.py for `seeds` (one load and one call each); null when it ran past `timeoutSeconds`. */
export async function runPython(
  python: string,
  tool: 'igraph' | 'networkx',
  file: EdgeListFile,
  seeds: number[],
  reference: Reference,
  timeoutSeconds: number,
): Promise<Outcome[] | null> {
  const args = [SCRIPT, '--tool', tool, '--edges', file.edgesPath, '--nodes', String(file.nodes)];
  const child = spawn(python, [...args, '--seeds', seeds.join(',')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutSeconds * 1000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  if (timedOut) return null;
  if (code !== 0)
    throw new Error(`${tool} failed (exit ${code}): ${Buffer.concat(err).toString().slice(-2000)}`);
  const results = JSON.parse(Buffer.concat(out).toString()) as PythonResult[];
  return results.map((r) => ({
    contender: tool,
    seed: r.seed,
    loadSeconds: r.loadSeconds,
    runSeconds: r.runSeconds,
    totalSeconds: r.loadSeconds + r.runSeconds,
    cpuSeconds: r.cpuSeconds,
    ownModularity: r.modularity,
    ...score(reference, r.membership),
  }));
}

// Run as a script (`contenders.ts --child CONTENDER EDGES NODES SEED`): one run in this process, as JSON.
if (process.argv[1] === SELF && process.argv[2] === '--child') {
  const [contender, edgesPath, nodes, seed] = process.argv.slice(3);
  const run = CHILD_RUNS[contender as ChildContender](edgesPath!, Number(nodes), Number(seed));
  process.stdout.write(JSON.stringify({ ...run, membership: Array.from(run.membership) }));
}
