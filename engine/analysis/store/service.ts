// The analyses as the CLI and the API call them: resolve entities, project from Neo4j, run, answer in plain data.
import { entityType } from '../../schema/index.ts';
import type { Store } from '../../store/gateway.ts';
import type { Lang } from '../common.ts';
import { detectCommunities } from '../communities.ts';
import { summarizeCommunities } from '../communitySummary.ts';
import { temporalCycles } from '../cycles.ts';
import { type AnalysisGraph, nodeId } from '../graph.ts';
import { type KeyPerson, keyPersons } from '../keyPersons.ts';
import { kShortestPaths } from '../paths.ts';
import { traceFunds } from '../trace.ts';
import { controlledBy, ultimateOwners } from '../ubo.ts';
import { type EdgeFilter, projectableLabels } from './cypher.ts';
import { type ProjectionLimits, projectCase, projectWhole } from './projection.ts';
import { resolveEntity } from './resolve.ts';

const DAY_MS = 86_400_000;

/** A node as answers show it. */
export interface EntityRef {
  id: string;
  type: string;
  key: string;
  label: string;
}

export interface HopView {
  id: string;
  from: EntityRef;
  to: EntityRef;
  amount: number | null;
  /** Local date-time of the relationship, `YYYY-MM-DDTHH:mm:ss`, when it has one. */
  time: string | null;
}

export function ref(graph: AnalysisGraph, id: string): EntityRef {
  const a = graph.getNodeAttributes(id);
  return { id, type: a.type, key: a.key, label: a.label };
}

export const isoTime = (ms: number | undefined | null): string | null =>
  ms === undefined || ms === null ? null : new Date(ms).toISOString().slice(0, 19);

function hopView(graph: AnalysisGraph, edge: string): HopView {
  const attrs = graph.getEdgeAttributes(edge);
  return {
    id: edge,
    from: ref(graph, graph.source(edge)),
    to: ref(graph, graph.target(edge)),
    amount: attrs.amount ?? null,
    time: isoTime(attrs.time),
  };
}

/** Clue counts per node id (`Label:key`), for community summaries (Clue nodes point at their subjects). */
async function clueCounts(store: Store): Promise<Map<string, number>> {
  const labels = projectableLabels();
  const keyOf = labels.map((l) => `WHEN '${l}' THEN s.${entityType(l).key}`).join(' ');
  const rows = await store.read<{ label: string; key: string; n: number }>(
    `MATCH (:Clue)-[:CLUE_SUBJECT]->(s) WHERE labels(s)[0] IN $labels
     RETURN labels(s)[0] AS label, CASE labels(s)[0] ${keyOf} END AS key, count(*) AS n`,
    { labels },
  );
  return new Map(rows.map((r) => [nodeId(r.label, r.key), r.n]));
}

export interface WholeOptions extends EdgeFilter, ProjectionLimits {
  types?: readonly string[];
  /** Limit the analysis to these entities (`Label:key`) and what lies within `hops` of them (default 2). */
  seeds?: readonly string[];
  hops?: number;
}

/** The whole graph of the chosen types, or only the seeds' neighbourhood when seeds are given. */
function projectFor(store: Store, options: WholeOptions, types: readonly string[]): Promise<AnalysisGraph> {
  return options.seeds?.length
    ? projectCase(store, { ...options, seeds: options.seeds, hops: options.hops ?? 2, types })
    : projectWhole(store, { ...options, types });
}

/** Default relationship types for communities and key persons: money, kinship, ownership, posts, contacts. */
export const NETWORK_TYPES = [
  'TRANSFER',
  'COLLECTIVE_PAYMENT',
  'SUBSIDY',
  'OWNS_ACCOUNT',
  'FAMILY',
  'SHAREHOLDER',
  'LEGAL_REP',
  'EXECUTIVE',
  'HOLDS_POST',
  'MEMBER_OF',
  'HAS_PHONE',
  'HAS_ADDRESS',
];

/**
 * Community weights: every tie counts 1, a payment more the larger it is (1 + log10(1 + amount / 1000)), so
 * money groups people without drowning kinship, ownership and posts (which carry no amount) in large sums.
 */
export function tieWeight(attrs: { amount?: number }): number {
  return typeof attrs.amount === 'number' && attrs.amount > 0 ? 1 + Math.log10(1 + attrs.amount / 1000) : 1;
}

export async function communities(
  store: Store,
  options: WholeOptions & { seed?: number; runs?: number } = {},
) {
  const graph = await projectFor(store, options, options.types ?? NETWORK_TYPES);
  const found = detectCommunities(graph, {
    weight: tieWeight,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.runs !== undefined ? { runs: options.runs } : {}),
  });
  const clues = await clueCounts(store).catch(() => new Map<string, number>());
  const summaries = summarizeCommunities(graph, found.assignment, { clues });
  return {
    count: found.count,
    modularity: found.modularity,
    nodes: graph.order,
    edges: graph.size,
    // Singletons (an entity tied to nothing of the chosen types) are counted, not listed.
    singletons: summaries.filter((s) => s.size === 1).length,
    communities: summaries
      .filter((s) => s.size > 1)
      .map((s) => ({
        community: s.community,
        size: s.size,
        membersByType: Object.fromEntries(
          Object.entries(s.membersByType).map(([type, ids]) => [type, ids.map((id) => ref(graph, id))]),
        ),
        internalFlow: s.internalFlow,
        internalTransfers: s.internalTransfers,
        inflow: s.inflow,
        outflow: s.outflow,
        cadres: s.cadres.map((id) => ref(graph, id)),
        clueCount: s.clueCount,
      })),
  };
}

