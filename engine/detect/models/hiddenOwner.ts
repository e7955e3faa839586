// hidden_beneficial_owner: a paid company a cadre or relative controls ≥ 25% through shareholding chains.
import { makeClue, periodText, subjectOf, yuan } from '../clue.ts';
import { EvidenceSet } from '../evidence.ts';
import { num, text } from '../params.ts';
import type { Link } from '../shared/circle.ts';
import type { Ownership, Stake } from '../shared/ownership.ts';
import type { Bilingual, Clue, ClueSubject, ModelContext, ModelDefinition, ModelParams } from '../types.ts';
import { paymentsPart, relevantPayments } from './contractor.ts';

const pct = (r: number) => `${Math.round(r * 1000) / 10}%`;

/** 'A →70%→ B →60%→ C' with the names the graph knows. */
function chainText(own: Ownership, nodes: readonly string[]): string {
  const parts: string[] = [];
  nodes.forEach((id, i) => {
    parts.push(String(own.graph.getNodeAttribute(id, 'label')));
    const next = nodes[i + 1];
    if (next) {
      let ratio = 0;
      own.graph.forEachDirectedEdge(id, next, (_e, a) => {
        ratio += a.ratio ?? 0;
      });
      parts.push(`→${pct(ratio)}→`);
    }
  });
  return parts.join('');
}

async function run(ctx: ModelContext, params: ModelParams): Promise<Clue[]> {
  const [circle, paid, own] = await Promise.all([
    ctx.shared.circle(),
    ctx.shared.paidCompanies(),
    ctx.shared.ownership(),
  ]);
  const threshold = num(params, 'minEffectiveRatio');
  const scope = text(params, 'scope');
  const clues: Clue[] = [];
  for (const company of paid.values()) {
    const stakes = own.indirectStakes(company.key, num(params, 'minLayers'), num(params, 'maxDepth'));
    const found: { stake: Stake; links: Link[] }[] = [];
    for (const stake of stakes) {
      if (stake.holderType !== 'Person' || stake.ratio < threshold - 1e-9) continue;
      const links = circle.links(stake.holderKey);
      const payments = relevantPayments(company, links, scope);
      const kept =
        scope === 'any' ? links : links.filter((l) => payments.some((p) => p.payer.cadres.has(l.cadre.key)));
      if (kept.length > 0) found.push({ stake, links: kept });
    }
    if (found.length === 0) continue;
    const evidence = new EvidenceSet();
    const subjects: ClueSubject[] = [subjectOf(company.node, 'payee', true)];
    const ties: Bilingual[] = [];
    const allLinks: Link[] = [];
    let top = 0;
    for (const { stake, links } of found) {
      const person = circle.cadres.get(stake.holderKey)?.node ?? circle.relatives.get(stake.holderKey)?.node;
      if (!person) continue;
      evidence.node(person);
      for (const rel of own.pathRels(stake.paths)) evidence.rel(rel);
      for (const l of links) circle.addEvidence(l, evidence);
      allLinks.push(...links);
      subjects.push(subjectOf(person, links.some((l) => !l.tie) ? 'cadre' : 'relative'));
      for (const l of links) if (l.tie) subjects.push(subjectOf(l.cadre.node, 'cadre'));
      const who = circle.phrase(links, person.name ?? person.key);
      const chains = stake.paths.slice(0, 3).map((p) => chainText(own, p.nodes));
      top = Math.max(top, stake.ratio);
      evidence.fact(
        `${person.name}经${stake.paths.length}条持股链间接持有${company.name}${pct(stake.ratio)}：${chains.join('；')}`,
        `${person.name} holds ${pct(stake.ratio)} of ${company.name} indirectly through ${stake.paths.length} chain(s): ${chains.join('; ')}`,
      );
      ties.push({
        zh: `${who.zh}经${stake.paths.length}条持股链间接持有该公司${pct(stake.ratio)}（${chains[0]}）`,
        en: `${who.en} holds ${pct(stake.ratio)} through ${stake.paths.length} chain(s) (${chains[0]})`,
      });
    }
    if (ties.length === 0) continue;
    const part = paymentsPart(company, relevantPayments(company, allLinks, scope), evidence);
    const p = periodText(part.period);
    clues.push(
      makeClue({
        model: 'hidden_beneficial_owner',
        score: 0.6 + Math.min(0.3, top * 0.5) + (part.amount >= 100_000 ? 0.05 : 0),
        subjects: [...subjects, ...part.payerSubjects],
        amount: part.amount,
        period: part.period,
        summary: `${company.name}（统一社会信用代码${company.key}）收到${part.names.join('、')}支付${part.count}笔共${yuan(part.amount)}元（${p.zh}）；${ties.map((t) => t.zh).join('；')}，登记上无直接关联。`,
        summaryEn: `${company.name} (credit code ${company.key}) was paid ${yuan(part.amount)} yuan in ${part.count} payment(s) by ${part.names.join(', ')} (${p.en}); ${ties.map((t) => t.en).join('; ')}.`,
        villages: part.villages,
        evidence,
      }),
    );
  }
  return clues;
}

export const hiddenBeneficialOwner: ModelDefinition = {
  id: 'hidden_beneficial_owner',
  title: { zh: '干部或亲属隐性持股', en: 'Hidden beneficial owners' },
  description: {
    zh: '收到集体或公共资金的企业，被干部或其亲属经多层持股间接控制（有效持股比例≥25%，任意层级）。',
    en: 'A company paid by a collective or public payer that a cadre or relative controls through shareholding chains (effective ratio ≥ 25%, any depth).',
  },
  defaults: {
    minEffectiveRatio: 0.25,
    /** Holdings on a chain at least (2 = through at least one intermediate company). */
    minLayers: 2,
    maxDepth: 10,
    scope: 'payer',
  },
  needs: ['circle', 'payers', 'paidCompanies', 'ownership'],
  prerequisite: {
    cypher:
      'RETURN EXISTS { MATCH (:Person)-[:HOLDS_POST]->() } AND EXISTS { MATCH ()-[:SHAREHOLDER]->() } AS ok',
    reason: { zh: '未导入公职人员名册或股东信息', en: 'no cadre roster or shareholder register loaded' },
  },
  run,
};
