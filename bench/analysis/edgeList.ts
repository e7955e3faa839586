// Edge-list files shared by every contender: seeded planted partitions and GML benchmarks, cached on disk.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRng } from '../../engine/analysis/common.ts';
import { readGml } from '../../test/unit/analysis/helpers/gml.ts';

/** Bump when a generator's output changes, so a cached file of an older shape is never reused. */
const GENERATOR_VERSION = 1;

/** One graph on disk: `edges` holds "u v" lines (0-based, igraph's edgelist format); `truth` a label per node. */
export interface EdgeListFile {
  name: string;
  edgesPath: string;
  truthPath: string;
  nodes: number;
  edges: number;
}

export interface PlantedOptions {
  nodes: number;
  blocks: number;
  edges: number;
  /** Share of edges inside blocks (default 0.8). */
  inside: number;
  seed: number;
}

/**
 * A planted partition: `nodes` spread evenly over `blocks` (membership shuffled, so ids say nothing about
 * blocks), exactly round(edges × inside) distinct edges inside blocks and the rest between blocks, no
 * self-loops, no parallel edges, random orientation and order. Cached in `dir` by options.
 */
export function plantedEdgeList(dir: string, o: PlantedOptions): EdgeListFile {
  const name = `planted-n${o.nodes}-b${o.blocks}-e${o.edges}-p${o.inside}-s${o.seed}`;
  const file = paths(dir, name, o.nodes, o.edges);
  if (existsSync(file.edgesPath) && existsSync(file.truthPath)) return file;
  const rng = seededRng(o.seed);
  const { nodes: n, blocks: k } = o;
  const pick = (limit: number) => Math.floor(rng() * limit);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  shuffle(order, rng);
  const block = new Int32Array(n);
  const members: number[][] = Array.from({ length: k }, () => []);
  order.forEach((node, j) => {
    block[node] = j % k;
    members[j % k]!.push(node);
  });
  const insideTarget = Math.round(o.edges * o.inside);
  const seen = new Set<number>();
  const src = new Int32Array(o.edges);
  const dst = new Int32Array(o.edges);
  let count = 0;
  let attempts = 0;
  while (count < o.edges) {
    if (++attempts > 20 * o.edges) throw new Error(`${name}: too dense to draw ${o.edges} distinct edges`);
    let u: number;
    let v: number;
    if (count < insideTarget) {
      const list = members[pick(k)]!;
      u = list[pick(list.length)]!;
      v = list[pick(list.length)]!;
      if (u === v) continue;
    } else {
      u = pick(n);
      v = pick(n);
      if (block[u] === block[v]) continue;
    }
    const key = u < v ? u * n + v : v * n + u;
    if (seen.has(key)) continue;
    seen.add(key);
    src[count] = u;
    dst[count] = v;
    count++;
  }
  const lines: string[] = new Array(o.edges);
  const perm = Int32Array.from({ length: o.edges }, (_, i) => i);
  shuffle(perm, rng);
  for (let i = 0; i < o.edges; i++) lines[i] = `${src[perm[i]!]} ${dst[perm[i]!]}`;
  write(file, lines, Array.from(block, String));
  return file;
}

/** A GML benchmark graph (nodes renumbered 0..n-1 in file order) with the label of `attribute` as truth. */
export function gmlEdgeList(dir: string, path: string, name: string, attribute: string): EdgeListFile {
  const gml = readGml(path);
  const file = paths(dir, `gml-${name}`, gml.nodes.length, gml.edges.length);
  if (existsSync(file.edgesPath) && existsSync(file.truthPath)) return file;
  const index = new Map(gml.nodes.map((node, i) => [node.id, i]));
  const lines = gml.edges.map((e) => `${index.get(e.source)} ${index.get(e.target)}`);
  // LFR files list every member of a node's community: the label is the smallest member id.
  const truth = gml.nodes.map((node) => {
    const values = node.attrs[attribute] ?? [];
    if (values.length === 0) throw new Error(`${path}: node ${node.id} has no ${attribute}`);
    return values.length === 1 ? String(values[0]) : String(Math.min(...values.map(Number)));
  });
  write(file, lines, truth);
  return file;
}

function paths(dir: string, name: string, nodes: number, edges: number): EdgeListFile {
  const base = join(dir, `${name}.v${GENERATOR_VERSION}`);
  return { name, edgesPath: `${base}.edges`, truthPath: `${base}.truth`, nodes, edges };
}

function write(file: EdgeListFile, lines: string[], truth: string[]): void {
  mkdirSync(join(file.edgesPath, '..'), { recursive: true });
  // Write then rename, so an interrupted run never leaves a truncated cache behind.
  writeFileSync(`${file.truthPath}.tmp`, `${truth.join('\n')}\n`);
  writeFileSync(`${file.edgesPath}.tmp`, `${lines.join('\n')}\n`);
  renameSync(`${file.truthPath}.tmp`, file.truthPath);
  renameSync(`${file.edgesPath}.tmp`, file.edgesPath);
}

/** Parses "u v" lines (whitespace-separated non-negative integers) into two typed arrays. */
export function parseEdgeList(text: Buffer): { src: Int32Array; dst: Int32Array } {
  let lines = 0;
  for (let i = 0; i < text.length; i++) if (text[i] === 10) lines++;
  const ends = new Int32Array(2 * (lines + 1));
  let count = 0;
  let value = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text[i]! : 10;
    if (c >= 48 && c <= 57) value = (value < 0 ? 0 : value * 10) + (c - 48);
    else if (value >= 0) {
      ends[count++] = value;
      value = -1;
    }
  }
  if (count % 2 !== 0) throw new Error('edge list: odd number of endpoints');
  const m = count / 2;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    src[e] = ends[2 * e]!;
    dst[e] = ends[2 * e + 1]!;
  }
  return { src, dst };
}

export function readTruth(file: EdgeListFile): string[] {
  return readFileSync(file.truthPath, 'utf8').trimEnd().split('\n');
}

function shuffle(a: Int32Array, rng: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}
