// Columns onto one family's fields (ingest/layout/columns.ts): header meaning, checked and completed by values.
import { describe, expect, it } from 'vitest';
import { type ColumnInput, columnLetters, mapColumns } from '../../../ingest/layout/columns.ts';
import type { ColumnPlan } from '../../../ingest/layout/types.ts';
import { makeIdNumber } from '../../../ingest/normalise/idnumber.ts';
import { familyOf } from '../../../ingest/profiles/families.ts';

const IDS = ['19800101', '19810202', '19820303', '19830404'].map((birth, i) =>
  makeIdNumber('330102', birth, `01${i}`),
);
const NAMES = ['张三', '李四', '王五', '赵六'];
const DATES = ['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01'];

const col = (header: string, values: string[]): ColumnInput => ({ header, values });

/** Each column as [header, field, confidence to 2 places, conflict?]. */
function brief(columns: ColumnPlan[]): [string, string | null, number, boolean][] {
  return columns.map((c) => [
    c.header,
    c.field,
    Math.round(c.confidence * 100) / 100,
    c.conflict !== undefined,
  ]);
}

describe('empty input', () => {
  it('no columns map to nothing', () => {
    expect(mapColumns(familyOf('person'), [])).toEqual({ columns: [], fields: {}, weight: 0 });
  });

  it('a column with an empty header and no values is not read', () => {
    const { columns, fields } = mapColumns(familyOf('person'), [col('', [])]);
    expect(fields).toEqual({});
    expect(columns[0]).toMatchObject({ letter: 'A', field: null, samples: [], content: { type: 'empty' } });
  });

  it('column letters run A…Z, AA…', () => {
    expect([0, 25, 26, 701].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'ZZ']);
  });
});

describe('header checked by values', () => {
  it('a header contradicted by its values is flagged and not read; an unnamed column of IDs is read by content', () => {
    const mapping = mapColumns(familyOf('person'), [
      col('姓名', NAMES),
      col('身份证号', NAMES),
      col('__col3', IDS),
    ]);
    expect(brief(mapping.columns)).toEqual([
      ['姓名', 'name', 1, false],
      ['身份证号', null, 0, true],
      ['__col3', 'idNumber', 0.5, false],
    ]);
    expect(mapping.fields).toEqual({ name: '姓名', idNumber: '__col3' });
    expect(mapping.columns[2]!.evidence[0]).toMatch(/^按内容识别 by content/);
  });

  it('a header matched as spelled, with values that fit, has full confidence and both kinds of evidence', () => {
    const { columns } = mapColumns(familyOf('person'), [col('身份证号', IDS)]);
    expect(columns[0]).toMatchObject({ field: 'idNumber', confidence: 1, samples: IDS.slice(0, 3) });
    expect(columns[0]!.content).toEqual({ type: 'idNumber', share: 1 });
    expect(columns[0]!.evidence).toHaveLength(2);
  });

  it('two free ID columns are not guessed between', () => {
    const { fields } = mapColumns(familyOf('person'), [
      col('姓名', NAMES),
      col('__col2', IDS),
      col('__col3', IDS),
    ]);
    expect(fields).toEqual({ name: '姓名' });
  });

  it('a column of dates under no header never becomes a death date', () => {
    const { fields } = mapColumns(familyOf('death'), [
      col('姓名', NAMES),
      col('身份证号', IDS),
      col('__col3', DATES),
    ]);
    expect(fields).toEqual({ name: '姓名', idNumber: '身份证号' });
  });

  it('a column the family already has from the preamble is not filled by content', () => {
    const { fields } = mapColumns(
      familyOf('person'),
      [col('姓名', NAMES), col('__col2', IDS)],
      new Set(['idNumber']),
    );
    expect(fields).toEqual({ name: '姓名' });
  });
});

describe('values as written', () => {
  it('a combined 账号/户名 column feeds cpAccount and cpName', () => {
    const combined = ['6222020200199887766/张三', '6222020200199887767/李四', '6222020200199887768/王五'];
    const { columns, fields } = mapColumns(familyOf('bank'), [
      col('交易日期', ['2025-01-05', '2025-01-06', '2025-01-07']),
      col('交易金额', ['100.00', '200.00', '300.00']),
      col('对方账号与户名', combined),
    ]);
    expect(fields).toEqual({
      date: '交易日期',
      amount: '交易金额',
      cpAccount: '对方账号与户名',
      cpName: '对方账号与户名',
    });
    expect(columns.filter((c) => c.part).map((c) => [c.field, c.part, c.index])).toEqual([
      ['cpAccount', 'account', 2],
      ['cpName', 'name', 2],
    ]);
  });

  it('a (万元) header sets unit 10000 on a money field only', () => {
    const { columns } = mapColumns(familyOf('ledger'), [
      col('日期', ['2025-01-05']),
      col('金额(万元)', ['1.5']),
      col('收款单位/个人', ['张三']),
    ]);
    expect(columns.map((c) => [c.field, c.unit])).toEqual([
      ['date', undefined],
      ['amount', 10000],
      ['payeeName', undefined],
    ]);
    expect(columns[2]!.confidence).toBe(0.9);
  });

  it('a header whose values partly fit is read at lower confidence and flagged', () => {
    const { columns } = mapColumns(familyOf('person'), [col('身份证号', [IDS[0]!, IDS[1]!, '不详', '待补'])]);
    expect(columns[0]!.field).toBe('idNumber');
    expect(columns[0]!.confidence).toBe(0.6);
    expect(columns[0]!.conflict).toBeDefined();
  });
});
