// Shareholdings as a graphology graph, and the effective stakes persons hold in a company through chains.
import { MultiDirectedGraph } from 'graphology';
import type { AnalysisGraph } from '../../analysis/graph.ts';
import { ultimateOwners } from '../../analysis/ubo.ts';
import { type RawRel, relEv, toRel } from '../evidence.ts';
import type { EvidenceRelationship, Reader } from '../types.ts';

export interface OwnershipPath {
  /** Node ids (`Label:key`) from the holder down to the company. */
  nodes: string[];
  /** Product of the ratios along the path (parallel holdings of one pair summed). */
  share: number;
}

export interface Stake {
  holder: string;
  holderType: string;
  holderKey: string;
  /** Summed over the counted paths. */
  ratio: number;
  paths: OwnershipPath[];
}

export class Ownership {
  readonly graph: AnalysisGraph = new MultiDirectedGraph();
  /** Evidence of each SHAREHOLDER edge, by graph edge id. */
  readonly rels = new Map<string, EvidenceRelationship>();
  /** Holder id → mention resolved to a person (SAME_AS), so a stake held under a bare name still counts. */
  readonly resolved = new Map<string, string>();

  private ensure(type: string, key: string, name: string): string {
    const id = `${type}:${key}`;
    if (!this.graph.hasNode(id)) this.graph.addNode(id, { type, key, label: name || key });
    return id;
  }

  static async load(store: Reader): Promise<Ownership> {
    const own = new Ownership();
    const rows = await store.read<{ hn: string; cn: string; r: RawRel; person: string | null }>(
      `MATCH (h)-[r:SHAREHOLDER]->(c:Company) WHERE r.ratio > 0
       OPTIONAL MATCH (h:PersonMention)-[:SAME_AS]->(p:Person)
       RETURN h.name AS hn, c.name AS cn, ${relEv('r')} AS r, p.idNumber AS person`,
    );
    for (const row of rows) {
      const rel = toRel(row.r);
      const ratio = Number(rel.properties.ratio);
      if (!(ratio > 0 && ratio <= 1)) continue;
      const holder = own.ensure(rel.from.type, rel.from.key, row.hn);
      const company = own.ensure(rel.to.type, rel.to.key, row.cn);
      if (holder === company) continue;
      const id = `e${own.rels.size}`;
      own.graph.addDirectedEdgeWithKey(id, holder, company, { type: 'SHAREHOLDER', ratio });
      own.rels.set(id, rel);
      if (row.person) own.resolved.set(holder, `Person:${row.person}`);
    }
    return own;
  }

  /** Summed ratio of the edges holder → company (two share classes are two edges). */
  private pairRatio(holder: string, company: string): number {
    let sum = 0;
    this.graph.forEachDirectedEdge(holder, company, (_e, attrs) => {
      sum += attrs.ratio ?? 0;
    });
    return sum;
  }

  /**
   * Persons' effective stakes in `company` counting only paths of at least `minLayers` holdings (2 = through at
   * least one intermediate company), any depth up to `maxDepth`, cycle-safe (simple paths, see analysis/ubo.ts).
   */
  indirectStakes(companyKey: string, minLayers: number, maxDepth: number): Stake[] {
    const company = `Company:${companyKey}`;
    if (!this.graph.hasNode(company)) return [];
    const owners = ultimateOwners(this.graph, company, { threshold: 0, maxDepth });
    const out: Stake[] = [];
    for (const owner of owners) {
      if (owner.type !== 'Person' && owner.type !== 'PersonMention') continue;
      // Parallel edges give the same node sequence twice; one path per sequence, with the pair ratios summed.
      const seen = new Set<string>();
      const paths: OwnershipPath[] = [];
      for (const nodes of owner.paths) {
        const id = nodes.join('>');
        if (seen.has(id) || nodes.length - 1 < minLayers) continue;
        seen.add(id);
        let share = 1;
        for (let i = 0; i + 1 < nodes.length; i += 1) share *= this.pairRatio(nodes[i]!, nodes[i + 1]!);
        paths.push({ nodes, share });
      }
      if (paths.length === 0) continue;
      const holder = this.resolved.get(owner.id) ?? owner.id;
      const [holderType, ...rest] = holder.split(':');
      paths.sort((a, b) => b.share - a.share);
      out.push({
        holder,
        holderType: holderType ?? '',
        holderKey: rest.join(':'),
        ratio: paths.reduce((s, p) => s + p.share, 0),
        paths,
      });
    }
    return out;
  }

  /** Every person or mention above `company` in the holding graph (any ratio, any depth): its formal owners. */
  ancestors(companyKey: string, maxDepth = 10): Set<string> {
    const start = `Company:${companyKey}`;
    const found = new Set<string>();
    if (!this.graph.hasNode(start)) return found;
    let frontier = [start];
    const visited = new Set(frontier);
    for (let depth = 0; depth < maxDepth && frontier.length > 0; depth += 1) {
      const next: string[] = [];
      for (const node of frontier)
        this.graph.forEachInNeighbor(node, (holder) => {
          if (visited.has(holder)) return;
          visited.add(holder);
          next.push(holder);
          found.add(this.resolved.get(holder) ?? holder);
        });
      frontier = next;
    }
    return found;
  }

  /** Evidence relationships along some paths. */
  pathRels(paths: readonly OwnershipPath[]): EvidenceRelationship[] {
    const out: EvidenceRelationship[] = [];
    for (const path of paths)
      for (let i = 0; i + 1 < path.nodes.length; i += 1)
        this.graph.forEachDirectedEdge(path.nodes[i]!, path.nodes[i + 1]!, (edge) => {
          const rel = this.rels.get(edge);
          if (rel) out.push(rel);
        });
    return out;
  }
}
