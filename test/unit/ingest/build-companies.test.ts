// Shareholder and key-personnel rows that name their company only by name, and a legal representative's phone.
import { describe, expect, it } from 'vitest';
import { buildRow, fileContext } from '../../../ingest/build/index.ts';
import { normaliseCompanyName } from '../../../ingest/load/company-index.ts';
import { makeCreditCode } from '../../../ingest/normalise/creditcode.ts';
import { makeIdNumber } from '../../../ingest/normalise/idnumber.ts';
import { detectMapping } from '../../../ingest/profiles/detect.ts';
import type { BuildResult, Kind } from '../../../ingest/types.ts';

const UCC = {
  roads: makeCreditCode('91330102MA2H20001'),
  other: makeCreditCode('91330102MA2H20002'),
};
const WIFE = makeIdNumber('330102', '19720420', '022');
const codes = {
  [normaliseCompanyName('通达路桥（杭州）有限公司')]: UCC.roads,
  [normaliseCompanyName('同名商贸有限公司')]: '',
};

function build(
  kind: Kind,
  fields: Record<string, string>,
  companyCodes?: Record<string, string>,
): BuildResult {
  const ctx = fileContext({ idValidation: 'gb' }, companyCodes);
  return buildRow({ kind, source: 'f.csv#2', file: 'f.csv', row: 2, fields }, ctx);
}

function reasonOf(result: BuildResult): { field: string; code: string; value?: string } {
  if (result.ok) throw new Error('expected a rejection');
  const { field, reason, value } = result.rejection;
  return { field, code: reason.split(':')[0]!, ...(value !== undefined ? { value } : {}) };
}

const holding = { holderName: '王芳', holderId: WIFE, ratio: '80%' };

describe('shareholder and executive rows keyed by company name', () => {
  it('are mapped when the sheet has a company name and no credit code column', () => {
    expect(detectMapping('h.csv', ['企业名称', '股东名称', '股东证件号码', '持股比例']).kind).toBe(
      'shareholder',
    );
    expect(detectMapping('e.csv', ['公司名称', '姓名', '身份证号', '职务']).kind).toBe('executive');
  });

  it('resolve to the one registered company of that name, however its brackets and spaces are typed', () => {
    const built = build('shareholder', { companyName: '通达路桥(杭州) 有限公司', ...holding }, codes);
    if (!built.ok) throw new Error(built.rejection.reason);
    const primary = built.fragment.primary;
    expect('edge' in primary && primary.edge.to).toEqual({ label: 'Company', key: UCC.roads });
    // The register names the company: a holding's own spelling is not offered as its name.
    const company = built.fragment.nodes.find((n) => n.label === 'Company');
    expect(company).toEqual({ label: 'Company', key: UCC.roads, props: {} });
    const exec = build(
      'executive',
      { companyName: '通达路桥（杭州）有限公司', name: '王强', post: '监事' },
      codes,
    );
    if (!exec.ok) throw new Error(exec.rejection.reason);
    expect('edge' in exec.fragment.primary && exec.fragment.primary.edge.to.key).toBe(UCC.roads);
  });

  it('quarantine a name the register lacks, a name two companies share, and a run without a register', () => {
    expect(reasonOf(build('shareholder', { companyName: '不存在有限公司', ...holding }, codes))).toEqual({
      field: 'companyName',
      code: 'company.unresolved',
      value: '不存在有限公司',
    });
    expect(reasonOf(build('shareholder', { companyName: '同名商贸有限公司', ...holding }, codes))).toEqual({
      field: 'companyName',
      code: 'company.ambiguous',
      value: '同名商贸有限公司',
    });
    expect(
      reasonOf(build('executive', { companyName: '同名商贸有限公司', name: '李四', post: '经理' }, codes))
        .code,
    ).toBe('company.ambiguous');
    expect(reasonOf(build('shareholder', { companyName: '通达路桥（杭州）有限公司', ...holding })).code).toBe(
      'company.unresolved',
    );
  });

  it('keep the credit code first: a code given wins over the name, and neither given is an empty code', () => {
    const built = build(
      'shareholder',
      { creditCode: UCC.other, companyName: '通达路桥（杭州）有限公司', ...holding },
      codes,
    );
    if (!built.ok) throw new Error(built.rejection.reason);
    expect('edge' in built.fragment.primary && built.fragment.primary.edge.to.key).toBe(UCC.other);
    expect(reasonOf(build('shareholder', { creditCode: '', companyName: '无', ...holding }, codes))).toEqual({
      field: 'creditCode',
      code: 'creditCode.empty',
    });
  });
});

describe('a corporate shareholder named without its credit code', () => {
  const held = { creditCode: UCC.other, ratio: '30%', holderId: '' };

  it('is the one registered company of that name', () => {
    const built = build('shareholder', { ...held, holderName: '通达路桥（杭州）有限公司' }, codes);
    if (!built.ok) throw new Error(built.rejection.reason);
    const primary = built.fragment.primary;
    expect('edge' in primary && [primary.edge.from, primary.edge.to.key]).toEqual([
      { label: 'Company', key: UCC.roads },
      UCC.other,
    ]);
  });

  it('is quarantined when two registered companies share the name or none has it', () => {
    expect(reasonOf(build('shareholder', { ...held, holderName: '同名商贸有限公司' }, codes))).toEqual({
      field: 'holderId',
      code: 'company.ambiguous',
      value: '同名商贸有限公司',
    });
    expect(reasonOf(build('shareholder', { ...held, holderName: '不存在有限公司' }, codes)).code).toBe(
      'party.unkeyed',
    );
    expect(reasonOf(build('shareholder', { ...held, holderName: '通达路桥（杭州）有限公司' })).code).toBe(
      'party.unkeyed',
    );
  });
});

describe('a legal representative named without an ID number', () => {
  const register = { creditCode: UCC.roads, name: '通达路桥（杭州）有限公司', legalRepName: '王强' };

  it('carries the representative phone on the mention, and the company phone on the company only', () => {
    const built = build('company', { ...register, legalRepPhone: '13905710001', phone: '0571-88886666' });
    if (!built.ok) throw new Error(built.rejection.reason);
    const phones = built.fragment.edges
      .filter((e) => e.type === 'HAS_PHONE')
      .map((e) => [e.from.label, e.to.key]);
    expect(phones).toEqual([
      ['PersonMention', '13905710001'],
      ['Company', '0571-88886666'],
    ]);
  });

  it('is a mention without a phone when the register gives only the company phone', () => {
    expect(
      detectMapping('r.csv', ['统一社会信用代码', '企业名称', '法定代表人', '法定代表人联系电话', '联系电话'])
        .fields,
    ).toMatchObject({
      legalRepPhone: '法定代表人联系电话',
      phone: '联系电话',
    });
    const built = build('company', { ...register, phone: '13905710001' });
    if (!built.ok) throw new Error(built.rejection.reason);
    const mentionPhones = built.fragment.edges.filter(
      (e) => e.type === 'HAS_PHONE' && e.from.label !== 'Company',
    );
    expect(mentionPhones).toEqual([]);
  });
});
