// Background subsidy rosters: every elder due 高龄补贴 gets it, a few poor households get 低保 or 特困, farmers 耕地地力.
import { ageOn } from './calendar.ts';
import type { Person } from './model.ts';
import type { Plan } from './plan.ts';
import { DIBAO_FEN, elderlyDue, elderlyFen, paidMonths, payDate, type ProgramKey, TEKUN_FEN } from './programs.ts';

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
      for (const m of monthlyMonths) if (county.isAlive(head, payDate(county, 'tekun', m))) row(plan, 'tekun', head, m, TEKUN_FEN);
    } else if (rng.chance(members.length <= 2 && old ? 0.08 : 0.025)) {
      const fen = DIBAO_FEN * Math.min(3, members.filter((p) => !p.death).length || 1);
      for (const m of monthlyMonths) if (county.isAlive(head, payDate(county, 'dibao', m))) row(plan, 'dibao', head, m, fen);
    }
  }
}
