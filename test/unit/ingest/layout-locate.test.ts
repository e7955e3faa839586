// Finding the header (ingest/layout/locate.ts): below titles and account blocks, two-level, with a translation row.
import { describe, expect, it } from 'vitest';
import { headerScore, isKnownLabel, joinTwoLevel, locateHeader } from '../../../ingest/layout/locate.ts';
import type { RawRow } from '../../../ingest/layout/types.ts';
import { makeIdNumber } from '../../../ingest/normalise/idnumber.ts';

/** Rows numbered from `start` as a reader gives them. */
function rows(cells: string[][], start = 1): RawRow[] {
  return cells.map((c, i) => ({ row: start + i, cells: c }));
}

const ID = makeIdNumber('330102', '19800101', '011');
const ID2 = makeIdNumber('330102', '19820303', '022');
const ROSTER = ['姓名', '身份证号码', '单位', '职务'];
const CADRE = ['张三', ID, '某局', '科员'];

describe('locateHeader on empty or unreadable input', () => {
  it('an empty row list has no header and nothing above it', () => {
    expect(locateHeader([])).toEqual({ headerRows: [], headers: [], above: [] });
  });

  it('a row of empty cells becomes addressable unnamed columns', () => {
    expect(locateHeader(rows([['', '']]))).toEqual({
      headerRows: [1],
      headers: ['__col1', '__col2'],
      above: [],
    });
  });

  it('rows naming no known field keep the first row as header, so the refusal can list it', () => {
    const located = locateHeader(
      rows([
        ['foo', 'bar'],
        ['x', 'y'],
        ['户名', 'z'],
      ]),
    );
    // One known label is not enough to move the header below the first row.
    expect(located.headerRows).toEqual([1]);
    expect(located.headers).toEqual(['foo', 'bar']);
  });
});

describe('the header among preamble rows', () => {
  it('is found below a title and an account block; those rows are the preamble', () => {
    const head = rows([
      ['中国工商银行个人账户历史明细'],
      ['户名：张三', '', '账号：6222020200112233445'],
      ['起止日期：2025-01-01 至 2025-03-31'],
      ['交易日期', '摘要', '交易金额', '余额', '对方户名', '对方账号'],
      ['2025-01-05', '工资', '3000.00', '5000.00', '某公司', '6222020200199887766'],
    ]);
    const located = locateHeader(head);
    expect(located.headerRows).toEqual([4]);
    expect(located.headers).toEqual(['交易日期', '摘要', '交易金额', '余额', '对方户名', '对方账号']);
    expect(located.above.map((r) => r.row)).toEqual([1, 2, 3]);
    expect(located.subs).toBeUndefined();
  });

  it('of two equal rows the earliest is the header', () => {
    const header = ['交易日期', '交易金额', '余额'];
    const located = locateHeader(rows([header, header, ['2025-01-05', '3000.00', '5000.00']]));
    expect(located.headerRows).toEqual([1]);
    expect(located.above).toEqual([]);
  });

  it('a fact cell (户名：张三) counts against a row being the header', () => {
    expect(headerScore(['户名：张三', '账号：6222020200112233445'])).toBe(-2);
    expect(headerScore(['交易日期', '交易金额', '余额'])).toBe(3);
    expect(headerScore(['2025-01-05', '3000.00', '摘要'])).toBe(-1);
    expect(headerScore([])).toBe(0);
    expect(isKnownLabel('')).toBe(false);
    expect(isKnownLabel('2025-01-05')).toBe(false);
    expect(isKnownLabel('对方户名')).toBe(true);
  });
});

