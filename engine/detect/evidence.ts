// Evidence with provenance: Cypher fragments that return nodes and relationships whole, and a deduplicating set.
import { ENTITY_TYPES, type EntityType, RELATION_TYPES, type RelationType } from '../schema/index.ts';
import type { Bilingual, Evidence, EvidenceNode, EvidenceRelationship, NodeRef } from './types.ts';

/** A node as the `nodeEv` fragment returns it. */
export interface RawNode {
  l: string;
  p: Record<string, unknown>;
}

/** A relationship as the `relEv` fragment returns it: type, properties and both ends' label and key. */
export interface RawRel {
  t: string;
  p: Record<string, unknown>;
  sl: string;
  sk: string;
  el: string;
  ek: string;
}

const entities = new Map<string, EntityType>(
  (ENTITY_TYPES as readonly EntityType[]).map((e) => [e.label, e]),
);
const relations = new Map<string, RelationType>(
  (RELATION_TYPES as readonly RelationType[]).map((r) => [r.type, r]),
);

/** Cypher: the key of node `v`, whatever its label. */
export function keyOf(v: string): string {
  const arms = [...entities.values()].map((e) => `WHEN '${e.label}' THEN ${v}.${e.key}`).join(' ');
  return `CASE head(labels(${v})) ${arms} END`;
}

/** Cypher: node `v` as evidence (label and every property, provenance included). */
export function nodeEv(v: string): string {
  return `{l: head(labels(${v})), p: properties(${v})}`;
}

/** Cypher: relationship `r` as evidence, with the label and key of both ends. */
export function relEv(r: string): string {
  return `{t: type(${r}), p: properties(${r}), sl: head(labels(startNode(${r}))), sk: ${keyOf(`startNode(${r})`)}, el: head(labels(endNode(${r}))), ek: ${keyOf(`endNode(${r})`)}}`;
}

function provenance(props: Record<string, unknown>): {
  rest: Record<string, unknown>;
  sources: string[];
  firstRun?: string;
} {
  const { sources, firstRun, ...rest } = props;
  return {
    rest,
    sources: Array.isArray(sources) ? sources.map(String) : [],
    ...(typeof firstRun === 'string' ? { firstRun } : {}),
  };
}

export function toNode(raw: RawNode): EvidenceNode {
  const entity = entities.get(raw.l);
  const { rest, sources, firstRun } = provenance(raw.p ?? {});
  const key = String(entity ? (rest[entity.key] ?? '') : '');
  const caption = entity ? rest[entity.caption] : undefined;
  const name = caption ?? rest.name ?? rest.holderName;
  return {
    type: raw.l,
    key,
    ...(name !== undefined && name !== null ? { name: String(name) } : {}),
    properties: rest,
    sources,
    ...(firstRun ? { firstRun } : {}),
  };
}

export function toRel(raw: RawRel): EvidenceRelationship {
  const relation = relations.get(raw.t);
  const { rest, sources, firstRun } = provenance(raw.p ?? {});
  const key = relation?.key ? rest[relation.key] : undefined;
  return {
    type: raw.t,
    ...(key !== undefined && key !== null ? { key: String(key) } : {}),
    from: { type: raw.sl, key: String(raw.sk) },
    to: { type: raw.el, key: String(raw.ek) },
    properties: rest,
    sources,
    ...(firstRun ? { firstRun } : {}),
  };
}

const nodeId = (n: NodeRef) => `${n.type}:${n.key}`;
const relId = (r: EvidenceRelationship) => `${r.type}:${r.key ?? `${nodeId(r.from)}>${nodeId(r.to)}`}`;

/** Most relationships a clue's evidence keeps; the rest are counted in a fact. */
export const MAX_EVIDENCE_RELATIONSHIPS = 200;

/** Collects the evidence of one clue: each node and relationship once, facts in order. */
export class EvidenceSet {
  private readonly nodes = new Map<string, EvidenceNode>();
  private readonly rels = new Map<string, EvidenceRelationship>();
  private readonly facts: Bilingual[] = [];
  private dropped = 0;

  node(node: EvidenceNode | RawNode | undefined | null): this {
    if (!node) return this;
    const n = 'l' in node ? toNode(node) : node;
    if (!this.nodes.has(nodeId(n))) this.nodes.set(nodeId(n), n);
    return this;
  }

  rel(rel: EvidenceRelationship | RawRel | undefined | null): this {
    if (!rel) return this;
    const r = 't' in rel ? toRel(rel) : rel;
    const id = relId(r);
    if (this.rels.has(id)) return this;
    if (this.rels.size >= MAX_EVIDENCE_RELATIONSHIPS) this.dropped += 1;
    else this.rels.set(id, r);
    return this;
  }

  fact(zh: string, en: string): this {
    this.facts.push({ zh, en });
    return this;
  }

  add(evidence: Partial<Evidence> | undefined): this {
    for (const n of evidence?.nodes ?? []) this.node(n);
    for (const r of evidence?.relationships ?? []) this.rel(r);
    for (const f of evidence?.facts ?? []) this.facts.push(f);
    return this;
  }

  build(): Evidence {
    const facts = [...this.facts];
    if (this.dropped > 0)
      facts.push({
        zh: `另有 ${this.dropped} 条关系未列出`,
        en: `${this.dropped} more relationships not listed`,
      });
    return { nodes: [...this.nodes.values()], relationships: [...this.rels.values()], facts };
  }
}

/** Cypher: village keys of a person (through their household) or of a village itself. */
export function villagesOf(v: string): string {
  return `CASE WHEN ${v}:Village THEN [${v}.villageKey] ELSE [(${v})-[:MEMBER_OF]->(:Household)-[:LOCATED_IN]->(vv:Village) | vv.villageKey] END`;
}
