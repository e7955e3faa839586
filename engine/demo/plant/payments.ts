// Planted split_payments: one payer paying one payee three or more times just under 10,000 within 15 days.
import type { Company, Person, Village } from '../model.ts';
import type { Plan } from '../plan.ts';
import { company as companySubject, person, type Subject, village as villageSubject } from '../truth.ts';

type Payee = Person | Company;

function payeeSubject(payee: Payee, role: string): Subject {
  return 'code' in payee ? companySubject(payee, role) : person(payee, role);
}

/** Pays `amounts` (yuan) on day offsets from a start date; returns the total. */
function series(
  plan: Plan,
  village: Village,
  payee: Payee,
  start: string,
  offsets: number[],
  amounts: number[],
  purpose: string,
): number {
  let total = 0;
  offsets.forEach((offset, i) => {
    const fen = Math.round((amounts[i] ?? 0) * 100);
    plan.pay(village, payee, plan.day(start, offset), fen, purpose);
    total += fen;
  });
  return total / 100;
}

export function plantSplits(plan: Plan): void {
  const { county, rng, book } = plan;
  const firm = (village: Village) =>
    plan.newCompany(rng.chance(0.5) ? 'construction' : 'service', village.town, plan.villager(), false);
  for (let i = 0; i < plan.k * 3; i += 1) {
    const variant = i % 3;
    const village = rng.pick(county.villages);
    const start = plan.date(rng.int(0, 4), rng.int(3, 12));
    let payee: Payee;
    let total: number;
    if (variant === 0) {
      payee = firm(village);
      total = series(plan, village, payee, start, [0, 5, 11], [9_800, 9_650.5, 9_900], '零星维修');
    } else if (variant === 1) {
      payee = plan.villager(village);
      const amounts = [0, 1, 2, 3].map(() => rng.int(8_000, 9_600) + rng.int(0, 99) / 100);
      total = series(plan, village, payee, start, [0, 4, 9, 13], amounts, '劳务费');
    } else {
      payee = firm(village);
      total = series(plan, village, payee, start, [0, 7, 14], [9_990, 9_500, 9_700], '材料款');
    }
    book.scheme(
      'split_payments',
      [payeeSubject(payee, 'payee'), villageSubject(village, 'payer')],
      total,
      `${village.name}在15日内向${payee.name}分次支付，每笔不足1万元、合计超过1万元`,
    );
  }
  for (let i = 0; i < plan.k; i += 1) {
    const village = rng.pick(county.villages);
    const spread = firm(village);
    series(plan, village, spread, plan.date(0, 10), [0, 33, 64], [9_900, 9_900, 9_900], '保洁费');
    book.decoy(
      'split_payments',
      [payeeSubject(spread, 'payee'), villageSubject(village, 'payer')],
      '每笔9,900元，但分三个月支付，不应预警',
    );
    const two = firm(village);
    series(plan, village, two, plan.date(2, 6), [0, 5], [9_800, 9_600], '维修费');
    book.decoy(
      'split_payments',
      [payeeSubject(two, 'payee'), villageSubject(village, 'payer')],
      '15日内仅两笔，不应预警',
    );
    const small = plan.villager(village);
    series(plan, village, small, plan.date(3, 5), [0, 4, 9], [3_000, 3_200, 3_100], '劳务费');
    book.decoy(
      'split_payments',
      [payeeSubject(small, 'payee'), villageSubject(village, 'payer')],
      '三笔合计不足1万元，不应预警',
    );
    const big = firm(village);
    series(plan, village, big, plan.date(4, 3), [0, 3, 8], [12_000, 4_000, 4_500], '材料款');
    book.decoy(
      'split_payments',
      [payeeSubject(big, 'payee'), villageSubject(village, 'payer')],
      '其中一笔超过1万元，其余两笔合计不足1万元，不应预警',
    );
  }
}
