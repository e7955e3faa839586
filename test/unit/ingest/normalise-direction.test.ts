// Tests for debit/credit flags: every convention to 'in' or 'out', doubled flags, and what stays unknown.
import { describe, expect, it } from 'vitest';
import { isDirectionWord, parseDirection } from '../../../ingest/normalise/direction.ts';

describe('parseDirection', () => {
  it.each([
    '借',
    '借方',
    '支',
    '支出',
    '支取',
    '转出',
    '出账',
    '往账',
    '出',
    '付款',
    'D',
    'DR',
    'Dr',
    'DEBIT',
    'debit',
    '-',
    '0',
  ])('%j is money out', (flag) => {
    expect(parseDirection(flag)).toBe('out');
  });

  it.each([
    '贷',
    '贷方',
    '收',
    '收入',
    '存入',
    '转入',
    '入账',
    '来账',
    '进',
    '收款',
    'C',
    'CR',
    'cr',
    'CREDIT',
    'Credit',
    '+',
    '1',
  ])('%j is money in', (flag) => {
    expect(parseDirection(flag)).toBe('in');
  });

  it('ignores padding, width and case', () => {
    expect(parseDirection('\t借 \u00a0')).toBe('out');
    expect(parseDirection('\u3000贷\u3000')).toBe('in');
    expect(parseDirection('ＤＲ')).toBe('out');
    expect(parseDirection(' c ')).toBe('in');
  });

  it('reads a flag written twice when both halves agree', () => {
    expect(parseDirection('借(支出)')).toBe('out');
    expect(parseDirection('贷（收入）')).toBe('in');
    expect(parseDirection('DR 借')).toBe('out');
    expect(parseDirection('C/贷')).toBe('in');
  });

  it.each(['', '   ', '收/支', '借(收入)', '不计收支', '/', '2', '-1', '冲正', '其他'])(
    '%j is not a direction',
    (flag) => {
      expect(parseDirection(flag)).toBeUndefined();
    },
  );
});

describe('isDirectionWord', () => {
  it('knows the flags and the words for neither, and nothing else', () => {
    expect(['收入', '支出', '不计收支', 'DR'].map(isDirectionWord)).toEqual([true, true, true, true]);
    expect(['张三', '转账', '', '2'].map(isDirectionWord)).toEqual([false, false, false, false]);
  });
});
