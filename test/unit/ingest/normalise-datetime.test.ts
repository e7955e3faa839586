// Tests for dates and times: spellings, Excel serials (with the 1900 leap-year bug), zones, time columns.
import { describe, expect, it } from 'vitest';
import {
  daysInMonth,
  isLeapYear,
  isValidCalendarDate,
  parseDate,
  parseDateTime,
  parseTime,
  todayInChina,
} from '../../../ingest/normalise/datetime.ts';
import type { Parsed } from '../../../ingest/normalise/result.ts';

const code = (result: Parsed<unknown>): string => (result.ok ? 'ok' : (result.reason.split(':')[0] ?? ''));
const warningCode = (result: Parsed<unknown>): string | undefined =>
  result.ok ? result.warning?.split(':')[0] : undefined;
const valueIn = (result: Parsed<string>): string | undefined => (result.ok ? result.value : undefined);

describe('calendar helpers', () => {
  it('knows the Gregorian leap-year rule', () => {
    expect([1900, 2000, 2023, 2024, 2100].map(isLeapYear)).toEqual([false, true, false, true, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2023, 13)).toBe(0);
  });

  it('validates calendar dates', () => {
    expect(isValidCalendarDate(2023, 4, 30)).toBe(true);
    expect(isValidCalendarDate(2023, 4, 31)).toBe(false);
    expect(isValidCalendarDate(2023, 0, 1)).toBe(false);
    expect(isValidCalendarDate(2023, 1.5, 1)).toBe(false);
  });

  it('gives the date in China, 8 hours ahead of UTC', () => {
    expect(todayInChina(new Date('2023-05-01T15:59:59Z'))).toBe('2023-05-01');
    expect(todayInChina(new Date('2023-05-01T16:00:00Z'))).toBe('2023-05-02');
  });
});

describe('parseDate', () => {
  it.each([
    ['2023-05-01', '2023-05-01'],
    ['2023/5/1', '2023-05-01'],
    ['2023.05.01', '2023-05-01'],
    ['20230501', '2023-05-01'],
    ['2023年5月1日', '2023-05-01'],
    ['2023 年 05 月 01 日', '2023-05-01'],
    ['２０２３－０５－０１', '2023-05-01'],
    ['2023-05-01 13:05', '2023-05-01'],
    ['2023-05-01 00:00:00', '2023-05-01'],
    ['2024-02-29', '2024-02-29'],
    ['1900-01-01', '1900-01-01'],
    ['2100-12-31', '2100-12-31'],
  ])('%j → %s', (raw, expected) => {
    expect(parseDate(raw)).toEqual({ ok: true, value: expected });
  });

  it('converts a zoned timestamp to the China date before dropping the time', () => {
    expect(valueIn(parseDate('2023-04-30T20:00:00Z'))).toBe('2023-05-01');
    expect(valueIn(parseDate('2023-04-30T15:59:59Z'))).toBe('2023-04-30');
  });

  it('reads Excel serial dates as numbers and numeric strings', () => {
    expect(parseDate(45047)).toEqual({ ok: true, value: '2023-05-01' });
    expect(parseDate('45047')).toEqual({ ok: true, value: '2023-05-01' });
    expect(parseDate(45047.99)).toEqual({ ok: true, value: '2023-05-01' });
    expect(valueIn(parseDate(36526))).toBe('2000-01-01');
  });

  it('handles the Excel 1900 leap-year bug around serial 60', () => {
    expect(valueIn(parseDate(1))).toBe('1900-01-01');
    expect(valueIn(parseDate(59))).toBe('1900-02-28');
    expect(code(parseDate(60))).toBe('date.invalid');
    expect(valueIn(parseDate(61))).toBe('1900-03-01');
  });

  it('reads yyyymmdd numbers that Excel stored as numbers', () => {
    expect(valueIn(parseDate(20230501))).toBe('2023-05-01');
    expect(code(parseDate(20230231))).toBe('date.invalid');
  });

  it.each([
    '2023-02-29',
    '2023-04-31',
    '2023-13-01',
    '2023-00-10',
    '20230230',
    '2023年2月30日',
    '2023-05-01 24:00',
  ])('%j is date.invalid', (raw) => {
    expect(code(parseDate(raw))).toBe('date.invalid');
  });

  it.each(['1899-12-31', '2101-01-01', '18991231'])('%j is date.range', (raw) => {
    expect(code(parseDate(raw))).toBe('date.range');
  });

  it('rejects Excel serials outside the plausible window', () => {
    expect(code(parseDate(0))).toBe('date.range');
    expect(code(parseDate(0.5))).toBe('date.range');
    expect(valueIn(parseDate(73415))).toBe('2100-12-31');
    expect(code(parseDate(73416))).toBe('date.range');
  });

  it.each([
    'hello',
    '2023',
    '2023-05',
    '05/01/2023',
    '01.05.2023',
    '23-5-1',
    '2023-05/01',
    '2023-05-0113:05',
    '2023-05-01 lunch',
    '202305',
    '2023-05-01T13:05:01+25:00',
  ])('%j is date.format', (raw) => {
    expect(code(parseDate(raw))).toBe('date.format');
  });

  it('rejects numbers that are neither serials nor yyyymmdd', () => {
    expect(code(parseDate(-5))).toBe('date.format');
    expect(code(parseDate(123456))).toBe('date.format');
    expect(code(parseDate(Number.POSITIVE_INFINITY))).toBe('date.format');
  });

  it.each(['', '  ', '-', '无', 'NULL'])('%j is date.empty', (raw) => {
    expect(code(parseDate(raw))).toBe('date.empty');
  });
});

