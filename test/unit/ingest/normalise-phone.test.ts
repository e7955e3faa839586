// Tests for Chinese phone numbers: mobiles, landlines with area code, prefixes, extensions and failures.
import { describe, expect, it } from 'vitest';
import { parsePhone, phoneKind } from '../../../ingest/normalise/phone.ts';
import type { Parsed } from '../../../ingest/normalise/result.ts';

const code = (result: Parsed<unknown>): string => (result.ok ? 'ok' : (result.reason.split(':')[0] ?? ''));
const phoneOf = (raw: string | number): string | undefined => {
  const parsed = parsePhone(raw);
  return parsed.ok ? parsed.value.phone : undefined;
};

describe('mobiles', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['(138)00138000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+86-13800138000', '13800138000'],
    ['0086 13800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['＋８６　１３８００１３８０００', '13800138000'],
    ['013800138000', '13800138000'],
    ['手机：13800138000', '13800138000'],
    ['19912345678', '19912345678'],
  ])('%j → %s', (raw, expected) => {
    expect(parsePhone(raw)).toEqual({ ok: true, value: { phone: expected } });
  });

  it('accepts a number cell from Excel', () => {
    expect(phoneOf(13800138000)).toBe('13800138000');
  });

  it('rejects 11 digits with an unallocated second digit', () => {
    expect(code(parsePhone('12800138000'))).toBe('phone.format');
    expect(code(parsePhone('10800138000'))).toBe('phone.format');
  });

  it('rejects wrong lengths', () => {
    expect(code(parsePhone('1380013800'))).toBe('phone.format');
    expect(code(parsePhone('138001380001'))).toBe('phone.format');
  });
});

describe('landlines', () => {
  it.each([
    ['010-12345678', '010-12345678'],
    ['01012345678', '010-12345678'],
    ['(010)12345678', '010-12345678'],
    ['021 6234 5678', '021-62345678'],
    ['0571-88881234', '0571-88881234'],
    ['057188881234', '0571-88881234'],
    ['(0571)8888 1234', '0571-88881234'],
    ['0898-6123456', '0898-6123456'],
    ['０７５５－８６１２３４５６', '0755-86123456'],
    ['+86 10 6234 5678', '010-62345678'],
    ['+86 571 8888 1234', '0571-88881234'],
    ['0086-755-86123456', '0755-86123456'],
  ])('%j → %s', (raw, expected) => {
    expect(phoneOf(raw)).toBe(expected);
  });

  it('splits the area code by the numbering plan, not by the separators given', () => {
    // 020 is a two-digit area (Guangzhou), 0201 is not an area code.
    expect(phoneOf('0201-2345678')).toBe('020-12345678');
  });

  it.each([
    ['010-62345678 转 802', '010-62345678'],
    ['010-62345678转802', '010-62345678'],
    ['0571-88881234 分机 12', '0571-88881234'],
    ['0571-88881234 ext. 12', '0571-88881234'],
    ['0571-88881234 x12', '0571-88881234'],
    ['0571-88881234#12', '0571-88881234'],
    ['010-62345678-123', '010-62345678'],
  ])('drops the extension of %j', (raw, expected) => {
    expect(phoneOf(raw)).toBe(expected);
  });

  it('rejects landlines without area code and service numbers', () => {
    expect(code(parsePhone('62345678'))).toBe('phone.format');
    expect(code(parsePhone('400-810-8888'))).toBe('phone.format');
    expect(code(parsePhone('95588'))).toBe('phone.format');
  });

  it('rejects non-existent area codes and wrong local lengths', () => {
    expect(code(parsePhone('011-62345678'))).toBe('phone.format');
    expect(code(parsePhone('010-623456'))).toBe('phone.format');
    expect(code(parsePhone('0571-888812345'))).toBe('phone.format');
  });
});

describe('other inputs', () => {
  it('gives phone.empty for blanks and placeholders', () => {
    expect(code(parsePhone(''))).toBe('phone.empty');
    expect(code(parsePhone('无'))).toBe('phone.empty');
    expect(code(parsePhone('--'))).toBe('phone.empty');
  });

  it('rejects foreign numbers and text', () => {
    expect(code(parsePhone('+852 2123 4567'))).toBe('phone.format');
    expect(code(parsePhone('+1 415 555 0100'))).toBe('phone.format');
    expect(code(parsePhone('张三'))).toBe('phone.format');
    expect(code(parsePhone('1380013800a'))).toBe('phone.format');
  });

  it('keeps the first valid number of a list, with a warning', () => {
    const parsed = parsePhone('13800138000/13900139000');
    expect(parsed.ok && parsed.value.phone).toBe('13800138000');
    expect(parsed.ok && parsed.warning?.split(':')[0]).toBe('phone.multiple');
    const second = parsePhone('未登记、0571-88881234');
    expect(second.ok && second.value.phone).toBe('0571-88881234');
  });

  it('does not warn for a single number', () => {
    const parsed = parsePhone('13800138000');
    expect(parsed.ok && parsed.warning).toBeUndefined();
  });
});

describe('phoneKind', () => {
  it('tells mobiles from landlines', () => {
    expect(phoneKind('13800138000')).toBe('mobile');
    expect(phoneKind('010-62345678')).toBe('landline');
  });
});
