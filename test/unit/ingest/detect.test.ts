// Header detection and mapping profiles: which kind a file is, which header feeds which field, and clear refusals.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../engine/errors.ts';
import { detectMapping, normaliseHeader } from '../../../ingest/profiles/detect.ts';
import { applyMapping, loadProfile, shippedProfiles } from '../../../ingest/profiles/profile.ts';

const detect = (headers: string[]) => detectMapping('x.csv', headers, { profiles: shippedProfiles() });

describe('kind detection from Chinese headers', () => {
  it('tells the families apart', () => {
    expect(detect(['本方账号', '户名', '交易日期', '交易金额', '借贷标志', '对方账号']).kind).toBe('bank');
    expect(detect(['账号', '户名', '交易日期', '借方发生额', '贷方发生额', '余额']).kind).toBe('bank');
    expect(detect(['姓名', '身份证号', '工作单位', '职务', '职级']).kind).toBe('cadre');
    expect(detect(['干部身份证号', '亲属姓名', '亲属身份证号', '与本人关系']).kind).toBe('relative');
    expect(detect(['户号', '姓名', '公民身份号码', '性别', '与户主关系', '村']).kind).toBe('household');
    expect(detect(['姓名', '身份证号', '死亡日期']).kind).toBe('death');
    expect(detect(['统一社会信用代码', '企业名称', '法定代表人', '注册资本']).kind).toBe('company');
    expect(detect(['统一社会信用代码', '股东名称', '股东证件号码', '持股比例']).kind).toBe('shareholder');
    expect(detect(['统一社会信用代码', '姓名', '身份证号', '职务']).kind).toBe('executive');
    expect(detect(['乡镇', '村', '凭证号', '日期', '收款人', '金额', '用途']).kind).toBe('ledger');
    expect(detect(['补贴项目', '姓名', '身份证号', '发放金额', '发放日期']).kind).toBe('subsidy');
    expect(detect(['姓名', '身份证号']).kind).toBe('person');
  });

  it('maps date and time columns separately and tolerates spacing, full-width and unit brackets', () => {
    const mapping = detect(['本方账号', '交易日期', '交易时间', '交易金额（元）', ' 借贷标志 ']);
    expect(mapping.fields).toMatchObject({
      date: '交易日期',
      time: '交易时间',
      amount: '交易金额（元）',
      direction: ' 借贷标志 ',
    });
    expect(normaliseHeader('ＡＢ（元） ')).toBe('ab(元)');
  });

  it('refuses an unmappable file naming the missing fields and the headers found', () => {
    const error = (() => {
      try {
        detect(['本方账号', '交易金额']);
      } catch (e) {
        return e as InvalidInputError;
      }
    })();
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error?.id).toBe('ingest.unmapped');
    expect(error?.details.kind).toBe('bank');
    expect(error?.details.missing).toEqual([['date', 'time']]);
    expect(error?.message).toContain('本方账号, 交易金额');
  });

  it('honours --kind over detection', () => {
    expect(() => detectMapping('x.csv', ['姓名', '身份证号'], { kind: 'death' })).toThrow(InvalidInputError);
  });
});

describe('mapping profiles', () => {
  it('recognises the shared data sets by header and file name', () => {
    const headers = ['investorId', 'companyId', 'ratio', 'createTime'];
    const person = detectMapping('/d/PersonInvestCompany.csv', headers, { profiles: shippedProfiles() });
    const company = detectMapping('/d/CompanyInvestCompany.csv', headers, { profiles: shippedProfiles() });
    expect(person.profile?.name).toBe('finbench-person-invest');
    expect(company.profile?.name).toBe('finbench-company-invest');
    expect(
      applyMapping(person, { investorId: '7', companyId: '9', ratio: '0.5', createTime: '' }),
    ).toMatchObject({
      holderId: 'FB-P-7',
      creditCode: 'FB-C-9',
      ratio: '0.5',
      holderType: 'person',
    });
  });

  it('applies day steps, prefixes and value maps', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qf-profile-'));
    const path = join(dir, 'p.yaml');
    writeFileSync(
      path,
      [
        'name: t',
        'kind: bank',
        'fields:',
        '  ownAccount: { header: acct, prefix: "X-" }',
        '  date: { header: step, dayStep: "2020-01-30" }',
        '  amount: amt',
        '  direction: { header: dc, map: { "1": 贷, "0": 借 } }',
      ].join('\n'),
    );
    const profile = loadProfile(path);
    const mapping = detectMapping('f.csv', ['acct', 'step', 'amt', 'dc'], { profile });
    expect(applyMapping(mapping, { acct: '9', step: '3', amt: '10', dc: '1' })).toEqual({
      ownAccount: 'X-9',
      date: '2020-02-02',
      amount: '10',
      direction: '贷',
    });
  });

  it('rejects a profile with an unknown kind or field, with a stable id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qf-profile-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ name: 'a', kind: 'lottery', fields: {} }));
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ name: 'b', kind: 'bank', fields: { colour: 'x' } }));
    expect(() => loadProfile(join(dir, 'a.json'))).toThrow(
      expect.objectContaining({ id: 'profile.invalid' }),
    );
    expect(() => loadProfile(join(dir, 'b.json'))).toThrow(
      expect.objectContaining({ id: 'profile.unknownField' }),
    );
  });
});
