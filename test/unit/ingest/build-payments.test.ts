// Subsidy rows dated by what a roster gives: a day, a range's first day, or the first day of the period paid.
import { describe, expect, it } from 'vitest';
import { buildRow, fileContext } from '../../../ingest/build/index.ts';
import { makeIdNumber } from '../../../ingest/normalise/idnumber.ts';
import type { BuildResult } from '../../../ingest/types.ts';

const RECIPIENT = makeIdNumber('411423', '19620311', '021');

function subsidy(fields: Record<string, string>): BuildResult {
  const base = { program: '城乡低保', name: '朱梓涵', idNumber: RECIPIENT, amount: '720' };
  return buildRow(
    { kind: 'subsidy', source: 'roster.xlsx#5', file: 'roster.xlsx', row: 5, fields: { ...base, ...fields } },
    fileContext({ idValidation: 'gb' }),
  );
}

function paidOn(result: BuildResult): unknown {
  if (!result.ok) throw new Error(result.rejection.reason);
  return result.fragment.edges.find((e) => e.type === 'SUBSIDY')?.props.date;
}

describe('subsidy dates', () => {
  it('refuses a row with neither a date nor a period, and one whose date is not a date', () => {
    const none = subsidy({});
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.rejection.field).toBe('date');
    const bad = subsidy({ date: '本季度' });
    expect(bad.ok).toBe(false);
  });

  it('takes the day given', () => {
    expect(paidOn(subsidy({ date: '2024年4月15日' }))).toBe('2024-04-15');
  });

  it('takes the first day of a range written as the date (起止日期 above a roster)', () => {
    expect(paidOn(subsidy({ date: '2025-01-01 至 2025-03-31' }))).toBe('2025-01-01');
    expect(paidOn(subsidy({ date: '2025.01.01—2025.03.31' }))).toBe('2025-01-01');
  });

  it('dates a roster that gives only its month or quarter by the first day of that period', () => {
    expect(paidOn(subsidy({ period: '2025年1月' }))).toBe('2025-01-01');
    expect(paidOn(subsidy({ period: '2024年第二季度' }))).toBe('2024-04-01');
    // A day given wins over the period.
    expect(paidOn(subsidy({ period: '2025年1月', date: '2025-01-20' }))).toBe('2025-01-20');
  });
});
