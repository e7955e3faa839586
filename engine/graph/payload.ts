// The one graph shape every API answer uses ({nodes, edges}), built from Neo4j nodes, relationships and paths.
import { entityType, isEntityLabel } from '../schema/index.ts';
import type { PlainNode, PlainPath, PlainRelationship } from '../store/plain.ts';

export interface PayloadNode {
  /** Neo4j element id: opaque, stable while the node exists, never an ID number. */
  id: string;
  /** The schema label (Person, Company, Account…). */
  type: string;
  /** The business key (ID number, credit code, account number…), masked downstream for roles without clearance. */
  key: string;
  /** The caption to draw. */
  label: string;
  props: Record<string, unknown>;
}

export interface PayloadEdge {
  id: string;
  type: string;
  source: string;
  target: string;
  props: Record<string, unknown>;
}

export interface GraphPayload {
  nodes: PayloadNode[];
  edges: PayloadEdge[];
}

/** Internal properties that never leave the server. */
const HIDDEN = new Set(['passwordHash']);

function visibleProps(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) if (!HIDDEN.has(k)) out[k] = v;
  return out;
}

export function payloadNode(node: PlainNode): PayloadNode {
  const type = node.labels.find(isEntityLabel) ?? node.labels[0] ?? 'Node';
  const spec = isEntityLabel(type) ? entityType(type) : undefined;
  const key = String(node.properties[spec?.key ?? ''] ?? node.elementId);
  const caption = node.properties[spec?.caption ?? ''];
  return {
    id: node.elementId,
    type,
    key,
    label: caption === undefined || caption === null || caption === '' ? key : String(caption),
    props: visibleProps(node.properties),
  };
}

export function payloadEdge(rel: PlainRelationship): PayloadEdge {
  return {
    id: rel.elementId,
    type: rel.type,
    source: rel.startElementId,
    target: rel.endElementId,
    props: visibleProps(rel.properties),
  };
}

export function isPlainNode(value: unknown): value is PlainNode {
  const v = value as PlainNode;
  return !!v && typeof v === 'object' && typeof v.elementId === 'string' && Array.isArray(v.labels);
}

export function isPlainRelationship(value: unknown): value is PlainRelationship {
  const v = value as PlainRelationship;
  return (
    !!v && typeof v === 'object' && typeof v.elementId === 'string' && typeof v.startElementId === 'string'
  );
}

export function isPlainPath(value: unknown): value is PlainPath {
  const v = value as PlainPath;
  return !!v && typeof v === 'object' && Array.isArray(v.nodes) && Array.isArray(v.relationships);
}

/** Collects nodes and edges without duplicates, from any mix of plain values (rows, lists, maps, paths). */
export class PayloadBuilder {
  private readonly nodes = new Map<string, PayloadNode>();
  private readonly edges = new Map<string, PayloadEdge>();

  addNode(node: PlainNode): PayloadNode {
    let found = this.nodes.get(node.elementId);
    if (!found) {
      found = payloadNode(node);
      this.nodes.set(found.id, found);
    }
    return found;
  }

  addEdge(edge: PayloadEdge): void {
    if (!this.edges.has(edge.id)) this.edges.set(edge.id, edge);
  }

  addRelationship(rel: PlainRelationship): void {
    this.addEdge(payloadEdge(rel));
  }

  /** Walks a value returned by a query and keeps every node, relationship and path inside it. */
  addValue(value: unknown): void {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) this.addValue(item);
    } else if (isPlainNode(value)) {
      this.addNode(value);
    } else if (isPlainRelationship(value)) {
      this.addRelationship(value);
    } else if (isPlainPath(value)) {
      for (const node of value.nodes) this.addNode(node);
      for (const rel of value.relationships) this.addRelationship(rel);
    } else {
      for (const item of Object.values(value)) this.addValue(item);
    }
  }

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  get size(): { nodes: number; edges: number } {
    return { nodes: this.nodes.size, edges: this.edges.size };
  }

  /**
   * The payload; edges whose ends are not both present are left out (a relationship returned without its
   * nodes would draw as a dangling line), unless `keepDangling`.
   */
  build(options: { keepDangling?: boolean } = {}): GraphPayload {
    const edges = [...this.edges.values()].filter(
      (e) => options.keepDangling || (this.nodes.has(e.source) && this.nodes.has(e.target)),
    );
    return { nodes: [...this.nodes.values()], edges };
  }
}
