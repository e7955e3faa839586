// Louvain on the demo county's transfer graph: Qingfeng's CSR path against python-igraph on the same edge list.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compactFromEdgeList } from '../../engine/analysis/collapse.ts';
import type { AnalysisGraph } from '../../engine/analysis/graph.ts';
import { compactModularity } from '../../engine/analysis/modularity.ts';
import { findPython, timeQingfeng } from '../analysis/contenders.ts';
import { parseEdgeList } from '../analysis/edgeList.ts';

const SCRIPT = fileURLToPath(new URL('../analysis/louvain.py', import.meta.url));

export interface CommunityComparison {
  nodes: number;
  edges: number;
  qingfeng: { seconds: number; modularity: number; count: number };
  igraph: { seconds: number; modularity: number; count: number } | null;
  ratio: number | null;
}

/** Writes the transfer graph as an undirected edge list of node indices (one line per transfer). */
function writeEdgeList(graph: AnalysisGraph, path: string): number {
  const index = new Map<string, number>();
  graph.forEachNode((node) => index.set(node, index.size));
  const lines: string[] = [];
  graph.forEachEdge((_e, _a, source, target) => {
    if (source !== target) lines.push(`${index.get(source)} ${index.get(target)}`);
  });
  writeFileSync(path, `${lines.join('\n')}\n`);
  return index.size;
}

async function igraphRun(python: string, path: string, nodes: number) {
  const child = spawn(
    python,
    [SCRIPT, '--tool', 'igraph', '--edges', path, '--nodes', String(nodes), '--seeds', '1'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const out: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`igraph failed (exit ${code})`);
  const [result] = JSON.parse(Buffer.concat(out).toString()) as {
    loadSeconds: number;
    runSeconds: number;
    membership: number[];
  }[];
  return result!;
}

/** Both from the same file; modularity of both computed by one function on one graph. */
export async function compareCommunities(graph: AnalysisGraph, dir: string): Promise<CommunityComparison> {
  const path = join(dir, 'demo-transfers.edgelist');
  const nodes = writeEdgeList(graph, path);
  timeQingfeng(path, nodes, 2); // warm-up, as the planted-partition bench does
  const ours = timeQingfeng(path, nodes, 1);
  const { src, dst } = parseEdgeList(readFileSync(path));
  const compact = compactFromEdgeList(src, dst, undefined, nodes);
  const count = (m: ArrayLike<number>) => new Set(Array.from(m)).size;
  const qingfeng = {
    seconds: ours.loadSeconds + ours.runSeconds,
    modularity: compactModularity(compact, Int32Array.from(ours.membership)),
    count: count(ours.membership),
  };
  const python = findPython('igraph');
  if (!python) return { nodes, edges: src.length, qingfeng, igraph: null, ratio: null };
  const theirs = await igraphRun(python.python, path, nodes);
  const igraph = {
    seconds: theirs.loadSeconds + theirs.runSeconds,
    modularity: compactModularity(compact, Int32Array.from(theirs.membership)),
    count: count(theirs.membership),
  };
  return { nodes, edges: src.length, qingfeng, igraph, ratio: qingfeng.seconds / igraph.seconds };
}
