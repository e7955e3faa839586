// Background village ledgers (三资台账) and public payments: innocent payees, each also a bank transfer.
import { ageOn, dayOf } from './calendar.ts';
import type { County } from './county.ts';
import type { Company, Person, Village } from './model.ts';
import { TREASURY } from './places.ts';
import type { Plan } from './plan.ts';

const WORKS = ['道路硬化工程款', '水利设施维修', '村部修缮', '路灯安装', '农田灌溉渠道工程款'];
const SERVICES = ['垃圾清运费', '绿化养护费', '办公用品', '设备维修费', '材料款'];
const PERSON_PURPOSES = ['劳务费', '青苗补偿款', '土地流转费', '保洁员工资', '误工补贴（村民代表）'];

/** Whether one more small payment to the same payee keeps clear of the split pattern. */
function clearOfSplit(history: { day: number; fen: number }[], day: number, fen: number): boolean {
  if (fen >= 10_000_00) return true;
  const recent = history.filter((h) => h.fen < 10_000_00 && h.day >= day - 17);
  const sum = recent.reduce((s, h) => s + h.fen, 0) + fen;
  return !(recent.length + 1 >= 3 && sum > 9_000_00);
}

function payeesOf(county: County, village: Village): { companies: Company[]; people: Person[] } {
  const { asOf } = county.settings;
  const companies = county.companies.filter(
    (c) => c.town === village.town && !c.tied && !c.reserved && c.trade !== 'holding' && c.trade !== 'shop',
  );
  const people = village.households
    .flatMap((h) => h.members)
    .filter(
      (p) =>
        !p.related &&
        !p.reserved &&
        !p.cadre &&
        p.account &&
        !p.malformedRow &&
        ageOn(p.birth, asOf) >= 20 &&
        ageOn(p.birth, asOf) <= 65,
    );
  return { companies, people };
}

export function backgroundLedger(plan: Plan): void {
  const { county } = plan;
  const rng = county.rng('ledger');
  const { asOf } = county.settings;
  for (const village of county.villages) {
    const { companies, people } = payeesOf(county, village);
    const history = new Map<Person | Company, { day: number; fen: number }[]>();
    county.months.forEach((_, m) => {
      const count = rng.int(3, 6);
      for (let i = 0; i < count; i += 1) {
        const date = plan.date(m, rng.int(8, 27));
        if (date > asOf) continue;
        const toCompany = companies.length > 0 && (people.length === 0 || rng.chance(0.6));
        const payee: Person | Company = toCompany ? rng.pick(companies) : rng.pick(people);
        if ('id' in payee && payee.death && payee.death <= date) continue;
        const round = toCompany && rng.chance(0.3);
        const fen = toCompany
          ? round
            ? rng.int(10, 380) * 1_000_00
            : rng.amountFen(1_000, 380_000)
          : rng.int(300, 8_000) * 100 + (rng.chance(0.5) ? rng.int(1, 99) : 0);
        const past = history.get(payee) ?? [];
        if (!clearOfSplit(past, dayOf(date), fen)) continue;
        past.push({ day: dayOf(date), fen });
        history.set(payee, past);
        const isCompany = 'code' in payee;
        plan.ledger.push({
          village,
          date,
          payeeName: payee.name,
          payeeId: isCompany ? payee.code : rng.chance(0.7) ? payee.id : '',
          payee: payee.account!,
          fen,
          ...(round && rng.chance(0.6) ? { wan: true } : {}),
          purpose: isCompany ? rng.pick(fen >= 50_000_00 ? WORKS : SERVICES) : rng.pick(PERSON_PURPOSES),
        });
        plan.transfer(village.account, payee.account!, date, fen, isCompany ? '工程款' : '劳务费');
      }
    });
  }
  publicMoney(plan);
}

/** The county treasury funds each township; townships pass grants to villages and pay for public works. */
function publicMoney(plan: Plan): void {
  const { county } = plan;
  const rng = county.rng('public');
  const treasury = county.newAccount('source', undefined, TREASURY[0]!, '');
  treasury.bankName = TREASURY[1]!;
  treasury.rank = -1;
  for (const town of county.towns) {
    for (const m of [0, 3]) {
      plan.transfer(treasury, town.account, plan.date(m, 15), rng.int(300, 900) * 10_000_00, '转移支付');
      for (const village of town.villages) {
        plan.transfer(
          town.account,
          village.account,
          plan.date(m, rng.int(2, 4)),
          rng.int(10, 60) * 10_000_00,
          '上级补助资金',
        );
      }
    }
    const builders = county.companies.filter(
      (c) => c.town === town && c.trade === 'construction' && !c.tied && !c.reserved,
    );
    county.months.forEach((_, m) => {
      for (let i = rng.int(0, 2); i > 0 && builders.length > 0; i -= 1) {
        const day = rng.chance(0.5) ? rng.int(5, 12) : rng.int(20, 27);
        plan.transfer(
          town.account,
          rng.pick(builders).account,
          plan.date(m, day),
          rng.amountFen(50_000, 500_000),
          '工程款',
        );
      }
    });
  }
}
