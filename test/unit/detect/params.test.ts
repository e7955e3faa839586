// Model parameters and the as-of date: defaults, typed overrides from code and from the command line, clear refusals.
import { describe, expect, it } from 'vitest';
import {
  parseAssignments,
  resolveAsOf,
  resolveParams,
  today,
  yearsBefore,
} from '../../../engine/detect/params.ts';
import { listModels, MODELS, modelDefinition } from '../../../engine/detect/run.ts';
import { DEFAULT_MODEL_IDS, EXTRA_MODEL_IDS } from '../../../engine/detect/types.ts';
import { InvalidInputError } from '../../../engine/errors.ts';

describe('model registry', () => {
  it('has the twelve models of the issue in the default set and fan_in as an extra', () => {
    expect(MODELS.map((m) => m.id)).toEqual([...DEFAULT_MODEL_IDS, ...EXTRA_MODEL_IDS]);
    expect(listModels().filter((m) => m.inDefaultSet)).toHaveLength(12);
    for (const m of MODELS) {
      expect(m.title.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(m.title.en).toMatch(/[A-Za-z]/);
      expect(m.description.zh.length).toBeGreaterThan(5);
    }
  });

  it('refuses an unknown model with a stable id', () => {
    expect(() => modelDefinition('astrology')).toThrow(InvalidInputError);
    try {
      modelDefinition('astrology');
    } catch (error) {
      expect((error as InvalidInputError).id).toBe('detect.unknownModel');
    }
  });

  it('carries the defaults the issue gives', () => {
    const d = (id: string) => modelDefinition(id).defaults;
    expect(d('eligible_not_covered')).toMatchObject({ minAge: 80, program: '高龄补贴' });
    expect(d('split_payments')).toMatchObject({
      minCount: 3,
      windowDays: 15,
      maxEach: 10_000,
      minTotal: 10_000,
    });
    expect(d('circular_transfers')).toMatchObject({
      minLength: 2,
      maxLength: 6,
      windowDays: 30,
      minAmount: 10_000,
      tolerance: 0.1,
    });
    expect(d('pass_through')).toMatchObject({
      minInflow: 50_000,
      minShare: 0.9,
      withinHours: 24,
      minOccurrences: 2,
    });
    expect(d('kickback_chain')).toMatchObject({ maxIntermediaries: 3, windowDays: 30 });
    expect(d('hidden_beneficial_owner')).toMatchObject({ minEffectiveRatio: 0.25 });
    expect(d('cadre_relative_allowance').programs).toEqual(['城乡居民最低生活保障', '特困人员供养']);
  });
});

describe('resolveParams', () => {
  const models = [modelDefinition('split_payments'), modelDefinition('cadre_relative_allowance')];

  it('starts from the defaults and applies typed overrides, converting text from the command line', () => {
    const params = resolveParams(models, {
      split_payments: { windowDays: '10', maxEach: 5000 },
      cadre_relative_allowance: {
        programs: '城乡居民最低生活保障，特困人员供养,临时救助',
        includeSelf: 'true',
      },
    });
    expect(params.get('split_payments')).toMatchObject({ windowDays: 10, maxEach: 5000, minCount: 3 });
    expect(params.get('cadre_relative_allowance')).toMatchObject({
      programs: ['城乡居民最低生活保障', '特困人员供养', '临时救助'],
      includeSelf: true,
    });
  });

  it('refuses unknown parameters, wrong types and parameters for models that do not run', () => {
    const id = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return (error as InvalidInputError).id;
      }
      return 'no error';
    };
    expect(id(() => resolveParams(models, { split_payments: { windowDayz: 3 } }))).toBe('detect.badParam');
    expect(id(() => resolveParams(models, { split_payments: { windowDays: 'soon' } }))).toBe(
      'detect.badParam',
    );
    expect(id(() => resolveParams(models, { split_payments: { windowDays: -1 } }))).toBe('detect.badParam');
    expect(id(() => resolveParams(models, { cadre_relative_allowance: { includeSelf: 'maybe' } }))).toBe(
      'detect.badParam',
    );
    expect(id(() => resolveParams(models, { pass_through: { minShare: 0.8 } }))).toBe('detect.badParam');
  });

  it('parses model.param=value assignments', () => {
    expect(
      parseAssignments([
        'split_payments.windowDays=10',
        'split_payments.maxEach=5,000',
        'ghost_recipient.missingIdNumber=false',
      ]),
    ).toEqual({
      split_payments: { windowDays: '10', maxEach: '5,000' },
      ghost_recipient: { missingIdNumber: 'false' },
    });
    expect(() => parseAssignments(['windowDays=10'])).toThrow(InvalidInputError);
  });
});

describe('as-of dates', () => {
  it('takes a real YYYY-MM-DD date, defaults to today, refuses the rest', () => {
    expect(resolveAsOf('2026-06-30')).toBe('2026-06-30');
    expect(resolveAsOf(undefined)).toBe(today());
    for (const bad of ['2026-02-30', '2026/06/30', '30-06-2026', 'today'])
      expect(() => resolveAsOf(bad), bad).toThrow(expect.objectContaining({ id: 'detect.badAsOf' }));
  });

  it('counts whole years back, Feb 29 falling to Feb 28', () => {
    expect(yearsBefore('2026-06-30', 80)).toBe('1946-06-30');
    expect(yearsBefore('2024-02-29', 1)).toBe('2023-02-28');
    expect(yearsBefore('1946-06-30', -80)).toBe('2026-06-30');
  });
});
