// The four subsidy programs: names, pay days, rates and who is due the age-based allowance in a month.
import { ageOn, lastDayOfMonth } from './calendar.ts';
import type { County } from './county.ts';
import { COUNTY } from './places.ts';

export const PROGRAM = {
  elderly: '高龄补贴',
  dibao: '城乡居民最低生活保障',
  tekun: '特困人员供养',
  farmland: '耕地地力保护补贴',
} as const;
export type ProgramKey = keyof typeof PROGRAM;

/** Day of the month each program pays on (耕地地力 once a year, in the window's fifth month). */
export const PAY_DAY: Record<ProgramKey, number> = { elderly: 15, dibao: 10, tekun: 10, farmland: 20 };

export const FILE_NAME: Record<ProgramKey, string> = {
  elderly: '惠民补贴_高龄补贴.csv',
  dibao: '惠民补贴_最低生活保障.csv',
  tekun: '惠民补贴_特困供养.csv',
  farmland: '惠民补贴_耕地地力保护.csv',
};

export function approvingUnit(program: ProgramKey, town: string): string {
  return program === 'farmland' ? `${COUNTY}农业农村局` : `${town}人民政府`;
}

/** Monthly 高龄补贴 in fen by age. */
export function elderlyFen(age: number): number {
  return age >= 100 ? 600_00 : age >= 90 ? 300_00 : 100_00;
}

export const DIBAO_FEN = 780_00;
export const TEKUN_FEN = 1_200_00;

/** Pay date of a program in the i-th month of the window. */
export function payDate(county: County, program: ProgramKey, monthIndex: number): string {
  return `${county.months[monthIndex]}-${String(PAY_DAY[program]).padStart(2, '0')}`;
}

/** Month indexes whose pay date is on or before asOf. */
export function paidMonths(county: County, program: ProgramKey): number[] {
  return county.months.map((_, i) => i).filter((i) => payDate(county, program, i) <= county.settings.asOf);
}

/**
 * Whether someone born on `birth` is due 高龄补贴 for the i-th month: 80 by the month's end, or, for the
 * last month paid, 80 by asOf (so nobody 80 on asOf is left uncovered by the calendar alone).
 */
export function elderlyDue(county: County, birth: string, monthIndex: number): boolean {
  const month = county.months[monthIndex]!;
  const end = lastDayOfMonth(month);
  if (ageOn(birth, end < county.settings.asOf ? end : county.settings.asOf) >= 80) return true;
  const months = paidMonths(county, 'elderly');
  return monthIndex === months[months.length - 1] && ageOn(birth, county.settings.asOf) >= 80;
}
