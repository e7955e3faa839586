// Tests for money amounts: separators, currency marks, Chinese units, negatives and exact fen rounding.
import { describe, expect, it } from 'vitest';
import { parseAmount, unitMultiplier } from '../../../ingest/normalise/amount.ts';
import type { Parsed } from '../../../ingest/normalise/result.ts';

const code = (result: Parsed<unknown>): string => (result.ok ? 'ok' : (result.reason.split(':')[0] ?? ''));

describe('parseAmount: text', () => {
  it.each([
    ['59870.69', 59870.69],
    ['59,870.69', 59870.69],
    ['59，870.69', 59870.69],
    ['５９，８７０．６９', 59870.69],
    ['1,234,567.8', 1234567.8],
    ['¥1,000', 1000],
    ['￥1,000.50', 1000.5],
    ['RMB 100', 100],
    ['rmb100', 100],
    ['CNY 2,000', 2000],
    ['人民币500元', 500],
    ['100元', 100],
    ['100元整', 100],
    ['5.2万', 52000],
    ['5.2万元', 52000],
    ['1.5亿', 150000000],
    ['3千', 3000],
    ['2百', 200],
    ['1.2千万', 12000000],
    ['1.23456万', 12345.6],
    ['+100', 100],
    ['-100', -100],
    ['−100', -100],
    ['-¥1,000.00', -1000],
    ['¥-1,000.00', -1000],
    ['(100.00)', -100],
    ['（1,234.50）', -1234.5],
    ['1 000 000.00', 1000000],
    ['59 870.69', 59870.69],
    ['.5', 0.5],
    ['0', 0],
    ['100.', 100],
  ])('%j → %d', (raw, expected) => {
    expect(parseAmount(raw)).toEqual({ ok: true, value: expected });
  });

  it('rounds half up on the decimal digits, not through binary floating point', () => {
    // Math.round(1.005 * 100) / 100 gives 1 because 1.005 is stored as 1.00499999...
    expect(parseAmount('1.005')).toEqual({ ok: true, value: 1.01 });
    expect(parseAmount('1.004')).toEqual({ ok: true, value: 1 });
    expect(parseAmount('-2.675')).toEqual({ ok: true, value: -2.68 });
    expect(parseAmount('0.125万')).toEqual({ ok: true, value: 1250 });
    expect(parseAmount('1.234567万')).toEqual({ ok: true, value: 12345.67 });
  });

  it('never returns negative zero', () => {
    const parsed = parseAmount('-0.00');
    expect(parsed.ok && Object.is(parsed.value, 0)).toBe(true);
  });

  it.each(['', '   ', '-', '--', '无', 'NULL', '/'])('%j is amount.empty', (raw) => {
    expect(code(parseAmount(raw))).toBe('amount.empty');
  });

  it.each([
    'abc',
    '1.2.3',
    '59870,69',
    '1,00',
    '1.000,50',
    '$100',
    'USD 100',
    '100美元',
    '-(100)',
    '+-5',
    '壹佰元',
    '万',
    '¥',
    '5.2万万x',
    '1e5',
  ])('%j is amount.format', (raw) => {
    expect(code(parseAmount(raw))).toBe('amount.format');
  });

  it('refuses amounts too large to hold to the fen exactly', () => {
    expect(code(parseAmount('1万亿亿'))).toBe('amount.range');
    expect(code(parseAmount('99999999999999999'))).toBe('amount.range');
  });
});

describe('parseAmount: numbers', () => {
  it('passes numbers through, rounded to the fen as displayed', () => {
    expect(parseAmount(59870.69)).toEqual({ ok: true, value: 59870.69 });
    expect(parseAmount(1.005)).toEqual({ ok: true, value: 1.01 });
    expect(parseAmount(0.1 + 0.2)).toEqual({ ok: true, value: 0.3 });
    expect(parseAmount(-12.345)).toEqual({ ok: true, value: -12.35 });
    expect(parseAmount(0)).toEqual({ ok: true, value: 0 });
  });

  it('handles exponent-notation magnitudes', () => {
    expect(parseAmount(1e-9)).toEqual({ ok: true, value: 0 });
    expect(code(parseAmount(1e25))).toBe('amount.range');
  });

  it('rejects non-finite numbers and treats NaN as empty', () => {
    expect(code(parseAmount(Number.POSITIVE_INFINITY))).toBe('amount.format');
    expect(code(parseAmount(Number.NaN))).toBe('amount.empty');
  });
});

describe('parseAmount: as statements write them', () => {
  it.each([
    ['1,234.00-', -1234],
    ['1,234.00 -', -1234],
    ['500.00+', 500],
    ['-¥1,234', -1234],
    ['¥-1,234', -1234],
    ['￥ 1,234.00', 1234],
    ['+1,234.00', 1234],
    ['\t 1,234.00 \u00a0', 1234],
    ['\u3000\u30001,234.00\u3000', 1234],
    ['1234.5元', 1234.5],
    ['(1,234.00)', -1234],
    ['50万人民币', 500000],
    ['50.000000万元人民币', 500000],
  ])('%j → %d', (raw, expected) => {
    expect(parseAmount(raw)).toEqual({ ok: true, value: expected });
  });

  it.each(['500万美元', '-1,234.00-', '(1,234.00)-', '1-2', '-'])('%j is not read as an amount', (raw) => {
    expect(parseAmount(raw).ok).toBe(false);
  });
});

describe('unitMultiplier', () => {
  it.each([
    ['金额（万元）', 10000],
    ['金额(万元)', 10000],
    ['金额单位：万元', 10000],
    ['单位:人民币万元', 10000],
    ['单位：元', 1],
    ['（千元）', 1000],
    ['万元', 10000],
    ['元', 1],
    ['收入/万元', 10000],
    ['交易金额(元)', 1],
    ['资产原值【万元】', 10000],
    ['（单位：亿元）', 100000000],
    ['预算数（万）', 10000],
  ])('%j → %d', (text, expected) => {
    expect(unitMultiplier(text)).toBe(expected);
  });

  it.each(['金额', '单元', '元旦', '户名：张三', '备注', '', '3万元以下补贴'])(
    '%j states no unit',
    (text) => {
      expect(unitMultiplier(text)).toBeUndefined();
    },
  );
});
