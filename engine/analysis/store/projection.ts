// Projects Neo4j into graphology: a case subgraph (seeds + k hops) or the whole graph of chosen types, streamed.
import { MultiDirectedGraph } from 'graphology';
import neo4j from 'neo4j-driver';
import type { InvalidInputError } from '../../errors.ts';
import { isEntityLabel, isRelationName, relationType } from '../../schema/index.ts';
import type { Store } from '../../store/gateway.ts';
import { badArgument, limitExceeded, nodeNotFound } from '../common.ts';
import { type AnalysisGraph, type EdgeAttrs, nodeId } from '../graph.ts';
import {
  analysableRelationTypes,
  type EdgeFilter,
  type EdgeRow,
  edgesOfTypeCypher,
  type HopDirection,
  type HopRow,
  type NodeRow,
  neighbourhoodCypher,
  nodesOfLabelCypher,
  projectableLabels,
  seedsCypher,
} from './cypher.ts';

export interface ProjectionLimits {
  /** Refuse (analysis.tooLarge) beyond this many nodes / relationships. */
  maxNodes?: number;
  maxEdges?: number;
}

export interface WholeProjectionOptions extends EdgeFilter, ProjectionLimits {
  /** Relationship types to project (default TRANSFER). */
  types?: readonly string[];
}

export interface CaseProjectionOptions extends EdgeFilter, ProjectionLimits {
  /** Seed entities as `Label:key` node ids. */
  seeds: readonly string[];
  hops?: number;
  /** Relationship types to follow (default: every type between investigated entities). */
  types?: readonly string[];
  /** Follow relationships out of, into, or both ways from the frontier (default both). */
  direction?: HopDirection;
}

export const DEFAULT_LIMITS = { maxNodes: 200_000, maxEdges: 3_000_000 };
/** Keys per `UNWIND` when fetching captions. */
const KEY_BATCH = 20_000;

/** `analysis.limitExceeded` with a hint on how to narrow the projection. */
function tooLarge(what: 'nodes' | 'edges', limit: number): InvalidInputError {
  return limitExceeded(
    what === 'nodes' ? 'maxNodes' : 'maxEdges',
    `> ${limit} ${what}: fewer hops or types, a time window or a higher minimum amount / 请减少跳数或关系类型、限定时间窗口或提高金额下限`,
  );
}

function checkTypes(types: readonly string[]): string[] {
  for (const type of types)
    if (!isRelationName(type)) throw badArgument('types', `unknown relationship type ${type}`);
  return [...types];
}

/** An edge row as the driver gives it: numbers may be driver Integers (epoch milliseconds are). */
type RawEdgeRow = Omit<EdgeRow, 'amount' | 'time' | 'ratio'> & {
  amount: unknown;
  time: unknown;
  ratio: unknown;
};

function numeric(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return value;
  return neo4j.isInt(value) ? value.toNumber() : Number(value);
}

function filterParams(options: EdgeFilter) {
  return { from: options.from ?? null, to: options.to ?? null, minAmount: options.minAmount ?? null };
}

/** An edge's attributes from a row, decoded (plain numbers) or not (driver Integers); missing values left out. */
function edgeAttrs(type: string, row: { amount: unknown; time: unknown; ratio: unknown }): EdgeAttrs {
  const attrs: EdgeAttrs = { type };
  const amount = numeric(row.amount);
  const time = numeric(row.time);
  const ratio = numeric(row.ratio);
  if (amount !== undefined) attrs.amount = amount;
  if (time !== undefined) attrs.time = time;
  if (ratio !== undefined) attrs.ratio = ratio;
  return attrs;
}

/** Captions and cadre flags for the graph's nodes, fetched per label in batches. */
async function labelNodes(store: Store, graph: AnalysisGraph): Promise<void> {
  const byLabel = new Map<string, string[]>();
  graph.forEachNode((_, attrs) => {
    const keys = byLabel.get(attrs.type) ?? [];
    byLabel.set(attrs.type, keys);
    keys.push(attrs.key);
  });
  for (const [label, keys] of byLabel) {
    for (let i = 0; i < keys.length; i += KEY_BATCH) {
      const rows = await store.read<NodeRow>(nodesOfLabelCypher(label), {
        keys: keys.slice(i, i + KEY_BATCH),
      });
      for (const row of rows) {
        const id = nodeId(label, row.key);
        if (row.label) graph.setNodeAttribute(id, 'label', row.label);
        if (row.cadre) graph.setNodeAttribute(id, 'cadre', true);
      }
    }
  }
}

