// Tests for GB 11643-1999 citizen ID numbers: check digit, birth date, sex, 15→18 upgrade and failure codes.
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../engine/errors.ts';
import { idCheckDigit, makeIdNumber, parseIdNumber } from '../../../ingest/normalise/idnumber.ts';
import type { Parsed } from '../../../ingest/normalise/result.ts';

/** The stable code of a result: 'ok' or the text before ':' of the reason. */
const code = (result: Parsed<unknown>): string => (result.ok ? 'ok' : (result.reason.split(':')[0] ?? ''));

const TODAY = '2024-06-30';
const valueOfId = (result: Parsed<{ idNumber: string }>): string | undefined =>
  result.ok ? result.value.idNumber : undefined;

describe('idCheckDigit', () => {
  it('computes the check digit of the standard example (X)', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X');
  });

  it('computes a numeric check digit', () => {
    // Weighted sum 195, 195 mod 11 = 8 -> '10X98765432'[8] = '4'.
    expect(idCheckDigit('44052418800101001')).toBe('4');
  });

  it('maps remainder 0 to 1 and remainder 1 to 0', () => {
    // All zeros: remainder 0 -> '1'. A single 1 in position 1 (weight 7): remainder 7 -> '5'.
    expect(idCheckDigit('00000000000000000')).toBe('1');
    expect(idCheckDigit('10000000000000000')).toBe('5');
    // Remainder 1: weight of position 8 is 1, so a single 1 there gives sum 1 -> '0'.
    expect(idCheckDigit('00000001000000000')).toBe('0');
  });

  it('throws on anything but 17 digits', () => {
    expect(() => idCheckDigit('1101051949123100')).toThrow(EngineError);
    expect(() => idCheckDigit('1101051949123100A')).toThrow(/17 digits/);
  });
});

describe('makeIdNumber', () => {
  it('builds a number that parses back to its parts', () => {
    const id = makeIdNumber('320102', '19850315', '123');
    expect(id).toHaveLength(18);
    const parsed = parseIdNumber(id, TODAY);
    expect(parsed).toEqual({
      ok: true,
      value: { idNumber: id, birthDate: '1985-03-15', sex: '男', upgraded: false },
    });
  });

  it('reproduces the standard example', () => {
    expect(makeIdNumber('110105', '19491231', '002')).toBe('11010519491231002X');
  });

  it('rejects malformed parts', () => {
    expect(() => makeIdNumber('010105', '19491231', '002')).toThrow(EngineError);
    expect(() => makeIdNumber('110105', '19490230', '002')).toThrow(/birth date/);
    expect(() => makeIdNumber('110105', '19491231', '02')).toThrow(/sequence/);
  });
});

describe('parseIdNumber: valid numbers', () => {
  it('accepts the GB 11643 example and derives birth date and sex', () => {
    expect(parseIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      value: { idNumber: '11010519491231002X', birthDate: '1949-12-31', sex: '女', upgraded: false },
    });
  });

  it('accepts a lower-case x, spaces and full-width digits', () => {
    const parsed = parseIdNumber(' １１０１０５ 1949 1231 002x ', TODAY);
    expect(parsed.ok && parsed.value.idNumber).toBe('11010519491231002X');
  });

  it('reads sex from the 17th digit: odd is 男, even is 女', () => {
    const man = parseIdNumber(makeIdNumber('440305', '19900101', '017'), TODAY);
    const woman = parseIdNumber(makeIdNumber('440305', '19900101', '018'), TODAY);
    expect(man.ok && man.value.sex).toBe('男');
    expect(woman.ok && woman.value.sex).toBe('女');
  });

  it('accepts 29 February of a leap year', () => {
    expect(code(parseIdNumber(makeIdNumber('110105', '20000229', '001'), TODAY))).toBe('ok');
  });

  it('accepts a birth date of exactly today', () => {
    expect(code(parseIdNumber(makeIdNumber('110105', '20240630', '001'), TODAY))).toBe('ok');
  });
});

