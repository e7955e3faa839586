// The canvas graph (graphology) and THE one way answers get onto it: mergePayload({nodes, edges}).
import { MultiDirectedGraph } from 'graphology';
import type { GraphPayload, PayloadNode } from '../api/types.ts';
import type { GraphEdit } from './history.ts';
import { amountOf, edgeWidth, nodeSize, type SchemaIndex, timeOf } from './style.ts';

/** Paging state of a node's neighbourhood expansion (the API caps neighbours per call). */
export interface ExpansionState {
  /** Neighbours fetched so far (the next page starts here). */
  loaded: number;
  total: number;
  more: number;
}

export interface NodeAttrs {
  x: number;
  y: number;
  size: number;
  color: string;
  shape: string;
  label: string;
  /** Schema label (Person, Company…) or `Group`. */
  type: string;
  /** Business key (masked by the server for roles without clearance). */
  key: string;
  props: Record<string, unknown>;
  cadre?: boolean;
  /** Key-person score 0..1, when an answer gave one (drives the size). */
  score?: number;
  /** Community number, when an answer gave one (colour-by-community toggle). */
  community?: number;
  /** Pinned: excluded from the layout (ForceAtlas2 reads `fixed`). */
  fixed?: boolean;
  /** Hidden by the user (the hide command); drawn hidden by the node reducer. */
  hiddenByUser?: boolean;
  /** Member of this group node; drawn hidden while grouped. */
  groupId?: string;
  /** For group nodes: the member node ids. */
  members?: string[];
  /** Put on the canvas by the user or as an answer's root: kept when a neighbour is collapsed. */
  seed?: boolean;
  expansion?: ExpansionState;
}

export interface EdgeAttrs {
  /** Relationship type (TRANSFER, FAMILY…). */
  type: string;
  props: Record<string, unknown>;
  amount?: number;
  /** Epoch ms of `time` or `date`, when the relationship has one. */
  time?: number;
  size: number;
  color: string;
  /** Drawn in place of grouped members' edges: the real edges it stands for. */
  via?: string[];
}

export type CanvasGraph = MultiDirectedGraph<NodeAttrs, EdgeAttrs>;

export function createCanvasGraph(): CanvasGraph {
  return new MultiDirectedGraph<NodeAttrs, EdgeAttrs>({ allowSelfLoops: true });
}

export interface MergeOptions {
  /** Mark the payload's nodes as seeds (search drops, answer roots). Default: none. */
  seeds?: 'all' | readonly string[];
  /** Place new nodes around this node (an expansion's centre). */
  around?: string;
  /** Key-person scores by node id. */
  scores?: ReadonlyMap<string, number>;
  /** Community numbers by node id. */
  communities?: ReadonlyMap<string, number>;
}

export interface MergeResult {
  addedNodes: string[];
  addedEdges: string[];
}

function isCadre(node: PayloadNode): boolean {
  return node.type === 'Person' && (node.props.isCadre === true || node.props.isCadre === 'true');
}

/** Attributes of a new canvas node from a payload node. */
export function nodeAttrs(schema: SchemaIndex, node: PayloadNode, x: number, y: number): NodeAttrs {
  const attrs: NodeAttrs = {
    x,
    y,
    size: schema.baseSize(node.type),
    color: schema.colorOf(node.type),
    shape: schema.shapeOf(node.type),
    label: node.label || node.key,
    type: node.type,
    key: node.key,
    props: node.props ?? {},
  };
  if (isCadre(node)) attrs.cadre = true;
  return attrs;
}

