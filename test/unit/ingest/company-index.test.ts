// The run's company register by name: normalised names, ambiguity, and only rows the loader would keep.
import { describe, expect, it } from 'vitest';
import { companyNameIndex, lookupCompany, normaliseCompanyName } from '../../../ingest/load/company-index.ts';
import { makeCreditCode } from '../../../ingest/normalise/creditcode.ts';
import { detectMapping } from '../../../ingest/profiles/detect.ts';
import { Profile } from '../../../ingest/profiles/profile.ts';
import { openTables } from '../../../ingest/readers/index.ts';
import { scratch } from './reader-helpers.ts';

const UCC = {
  a: makeCreditCode('91330102MA2H10001'),
  b: makeCreditCode('91330102MA2H10002'),
  c: makeCreditCode('91330102MA2H10003'),
  d: makeCreditCode('91330102MA2H10004'),
};
const { write } = scratch();

async function tablesOf(...paths: string[]) {
  const out = [];
  for (const path of paths) {
    for (const table of await openTables(path)) {
      out.push({ table, mapping: detectMapping(table.file, table.headers) });
    }
  }
  return out;
}

const csv = (rows: string[][]) => `${rows.map((r) => r.join(',')).join('\n')}\n`;

describe('normaliseCompanyName', () => {
  it('folds width, every kind of bracket, spaces and Latin case, and nothing else', () => {
    const plain = normaliseCompanyName('杭州ABC(集团)有限公司');
    expect(normaliseCompanyName('杭州ＡＢＣ（集团）有限公司')).toBe(plain);
    expect(normaliseCompanyName(' 杭州 abc 【集团】有限公司\u3000')).toBe(plain);
    expect(normaliseCompanyName('杭州ABC〔集团〕有限\u200b公司')).toBe(plain);
    expect(normaliseCompanyName('杭州ABC(集团)有限责任公司')).not.toBe(plain);
    expect(normaliseCompanyName('无')).toBe('');
    expect(normaliseCompanyName('  ')).toBe('');
  });
});

describe('companyNameIndex', () => {
  it('maps each registered name to its code, marks a name two codes share, and reads only registers', async () => {
    const register = write(
      'register.csv',
      csv([
        ['统一社会信用代码', '企业名称', '法定代表人'],
        [UCC.a, '青山建材（集团）有限公司', '王强'],
        [UCC.b, '同名商贸有限公司', '李四'],
        [UCC.c, '同名商贸有限公司 ', '赵六'],
        // The same company listed twice (two extracts) is no ambiguity.
        [UCC.a, '青山建材(集团)有限公司', '王强'],
        // Rows the loader quarantines give no entry: no code, a code that is none, no name.
        ['', '无码公司', '钱七'],
        ['91330102MA2H1000', '短码公司', '孙八'],
        [UCC.d, '', '周九'],
      ]),
    );
    const holders = write(
      'holders.csv',
      csv([
        ['统一社会信用代码', '企业名称', '股东名称', '股东证件号码', '持股比例'],
        [UCC.d, '只在股东表里的公司', '王强', '', '50%'],
      ]),
    );
    const index = await companyNameIndex(await tablesOf(holders, register));
    expect(index).toEqual({
      [normaliseCompanyName('青山建材(集团)有限公司')]: UCC.a,
      [normaliseCompanyName('同名商贸有限公司')]: '',
    });
    expect(lookupCompany(index, '青山建材（集团）有限公司')).toEqual({ found: true, creditCode: UCC.a });
    expect(lookupCompany(index, '同名商贸有限公司')).toEqual({ found: false, why: 'ambiguous' });
    expect(lookupCompany(index, '只在股东表里的公司')).toEqual({ found: false, why: 'missing' });
  });

  it('merges several register files and finds no company under inherited property names', async () => {
    const first = write(
      'r1.csv',
      csv([
        ['统一社会信用代码', '企业名称'],
        [UCC.a, '甲公司'],
      ]),
    );
    const second = write(
      'r2.csv',
      csv([
        ['统一社会信用代码', '企业名称'],
        [UCC.b, '甲公司'],
      ]),
    );
    const third = write(
      'r3.csv',
      csv([
        ['统一社会信用代码', '企业名称'],
        [UCC.c, '乙公司'],
      ]),
    );
    const index = await companyNameIndex(await tablesOf(first, third));
    expect(lookupCompany(index, '甲公司')).toEqual({ found: true, creditCode: UCC.a });
    const both = await companyNameIndex(await tablesOf(first, second, third));
    expect(lookupCompany(both, '甲公司')).toEqual({ found: false, why: 'ambiguous' });
    expect(lookupCompany(both, '乙公司')).toEqual({ found: true, creditCode: UCC.c });
    // A plain object after the worker's structured clone: inherited names are not companies.
    const cloned = structuredClone(both);
    expect(lookupCompany(cloned, 'constructor')).toEqual({ found: false, why: 'missing' });
    expect(lookupCompany(cloned, '__proto__')).toEqual({ found: false, why: 'missing' });
    expect(lookupCompany(undefined, '乙公司')).toEqual({ found: false, why: 'missing' });
  });

  it('honours a profile: its columns, and codes kept unchecked when it says idValidation none', async () => {
    const path = write(
      'reg.csv',
      csv([
        ['code', 'title'],
        ['LOCAL-0001', '丙公司'],
      ]),
    );
    const profile = new Profile(
      {
        name: 'local',
        kind: 'company',
        idValidation: 'none',
        fields: { creditCode: 'code', name: 'title' },
      },
      'test',
    );
    const [table] = await openTables(path);
    const index = await companyNameIndex([
      { table: table!, mapping: profile.toMapping(table!.headers, path) },
    ]);
    expect(lookupCompany(index, '丙公司')).toEqual({ found: true, creditCode: 'LOCAL-0001' });
  });
});