describe('parseIdNumber: 15-digit upgrade', () => {
  it('inserts 19 and computes the check digit', () => {
    expect(parseIdNumber('110105491231002', TODAY)).toEqual({
      ok: true,
      value: { idNumber: '11010519491231002X', birthDate: '1949-12-31', sex: '女', upgraded: true },
    });
  });

  it('takes the sex from the last digit of the old number', () => {
    const parsed = parseIdNumber('320102850315123', TODAY);
    expect(parsed.ok && parsed.value).toEqual({
      idNumber: makeIdNumber('320102', '19850315', '123'),
      birthDate: '1985-03-15',
      sex: '男',
      upgraded: true,
    });
  });

  it('rejects an impossible date in an old number', () => {
    expect(code(parseIdNumber('110105490230002', TODAY))).toBe('id.birthdate');
  });
});

describe('parseIdNumber: failures', () => {
  it.each([
    ['', 'id.empty'],
    ['  ', 'id.empty'],
    ['-', 'id.empty'],
    ['无', 'id.empty'],
    ['1101051949123100', 'id.length'],
    ['1101051949123100299', 'id.length'],
    ['张三', 'id.chars'],
    ['110105-19491231-002X', 'id.chars'],
    ['1.10105E+17', 'id.excelNumber'],
    ['11010519491231X02X', 'id.chars'],
    ['11010519491231002Y', 'id.chars'],
    ['11010549123100X', 'id.chars'],
    ['010105194912310027', 'id.chars'],
    ['110105194902300023', 'id.birthdate'],
    ['110105194913010025', 'id.birthdate'],
    ['110105190002290021', 'id.birthdate'],
    ['440524188001010014', 'id.birthdate'],
    ['110105194912310021', 'id.checksum'],
    ['110105194912310029', 'id.checksum'],
  ])('%j fails with %s', (raw, expected) => {
    expect(code(parseIdNumber(raw, TODAY))).toBe(expected);
  });

  it('rejects a birth date after today', () => {
    const tomorrow = makeIdNumber('110105', '20240701', '001');
    expect(code(parseIdNumber(tomorrow, TODAY))).toBe('id.birthdate');
    expect(code(parseIdNumber(tomorrow, '2024-07-01'))).toBe('ok');
  });

  it('names the expected check digit in the reason text', () => {
    const parsed = parseIdNumber('110105194912310021', TODAY);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain('X');
  });

  it('says plainly that Excel lost the digits of an 18-digit number stored as a number', () => {
    // Scientific notation, and the first 15 digits followed by zeros (Excel keeps 15 significant digits).
    for (const raw of ['1.10105E+17', '1.10105194912310E+17', '4.10102E+17', '110105194912310000']) {
      expect(code(parseIdNumber(raw, TODAY)), raw).toBe('id.excelNumber');
    }
    // A zero check digit on a number whose check digit really is 0 is not Excel's doing.
    const endsInZero = makeIdNumber('110105', '19491231', '007');
    expect(endsInZero.endsWith('0') && code(parseIdNumber(endsInZero, TODAY))).toBe('ok');
  });

  it('reads numbers Excel kept exactly, with the .0 a round trip adds', () => {
    const id = makeIdNumber('410102', '19900101', '123');
    expect(valueOfId(parseIdNumber(`${id}.0`, TODAY))).toBe(id);
    expect(valueOfId(parseIdNumber('410102900101123.0', TODAY))).toBe('410102199001011234');
    expect(valueOfId(parseIdNumber(' 410102900101123 ', TODAY))).toBe('410102199001011234');
    expect(code(parseIdNumber(`${id}.5`, TODAY))).toBe('id.chars');
  });

  it('detects every single-digit typo in the region and sequence of a valid number', () => {
    const valid = '11010519491231002X';
    for (const i of [1, 2, 3, 4, 5, 14, 15, 16]) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === valid[i]) continue;
        const typo = valid.slice(0, i) + d + valid.slice(i + 1);
        expect(code(parseIdNumber(typo, TODAY)), typo).toBe('id.checksum');
      }
    }
  });

  it('uses the real current date by default', () => {
    const future = makeIdNumber('110105', '20990101', '001');
    expect(code(parseIdNumber(future))).toBe('id.birthdate');
  });
});
