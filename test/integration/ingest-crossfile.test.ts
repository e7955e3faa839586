// One run, files that refer to each other: holdings named by company only, and legal representatives by phone.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../engine/store/gateway.ts';
import { type IngestResult, ingestFiles } from '../../ingest/load/run.ts';
import { makeCreditCode } from '../../ingest/normalise/creditcode.ts';
import { makeIdNumber } from '../../ingest/normalise/idnumber.ts';
import { cleanGraph } from '../setup/store.ts';

const UCC = {
  roads: makeCreditCode('91330102MA2H30001'),
  holding: makeCreditCode('91330102MA2H30002'),
  twinA: makeCreditCode('91330102MA2H30003'),
  twinB: makeCreditCode('91330102MA2H30004'),
  quarry: makeCreditCode('91330102MA2H30005'),
  mill: makeCreditCode('91330102MA2H30006'),
};
const ID = {
  wife: makeIdNumber('330102', '19720420', '022'),
  wang: makeIdNumber('330102', '19750808', '051'),
  liA: makeIdNumber('330102', '19800101', '013'),
  liB: makeIdNumber('330102', '19810202', '035'),
};
const PHONE = { wang: '13905710001', liA: '13905710003', liB: '13905710004', other: '13905710009' };

const dir = mkdtempSync(join(tmpdir(), 'qf-crossfile-'));
const out = mkdtempSync(join(tmpdir(), 'qf-crossfile-out-'));
const csv = (rows: string[][]) => `${rows.map((r) => r.join(',')).join('\n')}\n`;
let store: Store;
let result: IngestResult;

function writeFiles(): void {
  // Sorts before the register: the holdings are read before the companies they name.
  writeFileSync(
    join(dir, '01-shareholders.csv'),
    csv([
      ['企业名称', '股东名称', '股东证件号码', '持股比例'],
      ['通达路桥【杭州】有限公司', '王芳', ID.wife, '80%'],
      ['通达路桥(杭州) 有限公司', '远山投资有限公司', UCC.holding, '20%'],
      ['远山投资有限公司', '王强', ID.wang, '100%'],
      ['不存在建材有限公司', '王强', ID.wang, '30%'],
      ['同名商贸有限公司', '王芳', ID.wife, '50%'],
      // A corporate holder named without its code is the registered company of that name, if only one.
      ['青石采石有限公司', '远山投资有限公司', '', '40%'],
      ['青石采石有限公司', '同名商贸有限公司', '', '60%'],
    ]),
  );
  // A credit code column whose cell is empty for one row: that row resolves by name.
  writeFileSync(
    join(dir, '02-executives.csv'),
    csv([
      ['统一社会信用代码', '企业名称', '姓名', '身份证号', '职务'],
      ['', '远山投资有限公司', '王强', ID.wang, '执行董事'],
      [UCC.roads, '通达路桥（杭州）有限公司', '王强', ID.wang, '监事'],
    ]),
  );
  writeFileSync(
    join(dir, '03-register.csv'),
    csv([
      ['统一社会信用代码', '企业名称', '法定代表人', '法定代表人联系电话', '联系电话'],
      [UCC.roads, '通达路桥（杭州）有限公司', '王强', PHONE.wang, '0571-88886666'],
      [UCC.holding, '远山投资有限公司', '王芳', '', ''],
      [UCC.twinA, '同名商贸有限公司', '李四', PHONE.other, ''],
      [UCC.twinB, '同名商贸有限公司', '李四', '', ''],
      [UCC.quarry, '青石采石有限公司', '李四', PHONE.liA, ''],
      // The company's own phone is that of one 李四: no ground to say its representative is that 李四.
      [UCC.mill, '石桥米厂有限公司', '李四', '', PHONE.liB],
    ]),
  );
  writeFileSync(
    join(dir, '04-people.csv'),
    csv([
      ['身份证号', '姓名', '联系电话'],
      [ID.wife, '王芳', ''],
      [ID.wang, '王强', PHONE.wang],
      [ID.liA, '李四', PHONE.liA],
      [ID.liB, '李四', PHONE.liB],
    ]),
  );
}

beforeAll(async () => {
  store = await cleanGraph();
  writeFiles();
  result = await ingestFiles(store, [dir], { outDir: out });
});

function summary(name: string) {
  const found = result.files.find((f) => basename(f.path) === name);
  if (!found) throw new Error(`no summary for ${name}`);
  return found;
}

