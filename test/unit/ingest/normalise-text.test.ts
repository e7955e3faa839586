// Tests for text clean-up: width folding, NFKC, invisible characters, whitespace and blank placeholders.
import { describe, expect, it } from 'vitest';
import { cellText, isBlank, normaliseKey, normaliseText } from '../../../ingest/normalise/text.ts';

describe('normaliseText', () => {
  it('folds full-width ASCII (U+FF01..U+FF5E) to half-width', () => {
    expect(normaliseText('ＡＢＣ１２３！～')).toBe('ABC123!~');
    expect(normaliseText('（北京）有限公司')).toBe('(北京)有限公司');
    expect(normaliseText('５９，８７０．６９')).toBe('59,870.69');
  });

  it('turns the ideographic space into a plain space, then collapses runs', () => {
    expect(normaliseText('张\u3000\u3000三')).toBe('张 三');
    expect(normaliseText('  a \t\n b  ')).toBe('a b');
  });

  it('applies NFKC: compatibility ideographs, Kangxi radicals, non-breaking space', () => {
    // U+2F00 KANGXI RADICAL ONE is what PDF extraction often yields for 一.
    expect(normaliseText('\u2f00')).toBe('一');
    // U+F900 is a CJK compatibility ideograph that NFKC maps to U+8C48 (豈).
    expect(normaliseText('\uf900')).toBe('\u8c48');
    expect(normaliseText('a\u00a0b')).toBe('a b');
    expect(normaliseText('￥100')).toBe('¥100');
  });

  it('removes invisible characters inside words instead of spacing them', () => {
    expect(normaliseText('\ufeff张\u200b三\u00ad')).toBe('张三');
    expect(normaliseText('a\u0000b\u0007c')).toBe('abc');
  });

  it('leaves ordinary Chinese text and punctuation that is not full-width ASCII alone', () => {
    expect(normaliseText('清风、明月。')).toBe('清风、明月。');
  });

  it('is idempotent', () => {
    const once = normaliseText(' ＡＢ\u3000 c\u200b ');
    expect(normaliseText(once)).toBe(once);
  });

  it('returns an empty string for non-string input at run time', () => {
    expect(normaliseText(undefined as unknown as string)).toBe('');
  });
});

describe('normaliseKey', () => {
  it('removes all whitespace and upper-cases', () => {
    expect(normaliseKey(' 6222 0212 3456 7890 ')).toBe('6222021234567890');
    expect(normaliseKey('11010519491231002x')).toBe('11010519491231002X');
  });

  it('folds full-width digits and the ideographic space first', () => {
    expect(normaliseKey('１１０１０５\u3000１９４９')).toBe('1101051949');
  });

  it('keeps dashes (they are not spaces)', () => {
    expect(normaliseKey('ab-cd')).toBe('AB-CD');
  });
});

describe('isBlank', () => {
  it.each([
    undefined,
    null,
    '',
    '   ',
    '\u3000',
    '\ufeff',
    '-',
    '--',
    '—',
    '——',
    '无',
    '暂无',
    '不详',
    'null',
    'NULL',
  ])('treats %j as blank', (value) => {
    expect(isBlank(value)).toBe(true);
  });

  it.each(['N/A', 'n/a', '#N/A', '/', 'NaN', 'none', ' － '])('treats placeholder %j as blank', (value) => {
    expect(isBlank(value)).toBe(true);
  });

  it('keeps real values, including zero and short text', () => {
    expect(isBlank('0')).toBe(false);
    expect(isBlank(0)).toBe(false);
    expect(isBlank('张')).toBe(false);
    expect(isBlank('-5')).toBe(false);
    expect(isBlank('无锡')).toBe(false);
  });

  it('treats NaN as blank but no other number', () => {
    expect(isBlank(Number.NaN)).toBe(true);
    expect(isBlank(-1)).toBe(false);
  });
});

describe('cellText', () => {
  it('stringifies numbers and normalises strings', () => {
    expect(cellText(13800138000)).toBe('13800138000');
    expect(cellText(' １２ ')).toBe('12');
    expect(cellText(null)).toBe('');
    expect(cellText(Number.POSITIVE_INFINITY)).toBe('');
  });
});
