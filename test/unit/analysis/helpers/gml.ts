// A small GML reader for the community benchmarks: nodes with (repeatable) attributes, and edges.
import { readFileSync } from 'node:fs';
import { type AnalysisGraph, buildGraph } from '../../../../engine/analysis/graph.ts';

export interface GmlNode {
  id: string;
  /** Every attribute, each a list because LFR files repeat `community` once per member. */
  attrs: Record<string, Array<string | number>>;
}

export interface Gml {
  directed: boolean;
  nodes: GmlNode[];
  edges: Array<{ source: string; target: string }>;
}

type Value = string | number | Block;
interface Block {
  entries: Array<[string, Value]>;
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const pattern = /"[^"]*"|\[|\]|[^\s[\]"]+/g;
  for (const match of text.matchAll(pattern)) tokens.push(match[0]);
  return tokens;
}

function parseBlock(tokens: string[], start: number): [Block, number] {
  const block: Block = { entries: [] };
  let i = start;
  while (i < tokens.length && tokens[i] !== ']') {
    const key = tokens[i]!;
    const raw = tokens[i + 1]!;
    if (raw === '[') {
      const [inner, next] = parseBlock(tokens, i + 2);
      block.entries.push([key, inner]);
      i = next + 1;
    } else {
      const value = raw.startsWith('"') ? raw.slice(1, -1) : Number.isNaN(Number(raw)) ? raw : Number(raw);
      block.entries.push([key, value]);
      i += 2;
    }
  }
  return [block, i];
}

/** Reads a GML file (the first `graph [ … ]`). */
export function readGml(path: string): Gml {
  const tokens = tokenize(readFileSync(path, 'utf8'));
  const at = tokens.indexOf('graph');
  const [graph] = parseBlock(tokens, at + 2);
  const result: Gml = { directed: false, nodes: [], edges: [] };
  for (const [key, value] of graph.entries) {
    if (key === 'directed') result.directed = value === 1;
    if (typeof value !== 'object') continue;
    const attrs: Record<string, Array<string | number>> = {};
    for (const [k, v] of value.entries) {
      if (typeof v === 'object') continue;
      const list = attrs[k];
      if (list) list.push(v);
      else attrs[k] = [v];
    }
    if (key === 'node') result.nodes.push({ id: String(attrs.id![0]), attrs });
    if (key === 'edge')
      result.edges.push({ source: String(attrs.source![0]), target: String(attrs.target![0]) });
  }
  return result;
}

/** The GML graph as an AnalysisGraph: nodes `Person:<id>`, edges of type KNOWS. */
export function gmlToGraph(gml: Gml): AnalysisGraph {
  return buildGraph({
    nodes: gml.nodes.map((node) => ({ type: 'Person', key: node.id })),
    edges: gml.edges.map((edge) => ({
      source: `Person:${edge.source}`,
      target: `Person:${edge.target}`,
      type: 'KNOWS',
    })),
  });
}

/**
 * Ground truth node → community label. A single-valued attribute is the label; LFR files list every member
 * of the node's community, so the label is the smallest member id.
 */
export function groundTruth(gml: Gml, attribute: string): Record<string, string> {
  const truth: Record<string, string> = {};
  for (const node of gml.nodes) {
    const values = node.attrs[attribute];
    if (!values || values.length === 0) throw new Error(`node ${node.id} has no ${attribute}`);
    const label = values.length === 1 ? String(values[0]) : String(Math.min(...values.map((v) => Number(v))));
    truth[`Person:${node.id}`] = label;
  }
  return truth;
}
