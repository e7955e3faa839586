// Per-community summary for investigators: members by type, internal money flow, cadres and clues inside.
import type { AbstractGraph } from 'graphology-types';
import { badArgument, checkGraph, checkTypes, compareStrings } from './common.ts';
import type { EdgeAttrs, NodeAttrs } from './graph.ts';

export interface CommunitySummaryOptions {
  /** Clue counts per node id (e.g. from the supervision models); summed per community. */
  clues?: Readonly<Record<string, number>> | ReadonlyMap<string, number>;
  /** Edge types that count as money flow (default ['TRANSFER']). */
  flowTypes?: readonly string[];
}

export interface CommunitySummary {
  community: number;
  size: number;
  /** Member ids per node type, each list sorted. */
  membersByType: Record<string, string[]>;
  /** Sum of the amounts of flow edges whose two ends are both in the community. */
  internalFlow: number;
  /** Number of those edges. */
  internalTransfers: number;
  /** Sum of flow amounts entering from / leaving to other communities. */
  inflow: number;
  outflow: number;
  /** Members with `cadre: true`, sorted. */
  cadres: string[];
  /** Total clue count of the members (0 when no clue map is given). */
  clueCount: number;
  /** Members that carry at least one clue, sorted. */
  clueSubjects: string[];
}

/**
 * Summarises each community of `assignment` (node id → community number) over `graph`. Nodes missing from
 * the assignment are ignored; every assigned node must exist. Result sorted by community number.
 */
export function summarizeCommunities(
  graph: AbstractGraph<NodeAttrs, EdgeAttrs>,
  assignment: Readonly<Record<string, number>>,
  options: CommunitySummaryOptions = {},
): CommunitySummary[] {
  checkGraph(graph);
  if (!assignment || typeof assignment !== 'object') throw badArgument('assignment', 'expected an object');
  const flowTypes = checkTypes('flowTypes', options.flowTypes) ?? new Set(['TRANSFER']);
  const clues = readClues(options.clues);

  const summaries = new Map<number, CommunitySummary>();
  for (const [node, community] of Object.entries(assignment)) {
    if (!Number.isInteger(community))
      throw badArgument('assignment', `community of ${node} is not an integer`);
    if (!graph.hasNode(node)) throw badArgument('assignment', `unknown node ${node}`);
    let summary = summaries.get(community);
    if (!summary) {
      summary = {
        community,
        size: 0,
        membersByType: {},
        internalFlow: 0,
        internalTransfers: 0,
        inflow: 0,
        outflow: 0,
        cadres: [],
        clueCount: 0,
        clueSubjects: [],
      };
      summaries.set(community, summary);
    }
    const attrs = graph.getNodeAttributes(node);
    summary.size += 1;
    const members = summary.membersByType[attrs.type];
    if (members) members.push(node);
    else summary.membersByType[attrs.type] = [node];
    if (attrs.cadre === true) summary.cadres.push(node);
    const count = clues.get(node) ?? 0;
    if (count > 0) {
      summary.clueCount += count;
      summary.clueSubjects.push(node);
    }
  }

  graph.forEachEdge((_edge, attrs, source, target) => {
    if (!flowTypes.has(attrs.type)) return;
    const from = assignment[source];
    const to = assignment[target];
    const amount = attrs.amount ?? 0;
    if (from !== undefined && from === to) {
      const summary = summaries.get(from)!;
      summary.internalFlow += amount;
      summary.internalTransfers += 1;
      return;
    }
    if (from !== undefined) summaries.get(from)!.outflow += amount;
    if (to !== undefined) summaries.get(to)!.inflow += amount;
  });

  const result = [...summaries.values()].sort((a, b) => a.community - b.community);
  for (const summary of result) {
    for (const list of Object.values(summary.membersByType)) list.sort(compareStrings);
    summary.cadres.sort(compareStrings);
    summary.clueSubjects.sort(compareStrings);
  }
  return result;
}

function readClues(clues: CommunitySummaryOptions['clues']): Map<string, number> {
  const map = new Map<string, number>();
  if (clues === undefined) return map;
  if (clues === null || typeof clues !== 'object') throw badArgument('clues', 'expected a node → count map');
  const entries = clues instanceof Map ? [...clues.entries()] : Object.entries(clues);
  for (const [node, count] of entries) {
    if (typeof count !== 'number' || !Number.isFinite(count) || count < 0)
      throw badArgument('clues', `count of ${node} must be a number ≥ 0`);
    map.set(node, count);
  }
  return map;
}
