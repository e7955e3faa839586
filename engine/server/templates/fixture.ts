// The small graph the template route tests share: a cadre, his wife's company, and two village payments to it.
import { makeCreditCode } from '../../../ingest/normalise/creditcode.ts';
import { makeIdNumber } from '../../../ingest/normalise/idnumber.ts';
import { cleanGraph } from '../../../test/setup/store.ts';

export const CADRE = makeIdNumber('330102', '19700315', '011');
export const WIFE = makeIdNumber('330102', '19720420', '022');
export const UCC = makeCreditCode('91330102MA2H00001');
export const VILLAGE = '青山镇/测试村';

/** A user template saved by the tests: a person and their ID number by name. */
export const PERSON_BY_NAME = {
  id: 'person_by_name',
  title: '按姓名查人员',
  titleEn: 'Person by name',
  description: '按姓名查找人员及其身份证号',
  cypher: 'MATCH (p:Person) WHERE p.name = $name RETURN p, p.idNumber AS idNumber',
  params: [{ name: 'name', type: 'string', zh: '姓名', en: 'Name', required: true }],
  tags: ['person', 'test'],
};

/** Empties the graph and writes the fixture (users come after, from startApi). */
export async function writeTemplateFixture(): Promise<void> {
  const store = await cleanGraph();
  await store.write(
    `CREATE (c:Person {idNumber: $cadre, name: '张三', isCadre: true}),
            (w:Person {idNumber: $wife, name: '李四'}),
            (co:Company {creditCode: $ucc, name: '清溪县测试工程有限公司'}),
            (v:Village {villageKey: $village, name: '测试村'}),
            (c)-[:HOLDS_POST {post: '村委会主任'}]->(v),
            (c)-[:FAMILY {relation: '配偶', basis: '申报'}]->(w),
            (w)-[:LEGAL_REP]->(co),
            (v)-[:COLLECTIVE_PAYMENT {paymentKey: 'p1', amount: 50000.0, date: date('2026-03-01')}]->(co),
            (v)-[:COLLECTIVE_PAYMENT {paymentKey: 'p2', amount: 8000.0, date: date('2026-04-01')}]->(co)`,
    { cadre: CADRE, wife: WIFE, ucc: UCC, village: VILLAGE },
  );
}
