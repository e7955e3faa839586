// cadre_related_contractor: a payer pays a company whose legal rep, shareholder or executive is its cadre or kin.
import { makeClue, periodOf, periodText, subjectOf, yuan } from '../clue.ts';
import { EvidenceSet, nodeEv, type RawNode, type RawRel, relEv, toNode, toRel } from '../evidence.ts';
import { list, text } from '../params.ts';
import type { Link } from '../shared/circle.ts';
import type { PaidCompany, Payment } from '../shared/payers.ts';
import type { Bilingual, Clue, ClueSubject, ModelContext, ModelDefinition, ModelParams } from '../types.ts';

interface RoleRow {
  code: string;
  r: RawRel;
  who: RawNode;
  m: RawNode | null;
  sa: RawRel | null;
}

const ROLE_TYPES: Record<string, string> = {
  legalRep: 'LEGAL_REP',
  shareholder: 'SHAREHOLDER',
  executive: 'EXECUTIVE',
};

function roleText(type: string, props: Record<string, unknown>): Bilingual {
  if (type === 'LEGAL_REP') return { zh: '法定代表人', en: 'legal representative' };
  if (type === 'SHAREHOLDER') {
    const pct = Math.round(Number(props.ratio ?? 0) * 1000) / 10;
    return { zh: `股东（持股${pct}%）`, en: `shareholder (${pct}%)` };
  }
  return { zh: `${String(props.post ?? '高管')}`, en: `executive (${String(props.post ?? '')})` };
}

/** Payments made by a payer where the linked cadre holds a post (scope 'payer'), or every payment ('any'). */
export function relevantPayments(company: PaidCompany, links: readonly Link[], scope: string): Payment[] {
  if (scope === 'any') return company.payments;
  return company.payments.filter((p) => links.some((l) => p.payer.cadres.has(l.cadre.key)));
}

/** Evidence and wording shared by the company models: the payments, their payers, who was paid. */
export function paymentsPart(company: PaidCompany, payments: readonly Payment[], evidence: EvidenceSet) {
  evidence.node(company.node);
  const payers = new Map<string, { name: string; villages: string[] }>();
  for (const p of payments) {
    evidence.node(p.payer.node);
    for (const tie of p.payer.ties) evidence.rel(tie);
    for (const rel of p.rels) evidence.rel(rel);
    payers.set(p.payer.id, { name: p.payer.name, villages: p.payer.villages });
  }
  const amount = payments.reduce((s, p) => s + p.amount, 0);
  const period = periodOf(payments.map((p) => p.date));
  const names = [...payers.values()].map((p) => p.name);
  const villages = [...payers.values()].flatMap((p) => (p.villages.length === 1 ? p.villages : []));
  const payerSubjects: ClueSubject[] = payments
    .map((p) => p.payer)
    .filter((p, i, all) => all.indexOf(p) === i)
    .map((p) => subjectOf(p.node, 'payer'));
  return { amount, period, names, villages, payerSubjects, count: payments.length };
}