describe('two-level headers', () => {
  it('joins a group row above its sub-columns: 申报人 over 姓名/身份证号码', () => {
    const located = locateHeader(
      rows([
        ['序号', '申报人', '', '家庭成员', '', ''],
        ['', '姓名', '身份证号码', '称谓', '姓名', '身份证号码'],
        ['1', '张三', ID, '妻子', '李四', ID2],
      ]),
    );
    expect(located.headerRows).toEqual([1, 2]);
    expect(located.headers).toEqual([
      '序号',
      '申报人·姓名',
      '申报人·身份证号码',
      '家庭成员·称谓',
      '家庭成员·姓名',
      '家庭成员·身份证号码',
    ]);
    expect(located.subs).toEqual(['', '姓名', '身份证号码', '称谓', '姓名', '身份证号码']);
  });

  it('joins the best row over a sub-header row below it: 发生额 over 借方/贷方', () => {
    const located = locateHeader(
      rows([
        ['交易日期', '摘要', '发生额', '', '余额'],
        ['', '', '借方', '贷方', ''],
        ['2025-01-05', '工资', '', '3000.00', '5000.00'],
      ]),
    );
    expect(located.headerRows).toEqual([1, 2]);
    expect(located.headers).toEqual(['交易日期', '摘要', '发生额·借方', '发生额·贷方', '余额']);
  });

  it('a title row over the header is no group row', () => {
    const located = locateHeader(rows([['干部花名册'], ROSTER, CADRE]));
    expect(located.headerRows).toEqual([2]);
    expect(located.headers).toEqual(ROSTER);
    expect(located.above).toEqual([{ row: 1, cells: ['干部花名册'] }]);
    expect(joinTwoLevel(['干部花名册', '', '', ''], ROSTER)).toBeUndefined();
  });

  it('a centred title over the header is no group row either, but a single known label is', () => {
    const located = locateHeader(rows([['', '', '干部花名册', ''], ROSTER, CADRE]));
    expect(located.headerRows).toEqual([2]);
    expect(located.headers).toEqual(ROSTER);
    expect(joinTwoLevel(['', '', '发生额', ''], ['交易日期', '摘要', '借方', '贷方'])?.headers).toEqual([
      '交易日期',
      '摘要',
      '发生额·借方',
      '发生额·贷方',
    ]);
  });

  it('a label beside its value above the header (户名 | 周浩) is a fact, no group row', () => {
    const located = locateHeader(
      rows([
        ['账号', '6221880012345678'],
        ['户名', '周浩'],
        ['交易日期', '交易金额', '对方户名'],
        ['20260105', '100.00', '赵六'],
      ]),
    );
    expect(located.headerRows).toEqual([3]);
    expect(located.headers).toEqual(['交易日期', '交易金额', '对方户名']);
  });

  it('a date line above the header is no group row', () => {
    const located = locateHeader(rows([['', '', '', '2025年3月31日'], ROSTER, CADRE]));
    expect(located.headerRows).toEqual([2]);
    expect(located.headers).toEqual(ROSTER);
    expect(locateHeader(rows([['2025年3月31日', '', '', ''], ROSTER, CADRE])).headerRows).toEqual([2]);
    expect(locateHeader(rows([['填报日期', '2025-03-31', '', ''], ROSTER, CADRE])).headers).toEqual(ROSTER);
  });

  it('joinTwoLevel refuses an empty top row and keeps a merged-down top cell whole', () => {
    expect(joinTwoLevel([], [])).toBeUndefined();
    expect(joinTwoLevel(['', ''], ['姓名', '职务'])).toBeUndefined();
    expect(joinTwoLevel(['序号', '申报人', ''], ['', '姓名', '职务'])).toEqual({
      headers: ['序号', '申报人·姓名', '申报人·职务'],
      subs: ['', '姓名', '职务'],
    });
  });

  it('an English translation row below a Chinese header is part of the header, not data', () => {
    const located = locateHeader(
      rows([
        ['交易日期', '交易金额', '余额', '对方户名'],
        ['Date', 'Amount', 'Balance', 'Counterparty Name'],
        ['2025-01-05', '3000.00', '5000.00', '李四'],
      ]),
    );
    expect(located.headerRows).toEqual([1, 2]);
    expect(located.headers).toEqual(['交易日期', '交易金额', '余额', '对方户名']);
  });

  it('below an English header, a row of English words is data, not a translation', () => {
    const located = locateHeader(
      rows([
        ['name', 'address'],
        ['Alice Smith', 'London Road'],
        ['Bob Jones', 'Park Lane'],
      ]),
    );
    expect(located.headerRows).toEqual([1]);
    expect(located.headers).toEqual(['name', 'address']);
  });
});
