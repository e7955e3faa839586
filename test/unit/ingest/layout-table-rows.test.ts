// Records through a table's mapping (ingest/load/rows.ts TableRows): merged group cells, the preamble fragment.
import { describe, expect, it } from 'vitest';
import { fileContext } from '../../../ingest/build/index.ts';
import { type RowOutcome, TableRows } from '../../../ingest/load/rows.ts';
import { makeIdNumber } from '../../../ingest/normalise/idnumber.ts';
import { normaliseKey } from '../../../ingest/normalise/index.ts';
import type { FieldMapping } from '../../../ingest/profiles/detect.ts';
import { Profile } from '../../../ingest/profiles/profile.ts';
import type { SourceRecord, SourceTable } from '../../../ingest/readers/types.ts';

const CADRE = makeIdNumber('330102', '19700101', '011');
const WIFE = makeIdNumber('330102', '19720202', '022');
const SON = makeIdNumber('330102', '19980303', '031');
const ACCOUNT = '6228480012345678901';

const DECLARATION = [
  '申报人·姓名',
  '申报人·身份证号码',
  '家庭成员·称谓',
  '家庭成员·姓名',
  '家庭成员·身份证号码',
];
const RELATIVE: FieldMapping = {
  kind: 'relative',
  fields: {
    cadreName: '申报人·姓名',
    cadreId: '申报人·身份证号码',
    relation: '家庭成员·称谓',
    relativeName: '家庭成员·姓名',
    relativeId: '家庭成员·身份证号码',
  },
};

function table(
  file: string,
  format: SourceTable['format'],
  headers: string[],
  labelled: { label: string; value: string }[] = [],
): SourceTable {
  return {
    file,
    format,
    headers,
    records: async function* () {},
    layout: { headerRows: [1], headers, labelled: labelled.map((p) => ({ ...p, row: 1 })), preambleText: [] },
  };
}

function record(file: string, row: number, headers: string[], cells: string[]): SourceRecord {
  return { file, row, values: Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ''])) };
}

/** The outcome of each row, read in order through one TableRows. */
function readAll(source: SourceTable, mapping: FieldMapping, rows: string[][]): RowOutcome[] {
  const reader = new TableRows(source, mapping, fileContext({ idValidation: 'gb' }));
  return rows.map((cells, i) => reader.read(record(source.file, i + 2, source.headers, cells)));
}

const field = (outcome: RowOutcome, name: string) =>
  outcome.type === 'built' ? outcome.row.fields[name] : undefined;

describe('TableRows on empty or non-data input', () => {
  it('a table without preamble facts offers no preamble fragment', () => {
    const reader = new TableRows(
      table('d.xlsx', 'xlsx', DECLARATION),
      RELATIVE,
      fileContext({ idValidation: 'gb' }),
    );
    expect(reader.preamble()).toBeUndefined();
  });

  it('a skipped record stays skipped, a record with surplus cells is quarantined', () => {
    const source = table('d.xlsx', 'xlsx', DECLARATION);
    const reader = new TableRows(source, RELATIVE, fileContext({ idValidation: 'gb' }));
    const skipped = {
      ...record('d.xlsx', 9, DECLARATION, ['合计']),
      skip: { reason: 'total', text: '合计' },
    };
    expect(reader.read(skipped)).toEqual({ type: 'skipped', reason: 'total', text: '合计' });
    const extra = record('d.xlsx', 10, DECLARATION, ['张三', CADRE, '妻子', '李四', WIFE]);
    extra.values.__extra1 = 'surplus';
    expect(reader.read(extra)).toMatchObject({ type: 'quarantined', field: '*' });
  });
});

describe('a merged group cell', () => {
  const rows = [
    ['张三', CADRE, '妻子', '李四', WIFE],
    ['', '', '儿子', '张小', SON],
  ];

  it('carries down in a workbook while every group field is blank', () => {
    const [first, second] = readAll(table('d.xlsx', 'xlsx', DECLARATION), RELATIVE, rows);
    expect(first!.type).toBe('built');
    expect(second!.type).toBe('built');
    expect(field(second!, 'cadreId')).toBe(CADRE);
    expect(field(second!, 'cadreName')).toBe('张三');
    expect(second!.type === 'built' && second!.row.source).toBe('d.xlsx#3');
  });

  it('does not carry in a CSV, where nothing is merged: the row misses its declarant', () => {
    const [, second] = readAll(table('d.csv', 'csv', DECLARATION), RELATIVE, rows);
    expect(second).toMatchObject({ type: 'quarantined', field: 'cadreId' });
  });

  it('does not carry into a row that fills one group field itself', () => {
    const [, , third] = readAll(table('d.xlsx', 'xlsx', DECLARATION), RELATIVE, [
      ...rows,
      ['王五', '', '女儿', '王小', WIFE],
    ]);
    expect(third).toMatchObject({ type: 'quarantined', field: 'cadreId' });
  });
});

describe('the preamble fragment of a bank table', () => {
  const headers = ['交易日期', '交易金额', '对方户名'];
  const profile = new Profile(
    {
      name: 'statement',
      kind: 'bank',
      idValidation: 'gb',
      fields: {
        ownAccount: { preamble: '账号' },
        ownName: { preamble: '户名' },
        date: '交易日期',
        amount: '交易金额',
        cpName: '对方户名',
      },
    },
    'test',
  );
  const mapping = profile.toMapping(headers, 's.csv');
  const labelled = [
    { label: '户名', value: '张三' },
    { label: '账号', value: ACCOUNT },
  ];

  it('is offered once, as file#preamble, with the account and its holder', () => {
    const reader = new TableRows(
      table('s.csv', 'csv', headers, labelled),
      mapping,
      fileContext({ idValidation: 'gb' }),
    );
    const offered = reader.preamble();
    expect(offered?.source).toBe('s.csv#preamble');
    expect(offered?.fragment.nodes).toEqual([
      { label: 'Account', key: normaliseKey(ACCOUNT), props: { holderName: '张三' } },
    ]);
    expect(reader.preamble()).toBeUndefined();
  });

  it('every row reads the account from the preamble', () => {
    const reader = new TableRows(
      table('s.csv', 'csv', headers, labelled),
      mapping,
      fileContext({ idValidation: 'gb' }),
    );
    const outcome = reader.read(record('s.csv', 4, headers, ['2025-01-05', '100.00', '李四']));
    expect(outcome.type).toBe('built');
    expect(field(outcome, 'ownAccount')).toBe(ACCOUNT);
    expect(field(outcome, 'ownName')).toBe('张三');
  });

  it('is not offered when the account comes from a column, nor for another kind', () => {
    const fromColumn: FieldMapping = {
      kind: 'bank',
      fields: { ownAccount: '账号', date: '交易日期', amount: '交易金额' },
    };
    const source = table('s.csv', 'csv', ['账号', '交易日期', '交易金额'], labelled);
    expect(new TableRows(source, fromColumn, fileContext({ idValidation: 'gb' })).preamble()).toBeUndefined();
    const ledger = new Profile(
      {
        name: 'ledger',
        kind: 'ledger',
        idValidation: 'gb',
        fields: { village: { preamble: '单位' }, date: '日期' },
      },
      'test',
    );
    const ledgerTable = table('l.csv', 'csv', ['日期'], [{ label: '单位', value: '红旗村' }]);
    const reader = new TableRows(
      ledgerTable,
      ledger.toMapping(['日期'], 'l.csv'),
      fileContext({ idValidation: 'gb' }),
    );
    expect(reader.preamble()).toBeUndefined();
  });
});
