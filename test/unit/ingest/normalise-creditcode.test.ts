// Tests for GB 32100-2015 unified social credit codes: alphabet, length, check character as a warning.
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../engine/errors.ts';
import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckChar,
  isValidCreditCode,
  makeCreditCode,
  parseCreditCode,
} from '../../../ingest/normalise/creditcode.ts';
import type { Parsed } from '../../../ingest/normalise/result.ts';

const code = (result: Parsed<unknown>): string => (result.ok ? 'ok' : (result.reason.split(':')[0] ?? ''));
const warningCode = (result: Parsed<unknown>): string | undefined =>
  result.ok ? result.warning?.split(':')[0] : undefined;

describe('alphabet', () => {
  it('has 31 characters and excludes I, O, Z, S and V', () => {
    expect(CREDIT_CODE_CHARSET).toHaveLength(31);
    for (const ch of 'IOZSV') expect(CREDIT_CODE_CHARSET).not.toContain(ch);
  });
});

describe('creditCodeCheckChar', () => {
  it('reproduces the check character of the commonly cited valid code 91350100M000100Y43', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('reproduces letter check characters of published codes', () => {
    expect(creditCodeCheckChar('91110000600037341')).toBe('L');
    expect(creditCodeCheckChar('91440300708461136')).toBe('T');
  });

  it('maps 31 − 0 (a sum divisible by 31) to 0', () => {
    // All zeros: sum 0, 31 − 0 = 31 → '0'.
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
    // A single 1 at the first position (weight 1): 31 − 1 = 30 → 'Y'.
    expect(creditCodeCheckChar('10000000000000000')).toBe('Y');
  });

  it('throws on wrong length or characters', () => {
    expect(() => creditCodeCheckChar('91350100M000100Y')).toThrow(EngineError);
    expect(() => creditCodeCheckChar('91350100M000100I4')).toThrow(/illegal character/);
  });
});

describe('makeCreditCode', () => {
  it('appends the check character and normalises the input', () => {
    expect(makeCreditCode('91350100M000100Y4')).toBe('91350100M000100Y43');
    expect(makeCreditCode('91350100m000100y4')).toBe('91350100M000100Y43');
  });

  it('produces codes that parse without a warning', () => {
    for (const first17 of [
      '12100000400000000',
      '52440300MJ0000000',
      '92320102MA1XXXXXX'.replace(/X/g, '1'),
    ]) {
      const made = makeCreditCode(first17);
      expect(parseCreditCode(made)).toEqual({ ok: true, value: { creditCode: made } });
    }
  });
});

describe('parseCreditCode', () => {
  it('accepts 91350100M000100Y43 without a warning', () => {
    expect(parseCreditCode('91350100M000100Y43')).toEqual({
      ok: true,
      value: { creditCode: '91350100M000100Y43' },
    });
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
  });

  it('normalises case, spaces and full-width characters', () => {
    const parsed = parseCreditCode(' ９１３５０１００ｍ０００１００ｙ４３ ');
    expect(parsed).toEqual({ ok: true, value: { creditCode: '91350100M000100Y43' } });
    expect(code(parseCreditCode('9135 0100 M000 100Y 43'))).toBe('ok');
  });

  it('warns but accepts a wrong check character', () => {
    const parsed = parseCreditCode('91350100M000100Y44');
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.value.creditCode).toBe('91350100M000100Y44');
    expect(warningCode(parsed)).toBe('ucc.checksum');
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
  });

  it.each([
    ['', 'ucc.empty'],
    ['-', 'ucc.empty'],
    ['91350100M000100Y4', 'ucc.length'],
    ['91350100M000100Y433', 'ucc.length'],
    ['110108000000016', 'ucc.length'],
    ['91350100M000100O43', 'ucc.chars'],
    ['91350100M000100I43', 'ucc.chars'],
    ['91350100M000100Z43', 'ucc.chars'],
    ['91350100M000100S43', 'ucc.chars'],
    ['91350100M000100V43', 'ucc.chars'],
    ['9135-0100-M000100Y43', 'ucc.chars'],
    ['福州某某有限公司', 'ucc.chars'],
  ])('%j fails with %s', (raw, expected) => {
    expect(code(parseCreditCode(raw))).toBe(expected);
  });

  it('does not "correct" a look-alike letter', () => {
    // O for 0 is a typo a human would fix, but guessing would invent a key.
    const parsed = parseCreditCode('9135O100M000100Y43');
    expect(code(parsed)).toBe('ucc.chars');
  });

  it('detects a single changed character with the checksum warning', () => {
    const valid = '91350100M000100Y43';
    for (const ch of '0123456789ABCDEFGHJKLMNPQRTUWXY') {
      if (ch === valid[8]) continue;
      const changed = `${valid.slice(0, 8)}${ch}${valid.slice(9)}`;
      expect(warningCode(parseCreditCode(changed)), changed).toBe('ucc.checksum');
    }
  });
});
