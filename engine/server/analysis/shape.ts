// Shapes equity and community answers for the API: element ids on every entity, a capped graph payload.
import type { communities, equity, fundTrace } from '../../analysis/store/service.ts';
import { elementIdsByRef } from '../../graph/entities.ts';
import type { Store } from '../../store/gateway.ts';
import { answerGraph, withElementIds } from './graph.ts';

type EquityResult = Awaited<ReturnType<typeof equity>>;
type CommunityResult = Awaited<ReturnType<typeof communities>>;
type TraceResult = Awaited<ReturnType<typeof fundTrace>>;

/** The smallest amount along a chain: what can at most have flowed all the way. */
const bottleneck = (chain: TraceResult['chains'][number]) =>
  Math.min(...chain.hops.map((h) => h.amount ?? 0));

/**
 * A trace cut to size for a client: the `endpoints` largest endpoints by total and the `chains` chains that
 * carry most (by their smallest hop, then fewest hops); the full counts beside them. A hub account can reach
 * tens of thousands of chains in three hops.
 */
export function traceAnswer(result: TraceResult, limits: { endpoints: number; chains: number }) {
  const endpoints = [...result.endpoints].sort(
    (a, b) => b.total - a.total || a.minHops - b.minHops || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const key = (c: TraceResult['chains'][number]) => c.hops.map((h) => h.id).join('>');
  const chains = result.chains
    .map((chain) => ({ chain, min: bottleneck(chain), key: key(chain) }))
    .sort(
      (a, b) =>
        b.min - a.min ||
        a.chain.hops.length - b.chain.hops.length ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    )
    .slice(0, limits.chains)
    .map((c) => c.chain);
  return {
    ...result,
    endpointCount: endpoints.length,
    chainCount: result.chains.length,
    endpoints: endpoints.slice(0, limits.endpoints),
    chains,
  };
}

/** Labels a shareholding path may pass through (holders and companies). */
const HOLDER_LABELS = ['Person', 'Company', 'PersonMention'];

/**
 * Owners (or controlled companies) with their element ids, each path step too, and the SHAREHOLDER graph
 * between everyone involved.
 */
export async function uboAnswer(store: Store, result: EquityResult) {
  const start = result.company ?? result.holder!;
  const rows = result.owners ?? result.controls ?? [];
  const refs = new Set<string>([start.id]);
  for (const row of rows) {
    refs.add(`${row.type}:${row.key}`);
    // Path steps carry only key and name: every label a step can have is tried (keys do not collide).
    for (const path of row.paths)
      for (const step of path) for (const label of HOLDER_LABELS) refs.add(`${label}:${step.key}`);
  }
  const { graph, ids } = await answerGraph(store, refs, { among: ['SHAREHOLDER'] });
  const byKey = new Map<string, string>();
  for (const [ref, elementId] of ids) byKey.set(ref.slice(ref.indexOf(':') + 1), elementId);
  const shaped = rows.map((row) => ({
    id: ids.get(`${row.type}:${row.key}`) ?? null,
    ...row,
    paths: row.paths.map((path) => path.map((step) => ({ id: byKey.get(step.key) ?? null, ...step }))),
  }));
  const head = withElementIds(start, ids);
  return result.company
    ? { company: head, owners: shaped, graph }
    : { holder: head, controls: shaped, graph };
}

/**
 * The largest `limit` communities, each listing at most `members` members per type (`memberCounts` has the
 * full counts), with element ids; `membership` (element id → community) of every member listed; and the graph
 * of the listed members (at most `graphNodes`, largest community first) with the ties of `types` between them.
 */
export async function communityAnswer(
  store: Store,
  result: CommunityResult,
  options: { limit: number; members: number; graphNodes: number; types: readonly string[] },
) {
  const ranked = [...result.communities].sort((a, b) => b.size - a.size || a.community - b.community);
  const listed = ranked.slice(0, options.limit).map((c) => {
    const types = Object.entries(c.membersByType);
    return {
      ...c,
      membersByType: Object.fromEntries(types.map(([type, refs]) => [type, refs.slice(0, options.members)])),
      memberCounts: Object.fromEntries(types.map(([type, refs]) => [type, refs.length])),
    };
  });
  const community = new Map<string, number>();
  for (const c of listed) {
    for (const refs of Object.values(c.membersByType))
      for (const ref of refs) community.set(ref.id, c.community);
    for (const ref of c.cadres) community.set(ref.id, c.community);
  }
  const drawn = [...community.keys()].slice(0, options.graphNodes);
  const { graph, truncated } = await answerGraph(store, drawn, { among: options.types });
  const ids = await elementIdsByRef(store, [...community.keys()]);
  const membership: Record<string, number> = {};
  for (const [ref, c] of community) {
    const elementId = ids.get(ref);
    if (elementId) membership[elementId] = c;
  }
  return {
    count: result.count,
    modularity: result.modularity,
    nodes: result.nodes,
    edges: result.edges,
    singletons: result.singletons,
    /** Communities of two or more members; `communities` lists the largest `limit` of them. */
    total: ranked.length,
    communities: withElementIds(listed, ids),
    membership,
    graph,
    /** Some listed members are not drawn, or more ties exist between them than the graph carries. */
    graphTruncated: drawn.length < community.size || truncated,
  };
}
