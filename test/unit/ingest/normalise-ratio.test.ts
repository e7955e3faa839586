// Tests for ratios: percentages with and without sign, fractions, per mille, range and format failures.
import { describe, expect, it } from 'vitest';
import { formatRatio, parseRatio } from '../../../ingest/normalise/ratio.ts';
import type { Parsed } from '../../../ingest/normalise/result.ts';

const code = (result: Parsed<unknown>): string => (result.ok ? 'ok' : (result.reason.split(':')[0] ?? ''));

describe('parseRatio', () => {
  it.each([
    ['60%', 0.6],
    ['60 %', 0.6],
    ['６０％', 0.6],
    ['0.6', 0.6],
    ['60', 0.6],
    ['100', 1],
    ['100%', 1],
    ['1', 1],
    ['0', 0],
    ['0%', 0],
    ['33.33%', 0.3333],
    ['33.33', 0.3333],
    ['0.5%', 0.005],
    ['1%', 0.01],
    ['1.5', 0.015],
    ['5‰', 0.005],
    ['1/4', 0.25],
    ['.25', 0.25],
  ])('%j → %d', (raw, expected) => {
    expect(parseRatio(raw)).toEqual({ ok: true, value: expected });
  });

  it('converts percentages exactly on the decimal digits', () => {
    // 33.33 / 100 in binary floating point can land one ulp away from 0.3333; the result must be 0.3333.
    const parsed = parseRatio('33.33%');
    expect(parsed.ok && parsed.value === 0.3333).toBe(true);
    expect(parseRatio('14.29%')).toEqual({ ok: true, value: 0.1429 });
    expect(parseRatio('57.1428%')).toEqual({ ok: true, value: 0.571428 });
  });

  it('reads exponent notation as data sets export tiny ratios', () => {
    expect(parseRatio('1.9722432905983984e-05')).toEqual({ ok: true, value: 1.9722432905983984e-5 });
    expect(parseRatio('6E+1')).toEqual({ ok: true, value: 0.6 });
    expect(code(parseRatio('1e5'))).toBe('ratio.range');
  });

  it('reads 1/3 as a fraction', () => {
    const parsed = parseRatio('1/3');
    expect(parsed.ok && parsed.value).toBeCloseTo(1 / 3, 12);
  });

  it('treats numbers the same way as text', () => {
    expect(parseRatio(60)).toEqual({ ok: true, value: 0.6 });
    expect(parseRatio(0.6)).toEqual({ ok: true, value: 0.6 });
    expect(parseRatio(1)).toEqual({ ok: true, value: 1 });
    expect(parseRatio(33.33)).toEqual({ ok: true, value: 0.3333 });
    expect(parseRatio(100)).toEqual({ ok: true, value: 1 });
  });

  it.each(['101', '100.01', '-5', '-0.1', '100.5%', '-1%', '1001‰', '3/2'])('%j is ratio.range', (raw) => {
    expect(code(parseRatio(raw))).toBe('ratio.range');
  });

  it('range-checks numbers too', () => {
    expect(code(parseRatio(150))).toBe('ratio.range');
    expect(code(parseRatio(-0.01))).toBe('ratio.range');
  });

  it.each(['abc', '60%%', '%', '六成', '1.2.3', '1/0', '60% 40%', '50-60'])('%j is ratio.format', (raw) => {
    expect(code(parseRatio(raw))).toBe('ratio.format');
  });

  it('fails non-finite numbers and blanks with their codes', () => {
    expect(code(parseRatio(Number.POSITIVE_INFINITY))).toBe('ratio.format');
    expect(code(parseRatio(''))).toBe('ratio.empty');
    expect(code(parseRatio('-'))).toBe('ratio.empty');
    expect(code(parseRatio(Number.NaN))).toBe('ratio.empty');
  });
});

describe('formatRatio', () => {
  it('prints percentages without trailing zeros', () => {
    expect(formatRatio(0.6)).toBe('60%');
    expect(formatRatio(0.3333)).toBe('33.33%');
    expect(formatRatio(1 / 3)).toBe('33.33%');
    expect(formatRatio(1)).toBe('100%');
  });
});