async function run(ctx: ModelContext, params: ModelParams): Promise<Clue[]> {
  const [circle, paid] = await Promise.all([ctx.shared.circle(), ctx.shared.paidCompanies()]);
  const scope = text(params, 'scope');
  const types = list(params, 'roles').map((r) => ROLE_TYPES[r] ?? r);
  const rows = await ctx.store.read<RoleRow>(
    `UNWIND $codes AS code
     MATCH (:Company {creditCode: code})<-[r]-(x) WHERE type(r) IN $types
     OPTIONAL MATCH (x:PersonMention)-[sa:SAME_AS]->(p:Person)
     WITH code, r, x, sa, coalesce(p, x) AS who WHERE who:Person
     RETURN code, ${relEv('r')} AS r, ${nodeEv('who')} AS who,
       CASE WHEN sa IS NULL THEN null ELSE ${nodeEv('x')} END AS m, CASE WHEN sa IS NULL THEN null ELSE ${relEv('sa')} END AS sa`,
    { codes: [...paid.keys()], types },
  );
  // Roles by company, then by person: one sentence per person however many roles they hold.
  const byCompany = new Map<string, Map<string, RoleRow[]>>();
  for (const row of rows) {
    const key = toNode(row.who).key;
    if (!circle.has(key)) continue;
    const people = byCompany.get(row.code) ?? new Map<string, RoleRow[]>();
    people.set(key, [...(people.get(key) ?? []), row]);
    byCompany.set(row.code, people);
  }
  const clues: Clue[] = [];
  for (const [code, people] of byCompany) {
    const company = paid.get(code)!;
    const evidence = new EvidenceSet();
    const subjects: ClueSubject[] = [subjectOf(company.node, 'payee', true)];
    const ties: Bilingual[] = [];
    const allLinks: Link[] = [];
    let strong = false;
    for (const roles of people.values()) {
      const person = toNode(roles[0]!.who);
      const links = circle.links(person.key);
      const payments = relevantPayments(company, links, scope);
      const kept =
        scope === 'any' ? links : links.filter((l) => payments.some((p) => p.payer.cadres.has(l.cadre.key)));
      if (kept.length === 0) continue;
      const what: Bilingual[] = [];
      for (const role of roles) {
        const rel = toRel(role.r);
        what.push(roleText(rel.type, rel.properties));
        evidence.rel(rel).node(role.m).rel(role.sa);
        strong ||= rel.type === 'LEGAL_REP' || Number(rel.properties.ratio ?? 0) >= 0.5;
      }
      evidence.node(person);
      for (const l of kept) circle.addEvidence(l, evidence);
      allLinks.push(...kept);
      strong ||= kept.some((l) => !l.tie);
      subjects.push(subjectOf(person, kept.some((l) => !l.tie) ? 'cadre' : 'relative'));
      for (const l of kept) if (l.tie) subjects.push(subjectOf(l.cadre.node, 'cadre'));
      const who = circle.phrase(kept, person.name ?? person.key);
      ties.push({
        zh: `${what.map((w) => w.zh).join('、')}为${who.zh}`,
        en: `its ${what.map((w) => w.en).join(', ')} is ${who.en}`,
      });
    }
    if (ties.length === 0) continue;
    const payments = relevantPayments(company, allLinks, scope);
    const part = paymentsPart(company, payments, evidence);
    const p = periodText(part.period);
    clues.push(
      makeClue({
        model: 'cadre_related_contractor',
        score: 0.7 + (strong ? 0.15 : 0) + (part.amount >= 100_000 ? 0.05 : 0),
        subjects: [...subjects, ...part.payerSubjects],
        amount: part.amount,
        period: part.period,
        summary: `${company.name}（统一社会信用代码${company.key}）收到${part.names.join('、')}支付${part.count}笔共${yuan(part.amount)}元（${p.zh}），其${ties.map((t) => t.zh).join('；')}。`,
        summaryEn: `${company.name} (credit code ${company.key}) was paid ${part.count} time(s), ${yuan(part.amount)} yuan in total, by ${part.names.join(', ')} (${p.en}); ${ties.map((t) => t.en).join('; ')}.`,
        villages: part.villages,
        evidence,
      }),
    );
  }
  return clues;
}

export const cadreRelatedContractor: ModelDefinition = {
  id: 'cadre_related_contractor',
  title: { zh: '干部关联企业承接集体或公共资金项目', en: 'Cadre-related contractors' },
  description: {
    zh: '村集体或公共单位向企业付款，而该企业的法定代表人、股东或高管是付款单位的干部或其亲属。',
    en: "A collective or public payer paying a company whose legal representative, shareholder or executive is one of the payer's cadres or their relative.",
  },
  defaults: {
    roles: ['legalRep', 'shareholder', 'executive'],
    /** 'payer': only the payer's own cadres (and their relatives); 'any': any cadre. */
    scope: 'payer',
  },
  needs: ['circle', 'payers', 'paidCompanies'],
  prerequisite: {
    cypher: 'RETURN EXISTS { MATCH (:Person)-[:HOLDS_POST]->() } AS ok',
    reason: { zh: '未导入公职人员名册', en: 'no cadre roster loaded' },
  },
  run,
};
