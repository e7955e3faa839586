// kickback_chain: payer money reaching a cadre or relative via ≤ 3 intermediaries in order within 30 days.
import { makeClue, periodOf, subjectOf, yuan } from '../clue.ts';
import { EvidenceSet, nodeEv, type RawNode, type RawRel, relEv, toNode, toRel } from '../evidence.ts';
import { list, num, text } from '../params.ts';
import { accountsInfo, stamp, transfersByKey } from '../shared/accounts.ts';
import { type Chain, findChains } from '../shared/reach.ts';
import type {
  Clue,
  ClueSubject,
  EvidenceNode,
  EvidenceRelationship,
  ModelContext,
  ModelDefinition,
  ModelParams,
} from '../types.ts';

const DAY_MS = 86_400_000;

async function run(ctx: ModelContext, params: ModelParams): Promise<Clue[]> {
  const [circle, payers] = await Promise.all([ctx.shared.circle(), ctx.shared.payers()]);
  const kinds = new Set(list(params, 'payers'));
  const sources = new Set(payers.accountNumbers().filter((no) => kinds.has(payers.byAccount.get(no)!.kind)));
  // The circle's accounts: held by a cadre or relative, directly or through a mention resolved to them.
  const owned = await ctx.store.read<{ k: string; no: string; p: RawNode; o: RawRel }>(
    `UNWIND $keys AS k
     MATCH (p:Person {idNumber: k})
     CALL {
       WITH p
       MATCH (p)-[o:OWNS_ACCOUNT]->(a:Account) RETURN a, o
       UNION
       WITH p
       MATCH (p)<-[:SAME_AS]-(:PersonMention)-[o:OWNS_ACCOUNT]->(a:Account) RETURN a, o
     }
     RETURN k, a.accountNo AS no, ${nodeEv('p')} AS p, ${relEv('o')} AS o`,
    { keys: [...circle.cadres.keys(), ...circle.relatives.keys()] },
  );
  const holders = new Map<string, { key: string; node: EvidenceNode; rel: EvidenceRelationship }[]>();
  for (const row of owned) {
    if (sources.has(row.no)) continue;
    holders.set(row.no, [
      ...(holders.get(row.no) ?? []),
      { key: row.k, node: toNode(row.p), rel: toRel(row.o) },
    ]);
  }
  const maxHops = num(params, 'maxIntermediaries') + 1;
  const { chains, truncated } = await findChains(ctx.store, sources, new Set(holders.keys()), {
    maxHops,
    minHops: num(params, 'minIntermediaries') + 1,
    windowMs: num(params, 'windowDays') * DAY_MS,
    minAmount: num(params, 'minAmount'),
    asOf: ctx.asOf,
    maxChains: num(params, 'maxChains'),
  });
  const scope = text(params, 'scope');
  // Chains by the person they reach; with scope 'payer', only where the payer is the cadre's own.
  const byPerson = new Map<
    string,
    { chains: Chain[]; holder: { key: string; node: EvidenceNode; rel: EvidenceRelationship } }
  >();
  for (const chain of chains) {
    const last = chain.hops[chain.hops.length - 1]!;
    const payer = payers.byAccount.get(chain.hops[0]!.from)!;
    for (const holder of holders.get(last.to) ?? []) {
      const links = circle.links(holder.key);
      if (scope === 'payer' && !links.some((l) => payer.cadres.has(l.cadre.key))) continue;
      const entry = byPerson.get(holder.key) ?? { chains: [], holder };
      entry.chains.push(chain);
      byPerson.set(holder.key, entry);
    }
  }
  const kept = [...byPerson.values()].flatMap((e) => e.chains.slice(0, 5));
  const accounts = kept.flatMap((c) => c.hops.flatMap((h) => [h.from, h.to]));
  const info = await accountsInfo(ctx.store, accounts);
  const rels = await transfersByKey(
    ctx.store,
    kept.flatMap((c) => c.hops.map((h) => h.key)),
  );
  const clues: Clue[] = [];
  for (const { chains: found, holder } of byPerson.values()) {
    // The shortest, then earliest chain is the one read aloud; up to five are kept as evidence.
    found.sort((a, b) => a.hops.length - b.hops.length || a.hops[0]!.time - b.hops[0]!.time);
    const shown = found.slice(0, 5);
    const best = shown[0]!;
    const payer = payers.byAccount.get(best.hops[0]!.from)!;
    const links = circle.links(holder.key);
    const own = links.some((l) => payer.cadres.has(l.cadre.key));
    const evidence = new EvidenceSet().node(holder.node).rel(holder.rel).node(payer.node);
    for (const tie of payer.ties) evidence.rel(tie);
    for (const l of links) circle.addEvidence(l, evidence);
    const subjects: ClueSubject[] = [
      subjectOf(holder.node, links.some((l) => !l.tie) ? 'cadre' : 'recipient', true),
    ];
    for (const l of links) if (l.tie) subjects.push(subjectOf(l.cadre.node, 'cadre'));
    subjects.push(subjectOf(payer.node, 'payer'));
    for (const chain of shown)
      for (const [i, hop] of chain.hops.entries()) {
        evidence.rel(rels.get(hop.key));
        const a = info.get(hop.to);
        if (a) {
          evidence.node(a.node);
          for (const o of a.owners) evidence.node(o.node).rel(o.rel);
        }
        if (i < chain.hops.length - 1)
          subjects.push({ type: 'Account', key: hop.to, name: a?.label ?? hop.to, role: 'intermediary' });
      }
    const finals = new Map(
      found.map((c) => [c.hops[c.hops.length - 1]!.key, c.hops[c.hops.length - 1]!.amount]),
    );
    const received = [...finals.values()].reduce((s, a) => s + a, 0);
    const path = [best.hops[0]!.from, ...best.hops.map((h) => h.to)].map(
      (no) => info.get(no)?.label ?? payer.name,
    );
    const hopsZh = best.hops.map((h) => `${stamp(h.time)} ${yuan(h.amount)}元`).join('；');
    const hopsEn = best.hops.map((h) => `${stamp(h.time)} ${yuan(h.amount)}`).join('; ');
    const days = Math.max(
      1,
      Math.ceil((best.hops[best.hops.length - 1]!.time - best.hops[0]!.time) / DAY_MS),
    );
    const who = circle.phrase(links, holder.node.name ?? holder.key);
    const mids = best.hops.length - 1;
    clues.push(
      makeClue({
        model: 'kickback_chain',
        score: 0.65 + (own ? 0.15 : 0) + (received >= 10_000 ? 0.1 : 0) + (mids <= 2 ? 0.05 : 0),
        subjects,
        amount: received,
        period: periodOf(found.flatMap((c) => c.hops.map((h) => stamp(h.time)))),
        summary: `${payer.name}的资金经${mids}个中间账户于${days}日内流入${who.zh}的账户：${path.join('→')}（${hopsZh}）${found.length > 1 ? `，共${found.length}条资金链` : ''}，累计流入${yuan(received)}元。`,
        summaryEn: `Money of ${payer.name} reached ${who.en} through ${mids} intermediary account(s) within ${days} days: ${path.join(' → ')} (${hopsEn})${found.length > 1 ? `; ${found.length} chains in all` : ''}; ${yuan(received)} yuan arrived.`,
        villages: [...payer.villages, ...(info.get(best.hops[best.hops.length - 1]!.to)?.villages ?? [])],
        evidence: truncated
          ? evidence.fact(
              '资金链数量超过上限，仅部分列出',
              'More chains than the limit; only some are listed',
            )
          : evidence,
      }),
    );
  }
  return clues;
}

export const kickbackChain: ModelDefinition = {
  id: 'kickback_chain',
  title: { zh: '利益输送资金链', en: 'Kickback chains' },
  description: {
    zh: '村集体或公共单位支出的资金，经不超过3个中间账户、30日内按时间顺序流入干部或其亲属的账户。',
    en: "Money from a collective or public payer reaching a cadre or a cadre's relative through ≤ 3 intermediaries within 30 days, each hop later than the one before.",
  },
  defaults: {
    maxIntermediaries: 3,
    /** A direct payment to a cadre (wages, allowances) is not a chain: at least one intermediary. */
    minIntermediaries: 1,
    windowDays: 30,
    /** Every hop at least this amount (0 = any). */
    minAmount: 0,
    payers: ['collective', 'public'],
    /** 'any' cadre (default) or only the payer's own ('payer'); the payer's own scores higher either way. */
    scope: 'any',
    maxChains: 100_000,
  },
  needs: ['circle', 'payers'],
  prerequisite: {
    cypher: 'RETURN EXISTS { MATCH (:Person)-[:HOLDS_POST]->() } AS ok',
    reason: { zh: '未导入公职人员名册', en: 'no cadre roster loaded' },
  },
  run,
};
