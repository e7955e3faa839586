// cadre_relative_allowance: a cadre's relative on 低保/特困, worst where the cadre's own village or unit pays it.
import { makeClue, periodOf, periodText, subjectOf, yuan } from '../clue.ts';
import {
  EvidenceSet,
  nodeEv,
  type RawNode,
  type RawRel,
  relEv,
  toNode,
  toRel,
  villagesOf,
} from '../evidence.ts';
import { flag, list } from '../params.ts';
import type { Link } from '../shared/circle.ts';
import type { Clue, ClueSubject, ModelContext, ModelDefinition, ModelParams } from '../types.ts';

interface Row {
  p: RawNode;
  villages: string[];
  paid: { payer: RawNode; s: RawRel; m: RawNode | null }[];
}

async function run(ctx: ModelContext, params: ModelParams): Promise<Clue[]> {
  const circle = await ctx.shared.circle();
  const bases = new Set(list(params, 'relatives'));
  // The programme index narrows to means-tested payments; recipients are kept when they are in the circle.
  const rows = await ctx.store.read<Row>(
    `MATCH (payer)-[s:SUBSIDY]->(r) USING INDEX s:SUBSIDY(program)
     WHERE s.program IN $programs AND s.date <= date($asOf)
     OPTIONAL MATCH (r:PersonMention)-[:SAME_AS]->(q:Person)
     WITH coalesce(q, r) AS p, payer, s, CASE WHEN q IS NULL THEN null ELSE r END AS m
     WHERE p:Person AND p.idNumber IN $keys
     WITH p, collect({payer: ${nodeEv('payer')}, s: ${relEv('s')}, m: CASE WHEN m IS NULL THEN null ELSE ${nodeEv('m')} END}) AS paid
     RETURN ${nodeEv('p')} AS p, ${villagesOf('p')} AS villages, paid`,
    {
      programs: list(params, 'programs'),
      asOf: ctx.asOf,
      keys: [...circle.relatives.keys(), ...(flag(params, 'includeSelf') ? circle.cadres.keys() : [])],
    },
  );
  const clues: Clue[] = [];
  for (const row of rows) {
    const person = toNode(row.p);
    const links = circle
      .links(person.key)
      .filter((l) => (l.tie ? bases.has(l.tie.basis) : flag(params, 'includeSelf')));
    if (links.length === 0) continue;
    const evidence = new EvidenceSet().node(person);
    const payerKeys = new Set<string>();
    const payerNames = new Set<string>();
    const programs = new Set<string>();
    const dates: string[] = [];
    let amount = 0;
    for (const paid of row.paid) {
      const s = toRel(paid.s);
      const payer = toNode(paid.payer);
      evidence.node(payer).node(paid.m).rel(s);
      payerKeys.add(`${payer.type}:${payer.key}`);
      payerNames.add(payer.name ?? payer.key);
      programs.add(String(s.properties.program ?? ''));
      dates.push(String(s.properties.date ?? ''));
      amount += Number(s.properties.amount ?? 0);
    }
    // 优亲厚友: the paying unit is the cadre's own, or the recipient lives in a village where the cadre holds a post.
    const own = (link: Link) =>
      link.cadre.posts.some(
        (post) =>
          payerKeys.has(`${post.orgType}:${post.orgKey}`) ||
          (post.orgType === 'Village' && row.villages.includes(post.orgKey)),
      );
    const ownLinks = links.filter(own);
    const shown = ownLinks.length > 0 ? ownLinks : links;
    for (const link of links) circle.addEvidence(link, evidence);
    const ties = shown.map((l) => circle.describe(l));
    const period = periodOf(dates);
    const p = periodText(period);
    const subjects: ClueSubject[] = [
      subjectOf(person, 'recipient', true),
      ...links.map((l) => subjectOf(l.cadre.node, 'cadre')),
    ];
    const whereZh = ownLinks.length > 0 ? '，且由该干部本村或本单位经办发放' : '';
    const whereEn = ownLinks.length > 0 ? ", handled by the cadre's own village or unit" : '';
    if (ownLinks.length > 0)
      evidence.fact(
        '发放单位或领取人所在村为该干部任职所在',
        "The paying unit, or the recipient's village, is where the cadre holds a post",
      );
    clues.push(
      makeClue({
        model: 'cadre_relative_allowance',
        score: 0.65 + (ownLinks.length > 0 ? 0.25 : 0) + Math.min(0.05, (links.length - 1) * 0.05),
        subjects,
        amount,
        period,
        summary: `${person.name}（身份证号${person.key}）系${ties.map((t) => t.zh).join('；')}，领取${[...programs].join('、')}${row.paid.length}笔共${yuan(amount)}元（${p.zh}）${whereZh}。`,
        summaryEn: `${person.name} (ID ${person.key}), ${ties.map((t) => t.en).join('; ')}, received ${row.paid.length} ${[...programs].join(', ')} payment(s) totalling ${yuan(amount)} yuan (${p.en})${whereEn}.`,
        villages: row.villages,
        evidence,
      }),
    );
  }
  return clues;
}

export const cadreRelativeAllowance: ModelDefinition = {
  id: 'cadre_relative_allowance',
  title: { zh: '干部亲属享受低保特困', en: "Cadres' relatives on means-tested allowances" },
  description: {
    zh: '干部的亲属（申报亲属、户籍同户成员）领取低保、特困等困难救助，本村或本单位经办的尤为可疑。',
    en: "A cadre's relative (declared, or in the cadre's household) receiving a means-tested allowance; above all where the cadre's own village or unit handles it.",
  },
  defaults: {
    programs: ['城乡居民最低生活保障', '特困人员供养'],
    /** Which ties make a relative: declared, household, family (other FAMILY ties). */
    relatives: ['declared', 'household', 'family'],
    includeSelf: false,
  },
  needs: ['circle'],
  prerequisite: {
    cypher: 'RETURN EXISTS { MATCH (:Person)-[:HOLDS_POST]->() } AS ok',
    reason: { zh: '未导入公职人员名册', en: 'no cadre roster loaded' },
  },
  run,
};
