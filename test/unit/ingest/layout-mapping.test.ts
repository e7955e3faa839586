// A table's kind and mapping (ingest/layout/mapping.ts): look-alikes told apart, refusals that say what is missing.
import { describe, expect, it } from 'vitest';
import { isEngineError } from '../../../engine/errors.ts';
import type { ColumnInput } from '../../../ingest/layout/columns.ts';
import { columnRule, factRule, mapTable } from '../../../ingest/layout/mapping.ts';
import type { ColumnPlan } from '../../../ingest/layout/types.ts';
import { makeIdNumber } from '../../../ingest/normalise/idnumber.ts';

const IDS = ['19800101', '19810202', '19820303', '19830404'].map((birth, i) =>
  makeIdNumber('330102', birth, `01${i}`),
);
const NAMES = ['张三', '李四', '王五', '赵六'];
const PHONES = ['13800138000', '13900139000', '13700137000', '13600136000'];
const DATES = ['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01'];
const ACCOUNT = '6222020200112233445';

const col = (header: string, values: string[], sub?: string): ColumnInput => ({
  header,
  values,
  ...(sub ? { sub } : {}),
});

/** The error `fn` throws (failing the test if it throws none). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('tables that cannot be mapped', () => {
  it('no columns at all are refused as ingest.unmapped', () => {
    const error = thrown(() => mapTable('x.csv', [], []));
    expect(isEngineError(error) && error.id).toBe('ingest.unmapped');
  });

  it('a refusal names the missing meaning of the closest family and the headers found', () => {
    const error = thrown(() =>
      mapTable('x.csv', [col('交易日期', DATES), col('交易金额', ['1', '2', '3', '4'])], []),
    );
    expect(isEngineError(error) && error.id).toBe('ingest.unmapped');
    const details = (error as { details: { kind: string; missing: string[][]; headers: string[] } }).details;
    expect(details.kind).toBe('bank');
    expect(details.missing).toEqual([['ownAccount']]);
    expect(details.headers).toEqual(['交易日期', '交易金额']);
  });

  it('a table where no column names a known field names no kind, but still lists its columns to assign', () => {
    const error = thrown(() => mapTable('x.csv', [col('编号', ['1', '2']), col('内容', ['abc', 'def'])], []));
    expect(isEngineError(error) && error.id).toBe('ingest.unmapped');
    const details = (error as { details: { kind: unknown; missing: unknown[]; columns: ColumnPlan[] } })
      .details;
    expect(details.kind).toBeNull();
    expect(details.missing).toEqual([]);
    expect(details.columns.map((c) => [c.header, c.field, c.samples])).toEqual([
      ['编号', null, ['1', '2']],
      ['内容', null, ['abc', 'def']],
    ]);
  });

  it('a forced kind whose required fields are absent is refused, not read as another kind', () => {
    const error = thrown(() =>
      mapTable('x.csv', [col('姓名', NAMES), col('身份证号', IDS)], [], { kind: 'cadre' }),
    );
    expect(isEngineError(error) && error.id).toBe('ingest.unmapped');
  });
});

describe('kind decided between look-alikes', () => {
  it('a list with post and unit is a cadre roster', () => {
    const mapped = mapTable(
      'r.csv',
      [
        col('姓名', NAMES),
        col('身份证号码', IDS),
        col('单位', ['某局', '某局', '某镇', '某镇']),
        col('职务', ['科员', '科长', '镇长', '副镇长']),
      ],
      [],
    );
    expect(mapped.kind).toBe('cadre');
    expect(mapped.fields).toEqual({ name: '姓名', idNumber: '身份证号码', unit: '单位', post: '职务' });
  });

  it('the same list without post or grade is a person list, not a roster', () => {
    const mapped = mapTable(
      'p.csv',
      [col('姓名', NAMES), col('身份证号码', IDS), col('单位', ['某局', '某局', '某镇', '某镇'])],
      [],
    );
    expect(mapped.kind).toBe('person');
    expect(mapped.fields).toEqual({ name: '姓名', idNumber: '身份证号码' });
  });

  it('a list of people with their relation but no declarant is no declaration', () => {
    const mapped = mapTable(
      'p.csv',
      [col('姓名', NAMES), col('身份证号码', IDS), col('与本人关系', ['妻子', '儿子', '丈夫', '女儿'])],
      [],
    );
    expect(mapped.kind).toBe('person');
  });

  it('a declaration with 申报人 over its relatives is a relatives declaration', () => {
    const mapped = mapTable(
      'd.xlsx',
      [
        col('申报人·姓名', NAMES, '姓名'),
        col('申报人·身份证号码', IDS, '身份证号码'),
        col('家庭成员·称谓', ['妻子', '儿子', '丈夫', '女儿'], '称谓'),
        col('家庭成员·姓名', ['李一', '张二', '王二', '赵二'], '姓名'),
        col('家庭成员·身份证号码', [...IDS].reverse(), '身份证号码'),
      ],
      [],
    );
    expect(mapped.kind).toBe('relative');
    expect(mapped.fields).toMatchObject({
      cadreName: '申报人·姓名',
      cadreId: '申报人·身份证号码',
      relation: '家庭成员·称谓',
      relativeName: '家庭成员·姓名',
      relativeId: '家庭成员·身份证号码',
    });
  });

  it('a list of the living with a registration date is a person list, never a death register', () => {
    const mapped = mapTable(
      'p.csv',
      [col('姓名', NAMES), col('身份证号', IDS), col('联系电话', PHONES), col('登记日期', DATES)],
      [],
    );
    expect(mapped.kind).toBe('person');
    expect(mapped.kind).not.toBe('death');
    expect(Object.keys(mapped.fields)).not.toContain('deathDate');
  });

  it('the same list with 死亡日期 is a death register', () => {
    const mapped = mapTable('d.csv', [col('姓名', NAMES), col('身份证号', IDS), col('死亡日期', DATES)], []);
    expect(mapped.kind).toBe('death');
    expect(mapped.fields.deathDate).toBe('死亡日期');
  });

  it('a statement whose account is only in the preamble is a bank table reading it from there', () => {
    const mapped = mapTable(
      's.csv',
      [
        col('交易日期', DATES),
        col('交易金额', ['100.00', '-200.00', '300.00', '5.00']),
        col('余额', ['1', '2', '3', '4']),
      ],
      [
        { label: '账号', value: ACCOUNT, row: 2 },
        { label: '户名', value: '张三', row: 2 },
      ],
    );
    expect(mapped.kind).toBe('bank');
    expect(mapped.fields).toMatchObject({ ownAccount: '^账号', ownName: '^户名', date: '交易日期' });
    expect(mapped.facts.map((f) => [f.field, f.value])).toEqual([
      ['ownAccount', ACCOUNT],
      ['ownName', '张三'],
    ]);
    expect(mapped.profile.spec.fields.ownAccount).toEqual({ preamble: '账号' });
  });
});

describe('profile rules', () => {
  const column: ColumnPlan = {
    index: 1,
    letter: 'B',
    header: '金额',
    field: 'amount',
    confidence: 1,
    evidence: [],
    samples: [],
    content: { type: 'amount', share: 1 },
  };

  it('a plain column is its header; a preamble unit applies to money fields only', () => {
    expect(columnRule(column, 'amount')).toBe('金额');
    expect(columnRule(column, 'amount', 10000)).toEqual({ header: '金额', unit: 10000 });
    expect(columnRule({ ...column, field: 'purpose' }, 'purpose', 10000)).toBe('金额');
  });

  it('a split column keeps its part; a village fact keeps its place', () => {
    expect(columnRule({ ...column, field: 'cpName', part: 'name' }, 'cpName')).toEqual({
      header: '金额',
      part: 'name',
    });
    expect(factRule({ field: 'village', value: '红旗村', row: 1, label: '单位' })).toEqual({
      preamble: '单位',
      place: 'village',
    });
    expect(factRule({ field: 'ownName', value: '张三', row: 1, label: '户名' })).toEqual({
      preamble: '户名',
    });
  });
});
