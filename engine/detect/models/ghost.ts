// ghost_recipient: subsidy recipients absent from the household register, or named with an invalid ID number.
import { makeClue, periodOf, periodText, subjectOf, yuan } from '../clue.ts';
import { EvidenceSet, nodeEv, type RawNode, type RawRel, relEv, toNode, toRel } from '../evidence.ts';
import { flag } from '../params.ts';
import type { Bilingual, Clue, ClueSubject, ModelContext, ModelDefinition, ModelParams } from '../types.ts';

interface Row {
  r: RawNode;
  paid: { payer: RawNode; s: RawRel }[];
  /** For a mention: the person it was resolved to, whether that person is in the register. */
  p: RawNode | null;
  sa: RawRel | null;
  registered: boolean;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** Why an ID number as written is not valid (GB 11643), in both languages; null when it is valid. */
export function idProblem(raw: string): Bilingual | null {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id) && !/^\d{15}$/.test(id))
    return { zh: '位数或字符不符合身份证号格式', en: 'not the length or characters of an ID number' };
  const birth = id.length === 18 ? id.slice(6, 14) : `19${id.slice(6, 12)}`;
  const iso = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  const parsed = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== iso)
    return { zh: '出生日期不存在', en: 'the birth date does not exist' };
  if (id.length === 18) {
    const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
    if ('10X98765432'[sum % 11] !== id[17]) return { zh: '校验码错误', en: 'the check character is wrong' };
  }
  return null;
}

const READ = `
  MATCH (payer)-[s:SUBSIDY]->(r:PersonMention) WHERE s.date <= date($asOf)
  OPTIONAL MATCH (r)-[sa:SAME_AS]->(p:Person)
  WITH r, sa, p, collect({payer: ${nodeEv('payer')}, s: ${relEv('s')}}) AS paid
  RETURN ${nodeEv('r')} AS r, paid, CASE WHEN p IS NULL THEN null ELSE ${nodeEv('p')} END AS p,
    CASE WHEN sa IS NULL THEN null ELSE ${relEv('sa')} END AS sa,
    p IS NOT NULL AND EXISTS { (p)-[:MEMBER_OF]->(:Household) } AS registered
  UNION ALL
  MATCH (payer)-[s:SUBSIDY]->(r:Person) WHERE s.date <= date($asOf) AND NOT EXISTS { (r)-[:MEMBER_OF]->(:Household) }
    AND (NOT $covered OR EXISTS { (payer)-[:LOCATED_IN]->(:Village)<-[:LOCATED_IN]-(:Household) }
      OR EXISTS { MATCH (payer:Village)<-[:LOCATED_IN]-(:Household) })
  WITH r, collect({payer: ${nodeEv('payer')}, s: ${relEv('s')}}) AS paid
  RETURN ${nodeEv('r')} AS r, paid, null AS p, null AS sa, false AS registered`;

async function run(ctx: ModelContext, params: ModelParams): Promise<Clue[]> {
  const rows = await ctx.store.read<Row>(READ, { asOf: ctx.asOf, covered: flag(params, 'coveredAreasOnly') });
  // Mentions of one recipient under several payers or programmes are one clue: same ID as written and name.
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const node = toNode(row.r);
    const raw = String(node.properties.idNumberRaw ?? '')
      .trim()
      .toUpperCase();
    const key = node.type === 'PersonMention' && raw ? `M|${raw}|${node.name}` : `${node.type}|${node.key}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const clues: Clue[] = [];
  for (const group of groups.values()) {
    const first = toNode(group[0]!.r);
    const raw = String(first.properties.idNumberRaw ?? '').trim();
    const resolved = group.find((g) => g.p);
    let reason: Bilingual;
    let score: number;
    if (first.type === 'Person') {
      if (!flag(params, 'notInRegister')) continue;
      reason = { zh: '户籍登记中无此人', en: 'is not in the household register' };
      score = 0.8;
    } else {
      const problem = raw ? idProblem(raw) : null;
      if (raw && !problem) continue;
      if (problem && !flag(params, 'invalidIdNumber')) continue;
      if (!problem && !flag(params, 'missingIdNumber')) continue;
      reason = problem
        ? { zh: `身份证号${raw}无效（${problem.zh}）`, en: `ID number ${raw} is invalid (${problem.en})` }
        : { zh: '未登记身份证号，无法与户籍核对', en: 'has no ID number to check against the register' };
      score = problem ? 0.9 : 0.65;
      if (resolved?.registered) score -= 0.4;
    }
    const evidence = new EvidenceSet();
    const subjects: ClueSubject[] = [];
    const payers = new Set<string>();
    const programs = new Set<string>();
    const dates: string[] = [];
    let amount = 0;
    for (const row of group) {
      const recipient = toNode(row.r);
      subjects.push(subjectOf(recipient, 'recipient', subjects.length === 0));
      evidence.node(recipient).node(row.p).rel(row.sa);
      for (const paid of row.paid) {
        const s = toRel(paid.s);
        const payer = toNode(paid.payer);
        evidence.node(payer).rel(s);
        payers.add(payer.name ?? payer.key);
        programs.add(String(s.properties.program ?? ''));
        dates.push(String(s.properties.date ?? ''));
        amount += Number(s.properties.amount ?? 0);
      }
    }
    if (resolved?.p) subjects.push(subjectOf(toNode(resolved.p), 'possibly', false));
    evidence.fact(`领取人${reason.zh}`, `The recipient ${reason.en}`);
    const period = periodOf(dates);
    const p = periodText(period);
    const n = group.reduce((s, g) => s + g.paid.length, 0);
    const who = first.type === 'Person' ? `${first.name}（身份证号${first.key}）` : first.name;
    clues.push(
      makeClue({
        model: 'ghost_recipient',
        score,
        subjects,
        amount,
        period,
        summary: `${who}领取${[...programs].join('、')}${n}笔共${yuan(amount)}元（${p.zh}，发放单位：${[...payers].join('、')}），但${reason.zh}${resolved?.p ? `；疑似为${toNode(resolved.p).name}（${toNode(resolved.p).key}）` : ''}。`,
        summaryEn: `${first.name} received ${n} ${[...programs].join(', ')} payment(s) totalling ${yuan(amount)} yuan (${p.en}, paid by ${[...payers].join(', ')}), but ${reason.en}.`,
        villages: [],
        evidence,
      }),
    );
  }
  return clues;
}

export const ghostRecipient: ModelDefinition = {
  id: 'ghost_recipient',
  title: { zh: '虚假或不明领取人', en: 'Ghost recipients' },
  description: {
    zh: '补贴领取人不在户籍登记中，或身份证号无效、缺失。',
    en: 'A subsidy recipient absent from the household register, or with an invalid or missing ID number.',
  },
  defaults: {
    notInRegister: true,
    invalidIdNumber: true,
    missingIdNumber: true,
    /** 'Not in the register' only where the register was loaded: the payer's villages have households in it. */
    coveredAreasOnly: true,
  },
  needs: [],
  prerequisite: {
    cypher: 'RETURN EXISTS { MATCH (:Person)-[:MEMBER_OF]->(:Household) } AS ok',
    reason: { zh: '未导入户籍登记', en: 'no household register loaded' },
  },
  run,
};
