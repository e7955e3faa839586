// Label/value pairs above a table (ingest/layout/preamble.ts): in one cell, in neighbouring cells, spaced labels.
import { describe, expect, it } from 'vitest';
import { isKnownLabel } from '../../../ingest/layout/locate.ts';
import { preambleText, readPreamble } from '../../../ingest/layout/preamble.ts';
import type { RawRow } from '../../../ingest/layout/types.ts';

function rows(cells: string[][], start = 1): RawRow[] {
  return cells.map((c, i) => ({ row: start + i, cells: c }));
}

const read = (cells: string[][]) => readPreamble(rows(cells), isKnownLabel);
const ACCOUNT = '6222020200112233445';

describe('readPreamble on empty input', () => {
  it('no rows, blank rows or a title give no pair', () => {
    expect(read([])).toEqual([]);
    expect(read([['', ' ']])).toEqual([]);
    expect(read([['中国工商银行个人账户历史明细']])).toEqual([]);
  });

  it('a label with nothing after its colon gives no pair', () => {
    expect(read([['户名：']])).toEqual([]);
    expect(read([['户名：', '账号：']])).toEqual([]);
  });
});

describe('pairs as exports write them', () => {
  it('several pairs in one cell', () => {
    expect(read([[`户名：张三 账号：${ACCOUNT} 币种：人民币`]])).toEqual([
      { label: '户名', value: '张三', row: 1 },
      { label: '账号', value: ACCOUNT, row: 1 },
      { label: '币种', value: '人民币', row: 1 },
    ]);
  });

  it('label and value in neighbouring cells, with a colon', () => {
    expect(read([['户名：', '张三', '账号：', ACCOUNT]])).toEqual([
      { label: '户名', value: '张三', row: 1 },
      { label: '账号', value: ACCOUNT, row: 1 },
    ]);
  });

  it('label and value in neighbouring cells without a colon, for known labels only', () => {
    expect(read([['户名', '张三', '账号', ACCOUNT]])).toEqual([
      { label: '户名', value: '张三', row: 1 },
      { label: '账号', value: ACCOUNT, row: 1 },
    ]);
    // Without a way to tell labels, two bare words are no pair.
    expect(readPreamble(rows([['户名', '张三']]))).toEqual([]);
    expect(read([['某某', '张三']])).toEqual([]);
  });

  it('a spaced label (户    名：) is read as its word', () => {
    expect(read([['户    名：张三']])).toEqual([{ label: '户名', value: '张三', row: 1 }]);
  });

  it('a value containing spaces is kept whole, also before another pair', () => {
    expect(read([['起止日期：2025-01-01 至 2025-03-31']])).toEqual([
      { label: '起止日期', value: '2025-01-01 至 2025-03-31', row: 1 },
    ]);
    expect(read([['户    名：张三    起止日期：2025-01-01 至 2025-03-31']])).toEqual([
      { label: '户名', value: '张三', row: 1 },
      { label: '起止日期', value: '2025-01-01 至 2025-03-31', row: 1 },
    ]);
  });

  it('keeps each pair’s physical row and a label’s bracketed note is dropped', () => {
    expect(read([['账户明细'], ['客户名称(全称)：某某有限公司']])).toEqual([
      { label: '客户名称', value: '某某有限公司', row: 2 },
    ]);
  });
});

describe('preambleText', () => {
  it('keeps the rows that held no pair, as text', () => {
    const above = rows([['中国工商银行', '明细'], ['户名：张三'], ['', '']]);
    expect(preambleText(above, readPreamble(above))).toEqual(['中国工商银行 明细']);
    expect(preambleText([], [])).toEqual([]);
  });
});
