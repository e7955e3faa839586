// Tests for the normalise barrel: every parser is re-exported and every emitted code is catalogued.
import { describe, expect, it } from 'vitest';
import * as normalise from '../../../ingest/normalise/index.ts';
import { describeCode, NORMALISE_CODES } from '../../../ingest/normalise/index.ts';

describe('re-exports', () => {
  it.each([
    'parseAmount',
    'parseCreditCode',
    'creditCodeCheckChar',
    'makeCreditCode',
    'parseDate',
    'parseDateTime',
    'parseIdNumber',
    'idCheckDigit',
    'makeIdNumber',
    'parsePhone',
    'parseRatio',
    'unitMultiplier',
    'parseDirection',
    'splitAccountAndName',
    'classifyValue',
    'classifyColumn',
    'ok',
    'fail',
    'normaliseText',
    'normaliseKey',
    'isBlank',
  ])('exports %s as a function', (name) => {
    expect(typeof (normalise as Record<string, unknown>)[name]).toBe('function');
  });
});

describe('code catalogue', () => {
  /** Inputs that drive each parser into each of its codes; the codes found must all be catalogued. */
  const messages = (): string[] => {
    const results = [
      normalise.parseIdNumber(''),
      normalise.parseIdNumber('123'),
      normalise.parseIdNumber('abc'),
      normalise.parseIdNumber('110105194902300023'),
      normalise.parseIdNumber('110105194912310021'),
      normalise.parseIdNumber('4.10102E+17'),
      normalise.parseCreditCode(''),
      normalise.parseCreditCode('91350100M000100Y4'),
      normalise.parseCreditCode('91350100M000100O43'),
      normalise.parseCreditCode('91350100M000100Y44'),
      normalise.parsePhone(''),
      normalise.parsePhone('123'),
      normalise.parsePhone('13800138000/13900139000'),
      normalise.parseAmount(''),
      normalise.parseAmount('abc'),
      normalise.parseAmount('99999999999999999'),
      normalise.parseDate(''),
      normalise.parseDate('abc'),
      normalise.parseDate('2023-02-30'),
      normalise.parseDate('1800-01-01'),
      normalise.parseDateTime('2023-05-01'),
      normalise.parseDateTime('2023-05-01 10:00', '11:00'),
      normalise.parseTime(''),
      normalise.parseTime('abc'),
      normalise.parseTime('25:00'),
      normalise.parseRatio(''),
      normalise.parseRatio('abc'),
      normalise.parseRatio('200'),
    ];
    return results.map((r) => (r.ok ? (r.warning ?? '') : r.reason));
  };

  it('describes every code the parsers emit', () => {
    const emitted = messages();
    expect(emitted.every((m) => m !== '')).toBe(true);
    for (const message of emitted) {
      expect(describeCode(message), message).toBeTypeOf('string');
    }
  });

  it('lists no code that the parsers cannot emit', () => {
    const emitted = new Set(messages().map((m) => normalise.codeOf(m)));
    expect(Object.keys(NORMALISE_CODES).sort()).toEqual([...emitted].sort());
  });

  it('returns undefined for unknown codes', () => {
    expect(describeCode('nope.nothing: text')).toBeUndefined();
    expect(describeCode('toString')).toBeUndefined();
  });
});