export async function keyPersonRanking(
  store: Store,
  options: WholeOptions & { top?: number; lang?: Lang } = {},
): Promise<{ persons: KeyPerson[] }> {
  const types = options.types ?? NETWORK_TYPES;
  const graph = await projectFor(store, options, types);
  return {
    persons: keyPersons(graph, { top: options.top ?? 20, lang: options.lang ?? 'zh', edgeTypes: types }),
  };
}

export async function relationshipPaths(
  store: Store,
  options: EdgeFilter &
    ProjectionLimits & {
      source: string;
      target: string;
      maxHops?: number;
      k?: number;
      types?: readonly string[];
    },
) {
  const maxHops = options.maxHops ?? 4;
  const source = await resolveEntity(store, options.source);
  const target = await resolveEntity(store, options.target);
  // Every node of a path of ≤ maxHops lies within ⌈maxHops/2⌉ of one of its ends.
  const graph = await projectCase(store, {
    ...options,
    seeds: [source, target],
    hops: Math.ceil(maxHops / 2),
  });
  const paths = kShortestPaths(graph, source, target, { maxHops, k: options.k ?? 5 });
  return {
    from: ref(graph, source),
    to: ref(graph, target),
    paths: paths.map((p) => ({
      hops: p.hops,
      nodes: p.nodes.map((id) => ref(graph, id)),
      edges: p.edges.map((e) => ({ ...hopView(graph, e), type: graph.getEdgeAttribute(e, 'type') })),
    })),
  };
}

export interface TraceRequest extends ProjectionLimits {
  account: string;
  direction?: 'out' | 'in';
  maxHops?: number;
  windowDays?: number;
  minAmount?: number;
  amountRatio?: number;
  hubDegree?: number;
  from?: string;
  to?: string;
}

export async function fundTrace(store: Store, request: TraceRequest) {
  const account = await resolveEntity(store, request.account, ['Account']);
  const direction = request.direction ?? 'out';
  const maxHops = request.maxHops ?? 3;
  const graph = await projectCase(store, {
    seeds: [account],
    hops: maxHops,
    types: ['TRANSFER'],
    direction,
    ...(request.minAmount !== undefined ? { minAmount: request.minAmount } : {}),
    ...(request.from ? { from: request.from } : {}),
    ...(request.to ? { to: request.to } : {}),
    ...(request.maxNodes ? { maxNodes: request.maxNodes } : {}),
  });
  const result = traceFunds(graph, account, {
    direction: direction === 'out' ? 'forward' : 'backward',
    maxHops,
    ...(request.windowDays !== undefined ? { windowMs: request.windowDays * DAY_MS } : {}),
    ...(request.minAmount !== undefined ? { minAmount: request.minAmount } : {}),
    ...(request.amountRatio !== undefined ? { amountRatio: request.amountRatio } : {}),
    ...(request.hubDegree !== undefined ? { hubDegree: request.hubDegree } : {}),
  });
  return {
    account: ref(graph, account),
    direction,
    truncated: result.truncated,
    endpoints: result.endpoints.map((e) => ({
      ...ref(graph, e.id),
      total: e.total,
      chains: e.chains,
      minHops: e.minHops,
    })),
    chains: result.chains.map((c) => ({ hops: c.edges.map((e) => hopView(graph, e)) })),
  };
}

/** Ultimate owners of a company (`holder` unset) or everything a holder effectively controls. */
export async function equity(
  store: Store,
  request: ProjectionLimits & { company?: string; holder?: string; threshold?: number; maxDepth?: number },
) {
  const maxDepth = request.maxDepth ?? 10;
  const start = request.company
    ? await resolveEntity(store, request.company, ['Company'])
    : await resolveEntity(store, request.holder ?? '', ['Person', 'Company']);
  const graph = await projectCase(store, {
    seeds: [start],
    hops: Math.min(maxDepth, 6),
    types: ['SHAREHOLDER'],
    direction: request.company ? 'in' : 'out',
  });
  const options = { threshold: request.threshold ?? 0.25, maxDepth };
  const found = request.company ? ultimateOwners(graph, start, options) : controlledBy(graph, start, options);
  const rows = found.map((h) => ({
    type: h.type,
    key: h.key,
    name: h.name,
    ratio: h.ratio,
    paths: h.paths.map((path) => path.map((id) => ({ key: ref(graph, id).key, name: ref(graph, id).label }))),
  }));
  return request.company
    ? { company: ref(graph, start), owners: rows }
    : { holder: ref(graph, start), controls: rows };
}

export async function transferCycles(
  store: Store,
  options: WholeOptions & {
    minLen?: number;
    maxLen?: number;
    windowDays?: number;
    minAmount?: number;
    tolerance?: number;
    hubDegree?: number;
  } = {},
) {
  const graph = await projectWhole(store, { ...options, types: ['TRANSFER'] });
  const cycles = temporalCycles(graph, {
    minLen: options.minLen ?? 2,
    maxLen: options.maxLen ?? 6,
    windowMs: (options.windowDays ?? 30) * DAY_MS,
    ...(options.minAmount !== undefined ? { minAmount: options.minAmount } : {}),
    ...(options.tolerance !== undefined ? { amountTolerance: options.tolerance } : {}),
    ...(options.hubDegree !== undefined ? { hubDegree: options.hubDegree } : {}),
  });
  return {
    cycles: cycles.map((c) => ({
      accounts: c.nodes.map((id) => ref(graph, id)),
      hops: c.edges.map((e) => hopView(graph, e)),
      start: isoTime(c.start),
      end: isoTime(c.end),
      total: c.total,
    })),
  };
}
