// shared_contact: a paid company sharing a phone or address with a cadre or relative, without a registered tie.
import { makeClue, periodText, subjectOf, yuan } from '../clue.ts';
import { EvidenceSet, keyOf, nodeEv, type RawNode, type RawRel, relEv, toNode, toRel } from '../evidence.ts';
import { flag, list, text } from '../params.ts';
import type { Link } from '../shared/circle.ts';
import type { Bilingual, Clue, ClueSubject, ModelContext, ModelDefinition, ModelParams } from '../types.ts';
import { paymentsPart, relevantPayments } from './contractor.ts';

interface Row {
  code: string;
  x: RawNode;
  r1: RawRel;
  r2: RawRel;
  p: RawNode;
}

async function run(ctx: ModelContext, params: ModelParams): Promise<Clue[]> {
  const [circle, paid, own] = await Promise.all([
    ctx.shared.circle(),
    ctx.shared.paidCompanies(),
    ctx.shared.ownership(),
  ]);
  const via = list(params, 'via');
  const types = [
    ...(via.includes('phone') ? ['HAS_PHONE'] : []),
    ...(via.includes('address') ? ['HAS_ADDRESS'] : []),
  ];
  const codes = [...paid.keys()];
  const rows = await ctx.store.read<Row>(
    `UNWIND $codes AS code
     MATCH (:Company {creditCode: code})-[r1]->(x)<-[r2]-(p:Person)
     WHERE type(r1) IN $types AND type(r2) = type(r1) AND p.idNumber IN $circle
     RETURN code, ${nodeEv('x')} AS x, ${relEv('r1')} AS r1, ${relEv('r2')} AS r2, ${nodeEv('p')} AS p`,
    { codes, types, circle: [...circle.cadres.keys(), ...circle.relatives.keys()] },
  );
  // Registered ties (roles and holdings at any depth) belong to the contractor and hidden-owner models.
  const formal = new Map<string, Set<string>>();
  if (flag(params, 'withoutFormalTie') && rows.length > 0) {
    const tied = await ctx.store.read<{ code: string; who: string }>(
      `UNWIND $codes AS code
       MATCH (:Company {creditCode: code})<-[:LEGAL_REP|EXECUTIVE|SHAREHOLDER]-(x)
       OPTIONAL MATCH (x:PersonMention)-[:SAME_AS]->(p:Person)
       RETURN code, head(labels(coalesce(p, x))) + ':' + ${keyOf('coalesce(p, x)')} AS who`,
      { codes: [...new Set(rows.map((r) => r.code))] },
    );
    for (const t of tied) formal.set(t.code, new Set([...(formal.get(t.code) ?? []), t.who]));
  }
  const byCompany = new Map<string, Row[]>();
  for (const row of rows) byCompany.set(row.code, [...(byCompany.get(row.code) ?? []), row]);
  const scope = text(params, 'scope');
  const clues: Clue[] = [];
  for (const [code, shared] of byCompany) {
    const company = paid.get(code)!;
    const owners = new Set([...(formal.get(code) ?? []), ...own.ancestors(code)]);
    const tiedToCircle = [...owners].some((id) => id.startsWith('Person:') && circle.has(id.slice(7)));
    if (tiedToCircle) continue;
    const evidence = new EvidenceSet();
    const subjects: ClueSubject[] = [subjectOf(company.node, 'payee', true)];
    const ties: Bilingual[] = [];
    const allLinks: Link[] = [];
    let phone = false;
    for (const row of shared) {
      const person = toNode(row.p);
      const links = circle.links(person.key);
      const payments = relevantPayments(company, links, scope);
      const kept =
        scope === 'any' ? links : links.filter((l) => payments.some((p) => p.payer.cadres.has(l.cadre.key)));
      if (kept.length === 0) continue;
      const contact = toNode(row.x);
      const isPhone = contact.type === 'Phone';
      phone ||= isPhone;
      evidence.node(contact).rel(toRel(row.r1)).node(person).rel(toRel(row.r2));
      for (const l of kept) circle.addEvidence(l, evidence);
      allLinks.push(...kept);
      subjects.push(subjectOf(person, kept.some((l) => !l.tie) ? 'cadre' : 'relative'));
      for (const l of kept) if (l.tie) subjects.push(subjectOf(l.cadre.node, 'cadre'));
      const who = circle.phrase(kept, person.name ?? person.key);
      ties.push({
        zh: `登记${isPhone ? '联系电话' : '地址'}${contact.key}与${who.zh}相同`,
        en: `its registered ${isPhone ? 'phone' : 'address'} ${contact.key} is that of ${who.en}`,
      });
    }
    if (ties.length === 0) continue;
    const payments = relevantPayments(company, allLinks, scope);
    const ownPayer = payments.some((p) => allLinks.some((l) => p.payer.cadres.has(l.cadre.key)));
    const part = paymentsPart(company, payments, evidence);
    evidence.fact(
      '工商登记中该企业的法定代表人、股东、高管均不是干部或其亲属',
      "None of the company's registered legal representative, shareholders or executives is a cadre or relative",
    );
    const p = periodText(part.period);
    clues.push(
      makeClue({
        model: 'shared_contact',
        score: 0.55 + (phone ? 0.15 : 0) + (ownPayer ? 0.15 : 0) + (part.amount >= 100_000 ? 0.05 : 0),
        subjects: [...subjects, ...part.payerSubjects],
        amount: part.amount,
        period: part.period,
        summary: `${company.name}（统一社会信用代码${company.key}）收到${part.names.join('、')}支付${part.count}笔共${yuan(part.amount)}元（${p.zh}），其${ties.map((t) => t.zh).join('；')}，但登记上无任职或持股关联。`,
        summaryEn: `${company.name} (credit code ${company.key}) was paid ${yuan(part.amount)} yuan in ${part.count} payment(s) by ${part.names.join(', ')} (${p.en}); ${ties.map((t) => t.en).join('; ')}, with no registered role or holding.`,
        villages: part.villages,
        evidence,
      }),
    );
  }
  return clues;
}

export const sharedContact: ModelDefinition = {
  id: 'shared_contact',
  title: { zh: '企业与干部或亲属共用联系方式', en: 'Shared contact details' },
  description: {
    zh: '收到集体或公共资金的企业，与干部或其亲属共用电话号码或地址，但登记上无任职持股关联。',
    en: 'A company paid by a collective or public payer sharing a phone number or address with a cadre or relative, without a registered tie.',
  },
  defaults: {
    via: ['phone', 'address'],
    withoutFormalTie: true,
    /** 'any' cadre (default) or only the payer's own ('payer'); the payer's own scores higher either way. */
    scope: 'any',
  },
  needs: ['circle', 'payers', 'paidCompanies', 'ownership'],
  prerequisite: {
    cypher: 'RETURN EXISTS { MATCH (:Person)-[:HOLDS_POST]->() } AS ok',
    reason: { zh: '未导入公职人员名册', en: 'no cadre roster loaded' },
  },
  run,
};
