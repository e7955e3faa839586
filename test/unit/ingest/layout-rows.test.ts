// Non-data rows below a header (ingest/layout/rows.ts): each skip reason, and decoys that must stay data.
import { describe, expect, it } from 'vitest';
import { nonDataReason } from '../../../ingest/layout/rows.ts';
import { normaliseHeader } from '../../../ingest/layout/vocabulary.ts';

const HEADER = ['交易日期', '摘要', '交易金额', '余额', '对方户名', '对方账号'];
const KEYS: ReadonlySet<string> = new Set(HEADER.map(normaliseHeader));
const CP = '6222020200199887766';

const reason = (cells: string[], keys: ReadonlySet<string> = KEYS) => nonDataReason(cells, keys)?.reason;

describe('nonDataReason on empty input', () => {
  it('no cells, or only blank cells, is no reason (blank rows are the readers’ business)', () => {
    expect(nonDataReason([], KEYS)).toBeUndefined();
    expect(nonDataReason(['', '  ', '\t'], KEYS)).toBeUndefined();
    expect(nonDataReason(['合计'], new Set())).toEqual({ reason: 'total', text: '合计' });
  });
});

describe('each skip reason', () => {
  it.each([
    [['合计', '', '3000.00', '', '', ''], 'total'],
    [['本页合计：', '', '3000.00'], 'total'],
    [['合计：12笔'], 'total'],
    [['', '小 计', '', '1,200.00', '', ''], 'total'],
    [['', '期初余额', '', '1000.00', '', ''], 'total'],
    [['', '上年结转', '', '1000.00', '', ''], 'total'],
    [['打印时间：2025-04-01 10:00'], 'footer'],
    [['制表人：王五', '审核：赵六'], 'footer'],
    [['注：本明细仅供参考'], 'note'],
    [['以上数据仅供参考'], 'note'],
    [['（以下空白）'], 'note'],
    [['第1页'], 'note'],
    [['共 3 页'], 'note'],
    [['----------'], 'rule'],
    [['-----', '=====', '————'], 'rule'],
    [HEADER, 'repeatedHeader'],
  ] as const)('%j is %s', (cells, expected) => {
    expect(reason([...cells])).toBe(expected);
  });

  it('gives the row’s text, shortened, for the report', () => {
    expect(nonDataReason(['合计', '', '3000.00'], KEYS)).toEqual({ reason: 'total', text: '合计 3000.00' });
    const long = `注：${'很长的说明'.repeat(20)}`;
    const text = nonDataReason([long], KEYS)?.text ?? '';
    expect(text).toHaveLength(58);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('decoys that stay data', () => {
  it('a memo 合计付款 inside a full row', () => {
    expect(reason(['2025-01-05', '合计付款', '3000.00', '5000.00', '李四', CP])).toBeUndefined();
  });

  it('a counterparty named 余额', () => {
    expect(reason(['2025-01-05', '工资', '3000.00', '5000.00', '余额', CP])).toBeUndefined();
  });

  it('a row whose first cell is a date, even alone', () => {
    expect(reason(['2025-01-05', '工资', '3000.00', '5000.00', '李四', CP])).toBeUndefined();
    expect(reason(['2025-01-05', '', '', '', '', ''])).toBeUndefined();
  });

  it('a row with a colon inside a memo', () => {
    expect(reason(['2025-01-05', '备注：转账', '3000.00', '5000.00', '李四', CP])).toBeUndefined();
    expect(reason(['2025-01-05', '打印费：复印', '30.00', '4970.00', '某文印店', CP])).toBeUndefined();
  });

  it('a lone number in a wide table is no remark', () => {
    expect(reason(['', '', '3000.00', '', '', ''])).toBeUndefined();
  });

  it('a row repeating just one header word is data', () => {
    expect(reason(['2025-01-05', '摘要', '3000.00', '5000.00', '李四', CP])).toBeUndefined();
  });
});
