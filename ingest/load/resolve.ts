// Post-load resolution: family ties derived from household registers, and unresolved mentions linked to
// keyed persons only on name plus a second identifier, unambiguously.
import type { Store } from '../../engine/store/gateway.ts';

/** Relation to the household head → the tie from the head's side (中文 labels as investigators use them). */
const HEAD_TIES: Record<string, string> = {
  配偶: '配偶',
  妻: '配偶',
  夫: '配偶',
  妻子: '配偶',
  丈夫: '配偶',
  子: '子女',
  女: '子女',
  长子: '子女',
  次子: '子女',
  三子: '子女',
  长女: '子女',
  次女: '子女',
  三女: '子女',
  儿子: '子女',
  女儿: '子女',
  养子: '子女',
  养女: '子女',
  独生子: '子女',
  独生女: '子女',
  父: '父母',
  母: '父母',
  父亲: '父母',
  母亲: '父母',
  兄: '兄弟姐妹',
  弟: '兄弟姐妹',
  姐: '兄弟姐妹',
  妹: '兄弟姐妹',
  兄弟: '兄弟姐妹',
  姐妹: '兄弟姐妹',
  孙子: '孙子女',
  孙女: '孙子女',
  外孙子: '孙子女',
  外孙女: '孙子女',
  儿媳: '子女配偶',
  女婿: '子女配偶',
};

const HEAD = ['户主', '本人'];
const SPOUSE = ['配偶', '妻', '夫', '妻子', '丈夫'];
const CHILD = Object.entries(HEAD_TIES)
  .filter(([, tie]) => tie === '子女')
  .map(([rel]) => rel);

/** Derives FAMILY ties inside each household; returns how many were created. Idempotent (MERGE). */
export async function deriveHouseholdTies(store: Store, runId: string): Promise<number> {
  const headTies = await store.write<{ n: number }>(
    `MATCH (head:Person)-[mh:MEMBER_OF]->(h:Household)<-[m:MEMBER_OF]-(other:Person)
     WHERE mh.relationToHead IN $head AND head <> other AND $ties[m.relationToHead] IS NOT NULL
     MERGE (head)-[f:FAMILY]->(other)
     ON CREATE SET f.relation = $ties[m.relationToHead], f.basis = '户籍', f.firstRun = $run, f.sources = ['household:' + h.householdNo]
     RETURN count(f) AS n`,
    { head: HEAD, ties: HEAD_TIES, run: runId },
  );
  // The head's spouse is a parent of the head's children too.
  const spouseTies = await store.write<{ n: number }>(
    `MATCH (spouse:Person)-[ms:MEMBER_OF]->(h:Household)<-[mc:MEMBER_OF]-(child:Person)
     WHERE ms.relationToHead IN $spouse AND mc.relationToHead IN $child
     MERGE (spouse)-[f:FAMILY]->(child)
     ON CREATE SET f.relation = '子女', f.basis = '户籍', f.firstRun = $run, f.sources = ['household:' + h.householdNo]
     RETURN count(f) AS n`,
    { spouse: SPOUSE, child: CHILD, run: runId },
  );
  return (headTies[0]?.n ?? 0) + (spouseTies[0]?.n ?? 0);
}

/**
 * Links each unresolved mention to the one Person with the same name who shares a phone, a birth date
 * or an account with it. Two or more candidates: left unresolved (never merged by name alone).
 */
export async function resolveMentions(store: Store, runId: string): Promise<number> {
  const rows = await store.write<{ n: number }>(
    `MATCH (m:PersonMention) WHERE NOT (m)-[:SAME_AS]->()
     CALL {
       WITH m
       OPTIONAL MATCH (m)-[:HAS_PHONE]->(:Phone)<-[:HAS_PHONE]-(p1:Person {name: m.name})
       OPTIONAL MATCH (p2:Person {name: m.name}) WHERE m.birthDate IS NOT NULL AND p2.birthDate = m.birthDate
       OPTIONAL MATCH (m)-[:OWNS_ACCOUNT]->(:Account)<-[:OWNS_ACCOUNT]-(p3:Person {name: m.name})
       WITH collect(DISTINCT {p: p1, basis: '电话'}) + collect(DISTINCT {p: p2, basis: '出生日期'})
            + collect(DISTINCT {p: p3, basis: '账户'}) AS found
       WITH [c IN found WHERE c.p IS NOT NULL] AS found
       WITH found, reduce(s = [], c IN found | CASE WHEN c.p IN s THEN s ELSE s + c.p END) AS people
       RETURN found, people
     }
     WITH m, found, people WHERE size(people) = 1
     WITH m, people[0] AS p, reduce(b = [], c IN found | CASE WHEN c.basis IN b THEN b ELSE b + c.basis END) AS basis
     MERGE (m)-[s:SAME_AS]->(p)
     ON CREATE SET s.basis = '姓名+' + reduce(t = '', x IN basis | t + CASE WHEN t = '' THEN '' ELSE '、' END + x),
                   s.firstRun = $run
     RETURN count(s) AS n`,
    { run: runId },
  );
  return rows[0]?.n ?? 0;
}