describe('one run, many files that refer to each other', () => {
  it('reads a shareholder sheet keyed by company name, and accounts for every row', () => {
    expect(summary('01-shareholders.csv')).toMatchObject({ kind: 'shareholder', rows: 7, quarantined: 3 });
    expect(summary('02-executives.csv')).toMatchObject({ kind: 'executive', rows: 2, quarantined: 0 });
    for (const f of result.files) expect(f.refused, f.path).toBeUndefined();
  });

  it('puts each holding and post on the registered company of that name', async () => {
    const shares = await store.read<{ holder: string; company: string; ratio: number }>(
      `MATCH (h)-[s:SHAREHOLDER]->(c:Company)
       RETURN coalesce(h.idNumber, h.creditCode) AS holder, c.creditCode AS company, s.ratio AS ratio
       ORDER BY company, ratio`,
    );
    expect(shares).toEqual([
      { holder: UCC.holding, company: UCC.roads, ratio: 0.2 },
      { holder: ID.wife, company: UCC.roads, ratio: 0.8 },
      { holder: ID.wang, company: UCC.holding, ratio: 1 },
      { holder: UCC.holding, company: UCC.quarry, ratio: 0.4 },
    ]);
    const posts = await store.read<{ company: string; post: string }>(
      `MATCH (:Person {idNumber: $wang})-[e:EXECUTIVE]->(c:Company)
       RETURN c.creditCode AS company, e.post AS post ORDER BY post`,
      { wang: ID.wang },
    );
    expect(posts).toEqual([
      { company: UCC.holding, post: '执行董事' },
      { company: UCC.roads, post: '监事' },
    ]);
    // The register's spelling (as loaded: NFKC) names the company, though the holdings were read first.
    const [roads] = await store.read<{ name: string; registered: boolean }>(
      'MATCH (c:Company {creditCode: $c}) RETURN c.name AS name, c.registered AS registered',
      { c: UCC.roads },
    );
    expect(roads).toEqual({ name: '通达路桥(杭州)有限公司', registered: true });
    const [companies] = await store.read<{ n: number }>('MATCH (c:Company) RETURN count(c) AS n');
    expect(companies!.n).toBe(6);
  });

  it('quarantines a name missing from the register and a name two companies share, saying which', () => {
    const records: string[][] = parse(readFileSync(result.quarantineFile, 'utf8'), {
      bom: true,
      from_line: 2,
    });
    const holdings = records
      .filter((r) => basename(r[0]!) === '01-shareholders.csv' && r[6] === 'quarantined')
      .map((r) => ({ row: r[2], field: r[3], code: r[4]!.split(':')[0], value: r[5] }));
    expect(holdings).toEqual([
      { row: '5', field: 'companyName', code: 'company.unresolved', value: '不存在建材有限公司' },
      { row: '6', field: 'companyName', code: 'company.ambiguous', value: '同名商贸有限公司' },
      { row: '8', field: 'holderId', code: 'company.ambiguous', value: '同名商贸有限公司' },
    ]);
  });

  it('links a legal representative named with a phone only to the one person of that name and phone', async () => {
    const reps = await store.read<{ company: string; person: string | null }>(
      `MATCH (m:PersonMention)-[:LEGAL_REP]->(c:Company)
       OPTIONAL MATCH (m)-[:SAME_AS]->(p:Person)
       RETURN c.creditCode AS company, p.idNumber AS person ORDER BY company`,
    );
    expect(reps).toEqual([
      { company: UCC.roads, person: ID.wang },
      { company: UCC.holding, person: null }, // 王芳 without a phone: a name alone links nothing
      { company: UCC.twinA, person: null }, // two 李四, neither with this phone
      { company: UCC.twinB, person: null }, // two 李四, no phone at all
      { company: UCC.quarry, person: ID.liA }, // two 李四, one with this phone
      { company: UCC.mill, person: null }, // the company's phone is not the representative's
    ]);
    const [basis] = await store.read<{ basis: string }>(
      'MATCH (:PersonMention)-[s:SAME_AS]->(:Person {idNumber: $id}) RETURN s.basis AS basis',
      { id: ID.liA },
    );
    expect(basis!.basis).toBe('姓名+电话');
  });

  it('changes nothing when the run is repeated: every row merged or quarantined again', async () => {
    const again = await ingestFiles(store, [dir], { outDir: out });
    for (const f of again.files) {
      expect(f.loaded, f.path).toBe(0);
      expect(f.merged + f.quarantined, f.path).toBe(f.rows);
    }
    expect(again.files.find((f) => basename(f.path) === '01-shareholders.csv')?.quarantined).toBe(3);
  });
});