describe('parseDateTime', () => {
  it.each([
    ['2023-05-01 13:05', '2023-05-01T13:05:00'],
    ['2023-05-01T13:05:01', '2023-05-01T13:05:01'],
    ['2023/5/1 13:05:01', '2023-05-01T13:05:01'],
    ['2023/5/1 9:05', '2023-05-01T09:05:00'],
    ['20230501130501', '2023-05-01T13:05:01'],
    ['20230501 130501', '2023-05-01T13:05:01'],
    ['202305011305', '2023-05-01T13:05:00'],
    ['2023-05-01 13:05:01.987', '2023-05-01T13:05:01'],
    ['2023年5月1日 13:05', '2023-05-01T13:05:00'],
    ['2023年5月1日13时05分01秒', '2023-05-01T13:05:01'],
    ['２０２３－０５－０１　１３：０５：０１', '2023-05-01T13:05:01'],
  ])('%j → %s', (raw, expected) => {
    expect(parseDateTime(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['2023-05-01T13:05:01Z', '2023-05-01T21:05:01'],
    ['2023-05-01T13:05:01+08:00', '2023-05-01T13:05:01'],
    ['2023-05-01T13:05:01+09:00', '2023-05-01T12:05:01'],
    ['2023-05-01T13:05:01.123-05:00', '2023-05-02T02:05:01'],
    ['2023-05-01T20:00:00+0000', '2023-05-02T04:00:00'],
    ['2023-12-31T16:00:00Z', '2024-01-01T00:00:00'],
    ['2024-02-28T16:30:00Z', '2024-02-29T00:30:00'],
  ])('converts zoned %j to China time %s', (raw, expected) => {
    expect(parseDateTime(raw)).toEqual({ ok: true, value: expected });
  });

  it('reads the fraction of an Excel serial as the time of day', () => {
    expect(valueIn(parseDateTime(45047.5))).toBe('2023-05-01T12:00:00');
    expect(valueIn(parseDateTime('45047.25'))).toBe('2023-05-01T06:00:00');
    // 13:05:01 is 47101 seconds; the stored fraction is rounded to the nearest second.
    expect(valueIn(parseDateTime(45047 + 47101 / 86400))).toBe('2023-05-01T13:05:01');
    expect(valueIn(parseDateTime(45047.999999999))).toBe('2023-05-02T00:00:00');
  });

  it('warns when no time of day was given anywhere', () => {
    const parsed = parseDateTime('2023-05-01');
    expect(valueIn(parsed)).toBe('2023-05-01T00:00:00');
    expect(warningCode(parsed)).toBe('date.notime');
    expect(warningCode(parseDateTime(45047))).toBe('date.notime');
    expect(warningCode(parseDateTime('2023-05-01 00:00:00'))).toBeUndefined();
  });

  it.each([
    ['13:05:01', '2023-05-01T13:05:01'],
    ['13:05', '2023-05-01T13:05:00'],
    ['9:05', '2023-05-01T09:05:00'],
    ['130501', '2023-05-01T13:05:01'],
    ['1305', '2023-05-01T13:05:00'],
    ['13时05分', '2023-05-01T13:05:00'],
    ['0.5', '2023-05-01T12:00:00'],
  ])('combines the date with time column %j', (time, expected) => {
    expect(parseDateTime('2023-05-01', time)).toEqual({ ok: true, value: expected });
  });

  it('combines with numeric time columns from Excel', () => {
    expect(valueIn(parseDateTime(45047, 0.5))).toBe('2023-05-01T12:00:00');
    expect(valueIn(parseDateTime('20230501', 130501))).toBe('2023-05-01T13:05:01');
    expect(valueIn(parseDateTime('20230501', 905))).toBe('2023-05-01T09:05:00');
    expect(valueIn(parseDateTime('20230501', 0))).toBe('2023-05-01T00:00:00');
  });

  it('lets the time column win over a midnight in the date without a warning', () => {
    const parsed = parseDateTime('2023-05-01 00:00:00', '13:05:01');
    expect(parsed).toEqual({ ok: true, value: '2023-05-01T13:05:01' });
  });

  it('warns when the time column contradicts a real time in the date', () => {
    const parsed = parseDateTime('2023-05-01 10:00:00', '13:05:01');
    expect(valueIn(parsed)).toBe('2023-05-01T13:05:01');
    expect(warningCode(parsed)).toBe('date.timeconflict');
    expect(warningCode(parseDateTime('2023-05-01 13:05:01', '130501'))).toBeUndefined();
  });

  it('ignores a blank time column', () => {
    expect(valueIn(parseDateTime('2023-05-01 13:05', ''))).toBe('2023-05-01T13:05:00');
    expect(valueIn(parseDateTime('2023-05-01 13:05', '-'))).toBe('2023-05-01T13:05:00');
  });

  it('fails on a bad date or a bad time column with their codes', () => {
    expect(code(parseDateTime('2023-02-30', '13:05'))).toBe('date.invalid');
    expect(code(parseDateTime('', '13:05'))).toBe('date.empty');
    expect(code(parseDateTime('2023-05-01', '25:00'))).toBe('time.invalid');
    expect(code(parseDateTime('2023-05-01', 'noon'))).toBe('time.format');
    expect(code(parseDateTime('2023-05-01 13:61'))).toBe('date.invalid');
  });
});

describe('parseTime', () => {
  it.each([
    ['13:05:01', '13:05:01'],
    ['13:05', '13:05:00'],
    ['0:00', '00:00:00'],
    ['23:59:59', '23:59:59'],
    ['13:05:01.5', '13:05:01'],
    ['130501', '13:05:01'],
    ['1305', '13:05:00'],
    ['090501', '09:05:01'],
    ['13时05分01秒', '13:05:01'],
    ['13点', '13:00:00'],
    ['.75', '18:00:00'],
    ['2023-05-01 08:09:10', '08:09:10'],
  ])('%j → %s', (raw, expected) => {
    expect(parseTime(raw)).toEqual({ ok: true, value: expected });
  });

  it('reads Excel numbers: fractions, and integers that lost their leading zeros', () => {
    expect(valueIn(parseTime(0.5))).toBe('12:00:00');
    expect(valueIn(parseTime(0))).toBe('00:00:00');
    expect(valueIn(parseTime(905))).toBe('09:05:00');
    expect(valueIn(parseTime(90501))).toBe('09:05:01');
    expect(valueIn(parseTime(45047.25))).toBe('06:00:00');
    // A fraction a hair below 1 stays on the same day.
    expect(valueIn(parseTime(0.9999999))).toBe('23:59:59');
  });

  it('refuses decimals that are neither day fractions nor serials', () => {
    expect(code(parseTime('13.05'))).toBe('time.format');
    expect(code(parseTime(13.05))).toBe('time.format');
  });

  it('fails with time codes', () => {
    expect(code(parseTime(''))).toBe('time.empty');
    expect(code(parseTime('24:00'))).toBe('time.invalid');
    expect(code(parseTime('1360'))).toBe('time.invalid');
    expect(code(parseTime(1_000_000))).toBe('time.format');
    expect(code(parseTime('later'))).toBe('time.format');
    expect(code(parseTime(-0.5))).toBe('time.format');
  });
});

describe('dates and times as exports write them', () => {
  it.each([
    ['20250105', '2025-01-05'],
    ['2025.01.05', '2025-01-05'],
    ['2025.1.5', '2025-01-05'],
    ['2025年1月5日', '2025-01-05'],
    ['\t2025-01-05 \u00a0', '2025-01-05'],
    ['\u30002025/1/5\u3000', '2025-01-05'],
    [45662, '2025-01-05'],
    ['45662', '2025-01-05'],
  ])('date %j → %s', (raw, expected) => {
    expect(valueIn(parseDate(raw))).toBe(expected);
  });

  it.each([
    ['2025/1/5 10:28:38', '2025-01-05T10:28:38'],
    ['20250105 102838', '2025-01-05T10:28:38'],
    ['20250105102838', '2025-01-05T10:28:38'],
    ['2025-01-05T10:28:38', '2025-01-05T10:28:38'],
    ['2025年01月05日 10:28', '2025-01-05T10:28:00'],
    ['2025-01-05 10.28.38', '2025-01-05T10:28:38'],
    ['2025-01-05-10.28.38.123456', '2025-01-05T10:28:38'],
    ['45662.4375', '2025-01-05T10:30:00'],
    [' 2025-01-05 10:28:38 ', '2025-01-05T10:28:38'],
  ])('date-time %j → %s', (raw, expected) => {
    expect(parseDateTime(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['102838', '10:28:38'],
    ['10:28:38', '10:28:38'],
    ['10.28.38', '10:28:38'],
    [' 10:28 ', '10:28:00'],
  ])('time %j → %s', (raw, expected) => {
    expect(valueIn(parseTime(raw))).toBe(expected);
  });

  it('joins a separate time column, dotted or digits, to its date', () => {
    expect(parseDateTime('20250105', '102838')).toEqual({ ok: true, value: '2025-01-05T10:28:38' });
    expect(parseDateTime('2025.01.05', '10.28.38')).toEqual({ ok: true, value: '2025-01-05T10:28:38' });
  });

  it('does not read two dotted groups or a dash without a dotted time as a time', () => {
    expect(code(parseTime('10.28'))).toBe('time.format');
    expect(code(parseDateTime('2025-01-05-10:28:38'))).toBe('date.format');
    expect(code(parseTime('25.28.38'))).toBe('time.invalid');
  });
});
