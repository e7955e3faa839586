// circular_transfers: time-ordered cycles of 2–6 accounts within 30 days, hops ≥ 10,000 and within 10% (资金回流).
import { MultiDirectedGraph } from 'graphology';
import { temporalCycles } from '../../analysis/cycles.ts';
import type { AnalysisGraph } from '../../analysis/graph.ts';
import { makeClue, periodOf, yuan } from '../clue.ts';
import { EvidenceSet } from '../evidence.ts';
import { num } from '../params.ts';
import { accountsInfo, largeTransfers, stamp, transfersByKey } from '../shared/accounts.ts';
import type { Clue, ClueSubject, ModelContext, ModelDefinition, ModelParams } from '../types.ts';

const DAY_MS = 86_400_000;

async function run(ctx: ModelContext, params: ModelParams): Promise<Clue[]> {
  const flows = await largeTransfers(ctx.store, num(params, 'minAmount'), ctx.asOf);
  const graph: AnalysisGraph = new MultiDirectedGraph();
  for (const f of flows) {
    for (const no of [f.from, f.to])
      if (!graph.hasNode(no)) graph.addNode(no, { type: 'Account', key: no, label: no });
    graph.addDirectedEdgeWithKey(f.key, f.from, f.to, { type: 'TRANSFER', amount: f.amount, time: f.time });
  }
  const hubDegree = num(params, 'hubDegree');
  const cycles = temporalCycles(graph, {
    minLen: num(params, 'minLength'),
    maxLen: num(params, 'maxLength'),
    windowMs: num(params, 'windowDays') * DAY_MS,
    minAmount: num(params, 'minAmount'),
    amountTolerance: num(params, 'tolerance'),
    ...(hubDegree > 0 ? { hubDegree } : {}),
    maxCycles: num(params, 'maxCycles'),
  });
  // One clue per set of accounts: rotations and parallel transfers of one scheme are one scheme.
  const groups = new Map<string, typeof cycles>();
  for (const c of cycles) {
    const id = [...c.nodes].sort().join('|');
    groups.set(id, [...(groups.get(id) ?? []), c]);
  }
  const info = await accountsInfo(
    ctx.store,
    cycles.flatMap((c) => c.nodes),
  );
  const rels = await transfersByKey(
    ctx.store,
    [...groups.values()].flatMap((g) => g.slice(0, 5).flatMap((c) => c.edges)),
  );
  const clues: Clue[] = [];
  for (const group of groups.values()) {
    const cycle = group[0]!;
    const evidence = new EvidenceSet();
    const subjects: ClueSubject[] = [];
    const villages: string[] = [];
    for (const no of cycle.nodes) {
      const a = info.get(no);
      if (!a) continue;
      evidence.node(a.node);
      for (const o of a.owners) evidence.node(o.node).rel(o.rel);
      subjects.push({
        type: 'Account',
        key: no,
        name: a.label,
        role: subjects.length === 0 ? 'start' : 'cycle',
        primary: true,
      });
      villages.push(...a.villages);
    }
    for (const c of group.slice(0, 5)) for (const e of c.edges) evidence.rel(rels.get(e));
    const path = [...cycle.nodes, cycle.nodes[0]!].map((no) => info.get(no)?.label ?? no);
    const hops = cycle.hops.map((h) => `${stamp(h.time)} ${yuan(h.amount)}元`).join('；');
    const hopsEn = cycle.hops.map((h) => `${stamp(h.time)} ${yuan(h.amount)}`).join('; ');
    const days = Math.max(1, Math.ceil((cycle.end - cycle.start) / DAY_MS));
    const first = cycle.hops[0]!.amount;
    const last = cycle.hops[cycle.hops.length - 1]!.amount;
    if (group.length > 1)
      evidence.fact(
        `同一组账户共发现${group.length}个资金环`,
        `${group.length} cycles found among the same accounts`,
      );
    clues.push(
      makeClue({
        model: 'circular_transfers',
        score:
          0.65 +
          (cycle.nodes.length >= 3 ? 0.1 : 0) +
          (first >= 100_000 ? 0.1 : 0) +
          Math.min(0.1, (group.length - 1) * 0.05),
        subjects,
        amount: first,
        period: periodOf([stamp(cycle.start), stamp(cycle.end)]),
        summary: `${cycle.nodes.length}个账户在${days}日内资金循环回流：${path.join('→')}，各跳依次为${hops}，金额相近（首笔${yuan(first)}元，回到起点${yuan(last)}元）。`,
        summaryEn: `Money went round ${cycle.nodes.length} accounts within ${days} days: ${path.join(' → ')}; hops ${hopsEn} (first ${yuan(first)}, back at the start ${yuan(last)} yuan).`,
        villages,
        evidence,
      }),
    );
  }
  return clues;
}

export const circularTransfers: ModelDefinition = {
  id: 'circular_transfers',
  title: { zh: '资金回流', en: 'Circular transfers' },
  description: {
    zh: '2至6个账户之间30日内按时间顺序形成资金环，每跳不低于1万元且与上一跳相差不超过10%。',
    en: 'Time-ordered transfer cycles of 2–6 accounts within 30 days, each hop ≥ 10,000 yuan and within 10% of the previous.',
  },
  defaults: {
    minLength: 2,
    maxLength: 6,
    windowDays: 30,
    minAmount: 10_000,
    tolerance: 0.1,
    /** Accounts with more distinct counterparties than this take no part (0 = no limit). */
    hubDegree: 0,
    maxCycles: 100_000,
  },
  needs: [],
  run,
};