/** Every relationship of the chosen types (between any declared labels), with both ends, streamed from Neo4j. */
export async function projectWhole(
  store: Store,
  options: WholeProjectionOptions = {},
): Promise<AnalysisGraph> {
  const types = checkTypes(options.types ?? ['TRANSFER']);
  const maxNodes = options.maxNodes ?? DEFAULT_LIMITS.maxNodes * 10;
  const maxEdges = options.maxEdges ?? DEFAULT_LIMITS.maxEdges;
  const graph: AnalysisGraph = new MultiDirectedGraph();
  const addNode = (label: string, key: string): string => {
    const id = nodeId(label, key);
    if (!graph.hasNode(id)) {
      if (graph.order >= maxNodes) throw tooLarge('nodes', maxNodes);
      graph.addNode(id, { type: label, key, label: key });
    }
    return id;
  };
  for (const type of types) {
    const relation = relationType(type);
    for (const fromLabel of relation.from)
      for (const toLabel of relation.to) {
        // Rows arrive undecoded (plain: false): a million transfers are read field by field, no generic copy.
        // A retried transaction re-sends rows already added; their relationship id tells.
        await store.stream<RawEdgeRow>(
          edgesOfTypeCypher(type, fromLabel, toLabel),
          filterParams(options),
          (row) => {
            if (graph.hasEdge(row.id)) return;
            if (graph.size >= maxEdges) throw tooLarge('edges', maxEdges);
            const source = addNode(fromLabel, row.sk);
            const target = addNode(toLabel, row.tk);
            graph.addDirectedEdgeWithKey(row.id, source, target, edgeAttrs(type, row));
          },
          { plain: false },
        );
      }
  }
  await labelNodes(store, graph);
  return graph;
}

/** Parses `Label:key` into its parts; the key may itself contain colons. */
export function parseNodeId(id: string): { label: string; key: string } {
  const at = id.indexOf(':');
  const label = at > 0 ? id.slice(0, at) : '';
  if (!isEntityLabel(label) || at === id.length - 1)
    throw badArgument('seeds', `expected Label:key, got ${id}`);
  return { label, key: id.slice(at + 1) };
}

/** The seeds and everything within `hops` of them over the chosen types, filtered by time window and amount. */
export async function projectCase(store: Store, options: CaseProjectionOptions): Promise<AnalysisGraph> {
  const hops = options.hops ?? 2;
  if (!Number.isInteger(hops) || hops < 0 || hops > 6) throw badArgument('hops', 'expected an integer 0–6');
  if (!options.seeds?.length) throw badArgument('seeds', 'at least one seed entity is needed');
  const relations = options.types ? checkTypes(options.types).map(relationType) : analysableRelationTypes();
  const labels = projectableLabels();
  const maxNodes = options.maxNodes ?? DEFAULT_LIMITS.maxNodes;
  const maxEdges = options.maxEdges ?? DEFAULT_LIMITS.maxEdges;
  const seeds = options.seeds.map(parseNodeId);
  const found = await store.read<{ id: string; label: string; key: string }>(seedsCypher(labels), { seeds });
  const missing = options.seeds.filter((s) => !found.some((f) => nodeId(f.label, f.key) === s));
  if (missing[0] !== undefined) throw nodeNotFound(missing[0]);

  const graph: AnalysisGraph = new MultiDirectedGraph();
  for (const f of found) graph.mergeNode(nodeId(f.label, f.key), { type: f.label, key: f.key, label: f.key });
  let frontier = found.map((f) => f.id);
  const visited = new Set(frontier);
  const cypher = neighbourhoodCypher(relations, labels, options.direction ?? 'both');
  const params = { ...filterParams(options), types: relations.map((r) => r.type), labels };
  for (let hop = 0; hop < hops && frontier.length; hop += 1) {
    const next: string[] = [];
    const rows = await store.read<HopRow>(cypher, { ...params, frontier });
    for (const row of rows) {
      const far = nodeId(row.ml, row.mk);
      if (!graph.hasNode(far)) {
        if (graph.order >= maxNodes) throw tooLarge('nodes', maxNodes);
        graph.addNode(far, {
          type: row.ml,
          key: row.mk,
          label: row.mc ?? row.mk,
          ...(row.cadre ? { cadre: true } : {}),
        });
      }
      if (!visited.has(row.mid)) {
        visited.add(row.mid);
        next.push(row.mid);
      }
      if (graph.hasEdge(row.id)) continue;
      if (graph.size >= maxEdges) throw tooLarge('edges', maxEdges);
      graph.addDirectedEdgeWithKey(
        row.id,
        nodeId(row.sl, row.sk),
        nodeId(row.tl, row.tk),
        edgeAttrs(row.type, row),
      );
    }
    frontier = next;
  }
  await labelNodes(store, graph);
  return graph;
}