/** Where new nodes go: on a ring around their anchor (or around the centre of what is drawn), jittered. */
function placer(graph: CanvasGraph, around: string | undefined, count: number) {
  let cx = 0;
  let cy = 0;
  let radius = 1;
  if (around && graph.hasNode(around)) {
    cx = graph.getNodeAttribute(around, 'x');
    cy = graph.getNodeAttribute(around, 'y');
    radius = 1 + Math.sqrt(count) * 0.6;
  } else if (graph.order) {
    graph.forEachNode((_k, a) => {
      cx += a.x;
      cy += a.y;
    });
    cx /= graph.order;
    cy /= graph.order;
    radius = 2 + Math.sqrt(graph.order) * 0.5;
  }
  return (index: number) => {
    const angle = (2 * Math.PI * index) / Math.max(1, count) + Math.random() * 0.3;
    const r = radius * (0.8 + Math.random() * 0.4);
    return { x: cx + Math.cos(angle) * r, y: cy + Math.sin(angle) * r };
  };
}

/**
 * Merges any answer's graph payload into the canvas through `edit` (so the command can be undone): new nodes
 * are placed around `around`, known nodes keep their place and get fresh properties; edges whose ends are
 * not both on the canvas are skipped.
 */
export function mergePayload(
  edit: GraphEdit,
  schema: SchemaIndex,
  payload: GraphPayload,
  options: MergeOptions = {},
): MergeResult {
  const graph = edit.graph;
  const result: MergeResult = { addedNodes: [], addedEdges: [] };
  const fresh = payload.nodes.filter((n) => !graph.hasNode(n.id));
  const place = placer(graph, options.around, fresh.length);
  let i = 0;
  for (const node of payload.nodes) {
    if (graph.hasNode(node.id)) {
      // Same entity again: newer properties, same place. Not an undoable change (same data).
      graph.mergeNodeAttributes(node.id, {
        props: { ...graph.getNodeAttribute(node.id, 'props'), ...node.props },
      });
      continue;
    }
    const { x, y } = place(i++);
    edit.addNode(node.id, nodeAttrs(schema, node, x, y));
    result.addedNodes.push(node.id);
  }
  const seeds = options.seeds === 'all' ? payload.nodes.map((n) => n.id) : (options.seeds ?? []);
  for (const id of seeds) if (graph.hasNode(id)) edit.setNode(id, 'seed', true);
  for (const edge of payload.edges) {
    if (graph.hasEdge(edge.id)) continue;
    const amount = amountOf(edge.props ?? {});
    const attrs: EdgeAttrs = {
      type: edge.type,
      props: edge.props ?? {},
      size: schema.isMonetary(edge.type) ? edgeWidth(amount) : 1,
      color: schema.relationColor(edge.type),
    };
    if (amount !== undefined) attrs.amount = amount;
    const time = timeOf(edge.props ?? {});
    if (time !== undefined) attrs.time = time;
    const before = graph.size;
    edit.addEdge(edge.id, edge.source, edge.target, attrs);
    if (graph.size > before) result.addedEdges.push(edge.id);
  }
  if (options.scores) applyScores(edit, schema, options.scores);
  if (options.communities) applyCommunities(edit, options.communities);
  return result;
}

/** Key-person scores onto the canvas (size by score); nodes not scored keep their type size. */
export function applyScores(edit: GraphEdit, schema: SchemaIndex, scores: ReadonlyMap<string, number>): void {
  for (const [id, score] of scores) {
    if (!edit.graph.hasNode(id)) continue;
    edit.setNode(id, 'score', score);
    edit.setNode(id, 'size', nodeSize(schema, edit.graph.getNodeAttribute(id, 'type'), score));
  }
}

export function applyCommunities(edit: GraphEdit, communities: ReadonlyMap<string, number>): void {
  for (const [id, community] of communities)
    if (edit.graph.hasNode(id)) edit.setNode(id, 'community', community);
}

/** Node ids that are part of what the user sees as one entity (a group stands for its members). */
export function visibleNodes(graph: CanvasGraph): string[] {
  return graph.filterNodes((_k, a) => !a.groupId && !a.hiddenByUser);
}

/** Edges between two nodes, both directions, real ones only (not group stand-ins). */
export function edgesBetween(graph: CanvasGraph, a: string, b: string): string[] {
  return graph.edges(a, b).concat(a === b ? [] : graph.edges(b, a));
}
