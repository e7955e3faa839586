// Subsidy programs (names, pay days, rates, who is due 高龄补贴) and the background rosters built from them.
import { ageOn, lastDayOfMonth } from './calendar.ts';
import type { County } from './county.ts';
import type { Person } from './model.ts';
import { COUNTY } from './places.ts';
import type { Plan } from './plan.ts';

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
  const { asOf } = county.settings;
  let end = lastDayOfMonth(month);
  if (end > asOf) end = asOf;
  if (ageOn(birth, end) >= 80) return true;
  const months = paidMonths(county, 'elderly');
  return monthIndex === months[months.length - 1] && ageOn(birth, asOf) >= 80;
}

function row(plan: Plan, program: ProgramKey, p: Person, monthIndex: number, fen: number): void {
  const { county } = plan;
  const month = county.months[monthIndex]!;
  plan.subsidies.push({
    program,
    name: p.name,
    idText: p.id,
    card: county.cardOf(p),
    fen,
    date: payDate(county, program, monthIndex),
    period: program === 'farmland' ? `${month.slice(0, 4)}年度` : month,
    village: p.household.village,
  });
}

export function backgroundSubsidies(plan: Plan): void {
  const { county } = plan;
  const rng = county.rng('subsidies');
  const { asOf } = county.settings;
  const elderlyMonths = paidMonths(county, 'elderly');
  const monthlyMonths = paidMonths(county, 'dibao');
  const farmlandMonth = 4;
  const farmlandPaid = payDate(county, 'farmland', farmlandMonth) <= asOf;
  // One pass over households keeps the rows grouped by village, as a township's roster would be.
  for (const household of county.households) {
    const members = household.members;
    const head = members[0];
    if (!head) continue;
    for (const p of members) {
      if (p.malformedRow || p.noElderlyAllowance) continue;
      for (const m of elderlyMonths) {
        if (!elderlyDue(county, p.birth, m) || !county.isAlive(p, payDate(county, 'elderly', m))) continue;
        row(plan, 'elderly', p, m, elderlyFen(ageOn(p.birth, asOf)));
      }
    }
    const farming = rng.chance(0.65) && !plan.used.has(head) && !head.malformedRow;
    if (farming && farmlandPaid && county.isAlive(head, payDate(county, 'farmland', farmlandMonth))) {
      row(plan, 'farmland', head, farmlandMonth, rng.int(8, 60) * 52_50);
    }
    const blocked = members.some((p) => p.related || plan.used.has(p) || p.malformedRow || p.cadre);
    if (blocked) continue;
    const single = members.length === 1;
    const old = ageOn(head.birth, asOf) >= 60;
    if (single && old && rng.chance(0.2)) {
      for (const m of monthlyMonths)
        if (county.isAlive(head, payDate(county, 'tekun', m))) row(plan, 'tekun', head, m, TEKUN_FEN);
    } else if (rng.chance(members.length <= 2 && old ? 0.08 : 0.025)) {
      const fen = DIBAO_FEN * Math.min(3, members.filter((p) => !p.death).length || 1);
      for (const m of monthlyMonths)
        if (county.isAlive(head, payDate(county, 'dibao', m))) row(plan, 'dibao', head, m, fen);
    }
  }
}
