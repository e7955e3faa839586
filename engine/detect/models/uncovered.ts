// eligible_not_covered: living residents of the register who reached the age of an allowance and never received it.
import { daysBetween, makeClue, subjectOf } from '../clue.ts';
import { EvidenceSet, nodeEv, type RawNode, type RawRel, relEv, toNode } from '../evidence.ts';
import { flag, num, text, yearsBefore } from '../params.ts';
import type { Clue, ModelContext, ModelDefinition, ModelParams } from '../types.ts';

interface Row {
  p: RawNode;
  homes: { m: RawRel; h: RawNode; l: RawRel | null; v: RawNode | null }[];
}

/** Full years between a birth date and a day (both YYYY-MM-DD). */
function ageOn(birth: string, on: string): number {
  return Number(on.slice(0, 4)) - Number(birth.slice(0, 4)) - (on.slice(5) < birth.slice(5) ? 1 : 0);
}

async function run(ctx: ModelContext, params: ModelParams): Promise<Clue[]> {
  const minAge = num(params, 'minAge');
  const program = text(params, 'program');
  const cutoff = yearsBefore(ctx.asOf, minAge);
  // The birth-date index narrows to the old (birth dates come from the ID number at ingest); living register
  // residents without any payment of the programme up to asOf, to them or to a mention resolved to them.
  // Villages the programme's roster covers: those of every payer that paid it at least once.
  const [coverage] = await ctx.store.read<{ villages: string[] }>(
    `MATCH (payer) WHERE (payer:Organisation OR payer:Village)
       AND EXISTS { MATCH (payer)-[s:SUBSIDY]->() WHERE s.program = $program }
     OPTIONAL MATCH (payer)-[:LOCATED_IN]->(v:Village)
     WITH collect(DISTINCT v.villageKey) + collect(DISTINCT payer.villageKey) AS keys
     RETURN [k IN keys WHERE k IS NOT NULL] AS villages`,
    { program },
  );
  const rows = await ctx.store.read<Row>(
    `MATCH (p:Person) WHERE p.birthDate <= date($cutoff) AND (p.deathDate IS NULL OR p.deathDate > date($asOf))
       AND EXISTS { (p)-[:MEMBER_OF]->(:Household) }
       AND (NOT $covered OR EXISTS {
         MATCH (p)-[:MEMBER_OF]->(:Household)-[:LOCATED_IN]->(v:Village) WHERE v.villageKey IN $villages
       })
       AND NOT EXISTS { MATCH (p)<-[s:SUBSIDY]-() WHERE s.program = $program AND s.date <= date($asOf) }
       AND NOT EXISTS {
         MATCH (p)<-[:SAME_AS]-(:PersonMention)<-[s:SUBSIDY]-() WHERE s.program = $program AND s.date <= date($asOf)
       }
     CALL {
       WITH p
       MATCH (p)-[m:MEMBER_OF]->(h:Household)
       OPTIONAL MATCH (h)-[l:LOCATED_IN]->(v:Village)
       RETURN collect({m: ${relEv('m')}, h: ${nodeEv('h')},
         l: CASE WHEN l IS NULL THEN null ELSE ${relEv('l')} END,
         v: CASE WHEN v IS NULL THEN null ELSE ${nodeEv('v')} END}) AS homes
     }
     RETURN ${nodeEv('p')} AS p, homes`,
    {
      cutoff,
      asOf: ctx.asOf,
      program,
      covered: flag(params, 'coveredVillagesOnly'),
      villages: coverage?.villages ?? [],
    },
  );
  return rows.map((row) => {
    const person = toNode(row.p);
    const birth = String(person.properties.birthDate ?? '');
    const age = ageOn(birth, ctx.asOf);
    const since = yearsBefore(birth, -minAge);
    const months = Math.max(0, Math.floor(daysBetween(since, ctx.asOf) / 30.44));
    const evidence = new EvidenceSet().node(person);
    const villages: string[] = [];
    for (const home of row.homes) {
      evidence.rel(home.m).node(home.h).rel(home.l).node(home.v);
      const village = home.v ? toNode(home.v) : undefined;
      if (village) villages.push(village.key);
    }
    evidence.fact(
      `身份证号记载出生日期${birth}，截至${ctx.asOf}年满${age}周岁；户籍登记在册，未见死亡登记`,
      `The ID number gives birth date ${birth}: aged ${age} on ${ctx.asOf}; in the household register, no death recorded`,
    );
    evidence.fact(
      `截至${ctx.asOf}，${program}发放名册中无此人的发放记录`,
      `No ${program} payment to this person in the rosters up to ${ctx.asOf}`,
    );
    return makeClue({
      model: 'eligible_not_covered',
      // Someone who became eligible only weeks ago may simply not have been processed yet.
      score: 0.55 + Math.min(0.35, months * 0.03),
      subjects: [subjectOf(person, 'resident', true)],
      amount: 0,
      period: { from: since, to: ctx.asOf },
      summary: `${person.name}（身份证号${person.key}）现年${age}周岁，户籍在册且健在，自${since}起即符合${program}条件（已约${months}个月），但截至${ctx.asOf}未见任何发放记录。`,
      summaryEn: `${person.name} (ID ${person.key}), aged ${age}, living and in the register, has been eligible for ${program} since ${since} (about ${months} months), yet no payment is recorded up to ${ctx.asOf}.`,
      villages,
      evidence,
    });
  });
}

export const eligibleNotCovered: ModelDefinition = {
  id: 'eligible_not_covered',
  title: { zh: '高龄老人应享未享', en: 'Eligible elderly not covered' },
  description: {
    zh: '年满规定年龄（按身份证号出生日期、以基准日计）且健在的户籍人员，未领取高龄补贴。',
    en: 'Living residents of the register at or above the age (birth date from the ID number, age on the as-of date) without the allowance.',
  },
  defaults: {
    minAge: 80,
    program: '高龄补贴',
    /** Only villages where the programme's roster pays someone (a roster of another town proves nothing). */
    coveredVillagesOnly: true,
  },
  needs: [],
  prerequisite: {
    cypher: `RETURN EXISTS { MATCH ()-[s:SUBSIDY]->() WHERE s.program = $program }
      AND EXISTS { MATCH (:Person)-[:MEMBER_OF]->(:Household) } AS ok`,
    params: (p) => ({ program: p.program }),
    reason: {
      zh: '未导入该补贴项目的发放名册或户籍登记',
      en: 'no roster of the programme, or no household register, loaded',
    },
  },
  run,
};
