// Planted money flows: circular transfers, pass-through accounts and kickback chains, with their near misses.
import { dayOf, stamp } from '../calendar.ts';
import type { Account, Person } from '../model.ts';
import type { Plan } from '../plan.ts';
import { account, person } from '../truth.ts';
import { cadreWith, knownKin, take } from './cadres.ts';

const HOUR = 3600;

/** A reserved account: a villager's, or a fresh company's. */
function actor(plan: Plan, company = false): Account {
  if (company) {
    const town = plan.rng.pick(plan.county.towns);
    return plan.newCompany(plan.rng.chance(0.5) ? 'service' : 'construction', town, plan.villager(), false)
      .account;
  }
  return plan.villager().account!;
}

/** Transfers around a cycle: hop i leaves accounts[i] on day offsets[i] with amounts[i] yuan. */
function cycle(plan: Plan, accounts: Account[], start: string, offsets: number[], amounts: number[]): void {
  accounts.forEach((from, i) => {
    const to = accounts[(i + 1) % accounts.length]!;
    plan.transfer(
      from,
      to,
      plan.day(start, offsets[i]!),
      Math.round(amounts[i]! * 100),
      '往来款',
      10 + (i % 6),
    );
  });
}

export function plantCycles(plan: Plan): void {
  const { rng, book } = plan;
  const shapes: { accounts: () => Account[]; offsets: number[]; amounts: number[] }[] = [
    {
      accounts: () => [actor(plan), actor(plan, true), actor(plan)],
      offsets: [0, 3, 9],
      amounts: [120_000, 116_500, 113_800],
    },
    { accounts: () => [actor(plan, true), actor(plan)], offsets: [0, 6], amounts: [80_000, 78_000] },
    {
      accounts: () => [1, 2, 3, 4, 5].map(() => actor(plan)),
      offsets: [0, 4, 9, 15, 24],
      amounts: [50_000, 48_900, 47_500, 46_800, 45_900],
    },
  ];
  for (let i = 0; i < plan.k * 3; i += 1) {
    const shape = shapes[i % 3]!;
    const accounts = shape.accounts();
    const start = plan.date(rng.int(0, 4), rng.int(1, 5));
    cycle(plan, accounts, start, shape.offsets, shape.amounts);
    book.scheme(
      'circular_transfers',
      accounts.map((a, n) => account(a, n === 0 ? 'start' : 'cycle')),
      shape.amounts[0]!,
      `${accounts.length}个账户在${shape.offsets[shape.offsets.length - 1]}日内资金循环回流，每跳金额相近`,
    );
  }
  const decoys: { offsets: number[]; amounts: number[]; note: string }[] = [
    { offsets: [0, 3, 7], amounts: [100_000, 60_000, 57_000], note: '环路中金额相差40%，不应预警' },
    { offsets: [0, 20, 45], amounts: [90_000, 88_000, 86_500], note: '环路跨越45天，超过30天，不应预警' },
    { offsets: [0, 2, 5], amounts: [9_600, 9_400, 9_300], note: '每跳不足1万元，不应预警' },
    {
      offsets: [10, 5, 12],
      amounts: [70_000, 69_000, 68_000],
      note: '转账时间顺序不构成回流（第二跳早于第一跳），不应预警',
    },
  ];
  for (let i = 0; i < plan.k; i += 1) {
    for (const decoy of decoys) {
      const accounts = [actor(plan), actor(plan, true), actor(plan)];
      cycle(plan, accounts, plan.date(rng.int(0, 3), rng.int(1, 9)), decoy.offsets, decoy.amounts);
      book.decoy(
        'circular_transfers',
        accounts.map((a, n) => account(a, n === 0 ? 'start' : 'cycle')),
        decoy.note,
      );
    }
  }
}

/** Money in and (some of it) straight out again: [inflow yuan, share sent on, hours later] per episode. */
function passes(plan: Plan, middle: Account, episodes: [number, number, number][]): number {
  let moved = 0;
  episodes.forEach(([inflow, share, hours], n) => {
    const source = actor(plan, true);
    const target = actor(plan);
    const day = dayOf(plan.date(n * 2, plan.rng.int(2, 20)));
    const t = stamp(day, 9 + n, plan.rng.int(0, 59), 0);
    plan.transferAt(source, middle, t, inflow * 100, '货款');
    const out = Math.round(inflow * share * 100);
    plan.transferAt(middle, target, t + Math.round(hours * HOUR), out, '转账');
    moved += out / 100;
  });
  return moved;
}

export function plantPassThrough(plan: Plan): void {
  const { book } = plan;
  const shapes: [number, number, number][][] = [
    [
      [150_000, 0.967, 3],
      [98_000, 0.974, 20],
    ],
    [
      [200_000, 0.95, 2],
      [75_000, 0.934, 10],
      [120_000, 0.983, 6],
    ],
    [
      [60_000, 0.966, 1],
      [52_000, 0.961, 4],
    ],
  ];
  for (let i = 0; i < plan.k * 3; i += 1) {
    const middle = actor(plan, i % 3 === 1);
    const moved = passes(plan, middle, shapes[i % 3]!);
    book.scheme(
      'pass_through',
      [account(middle, 'conduit')],
      moved,
      `账户多次在收到大额资金后24小时内转出90%以上，合计${moved}元`,
    );
  }
  const decoys: { episodes: [number, number, number][]; note: string }[] = [
    {
      episodes: [
        [100_000, 0.8, 2],
        [90_000, 0.8, 5],
      ],
      note: '转出比例仅80%，不应预警',
    },
    {
      episodes: [
        [100_000, 0.97, 75],
        [80_000, 0.96, 80],
      ],
      note: '3天后才转出，不应预警',
    },
    { episodes: [[120_000, 0.98, 2]], note: '仅发生一次快进快出，不应预警' },
    {
      episodes: [
        [45_000, 0.97, 2],
        [46_000, 0.97, 3],
      ],
      note: '转入金额不足5万元，不应预警',
    },
  ];
  for (let i = 0; i < plan.k; i += 1) {
    for (const decoy of decoys) {
      const middle = actor(plan);
      passes(plan, middle, decoy.episodes);
      book.decoy('pass_through', [account(middle, 'conduit')], decoy.note);
    }
  }
}

/** The recipient's account, opened if the relative had none. */
function accountOf(plan: Plan, p: Person): Account {
  plan.reserve(p);
  return p.account!;
}

export function plantKickbacks(plan: Plan): void {
  const { rng, book } = plan;
  // [day offsets of each hop after the first, amounts yuan]; hop 0 is the payer's payment to the contractor.
  const run = (
    scope: 'village' | 'official',
    hops: number,
    offsets: number[],
    amounts: number[],
    toRelative: boolean,
    decoyNote?: string,
  ) => {
    const hit = cadreWith(plan, scope, (c) =>
      toRelative ? knownKin(plan, c, 22)[0] : { person: c.person, relation: '本人', declared: true },
    );
    if (!hit) return;
    const { cadre } = hit;
    const final =
      decoyNote && !toRelative ? plan.villager() : toRelative ? take(plan, hit.found) : cadre.person;
    const source = scope === 'village' ? cadre.village!.account : cadre.town.account;
    const contractor = plan.newCompany('construction', cadre.town, plan.villager(), false);
    const chain: Account[] = [source, contractor.account];
    for (let h = 2; h < hops; h += 1) chain.push(actor(plan));
    chain.push(accountOf(plan, final));
    const start = plan.date(rng.int(0, 2), rng.int(5, 15));
    if (scope === 'village')
      plan.pay(cadre.village!, contractor, plan.day(start, offsets[0]!), amounts[0]! * 100, '工程款');
    else plan.transfer(source, contractor.account, plan.day(start, offsets[0]!), amounts[0]! * 100, '工程款');
    for (let h = 1; h < chain.length - 1; h += 1) {
      plan.transfer(
        chain[h]!,
        chain[h + 1]!,
        plan.day(start, offsets[h]!),
        amounts[h]! * 100,
        h === chain.length - 2 ? '还款' : '借款',
      );
    }
    const subjects = [
      person(final, 'recipient'),
      account(source, 'source'),
      ...chain.slice(1, -1).map((a) => account(a, 'intermediary')),
    ];
    const cadreTail = final === cadre.person ? [] : [person(cadre.person, 'cadre')];
    if (decoyNote) {
      book.decoy('kickback_chain', [...subjects, ...cadreTail], decoyNote);
    } else {
      const who = toRelative
        ? `${cadre.person.name}的${hit.found.relation}${final.name}`
        : `${cadre.post}${cadre.person.name}本人`;
      book.scheme(
        'kickback_chain',
        [...subjects, ...cadreTail],
        amounts[amounts.length - 1]!,
        `${scope === 'village' ? '村集体' : '镇政府'}资金经${chain.length - 2}个中间账户于${offsets[offsets.length - 1]}日内流入${who}`,
      );
    }
  };
  for (let i = 0; i < plan.k * 3; i += 1) {
    const variant = i % 3;
    if (variant === 0) run('village', 3, [0, 4, 9], [300_000, 60_000, 58_000], true);
    else if (variant === 1) run('official', 2, [0, 6], [500_000, 80_000], false);
    else run('village', 4, [0, 3, 8, 15], [260_000, 50_000, 49_000, 48_000], false);
  }
  for (let i = 0; i < plan.k; i += 1) {
    run(
      'village',
      3,
      [0, 4, 9],
      [280_000, 55_000, 54_000],
      false,
      '资金最终流向普通村民（非干部及亲属），不应预警',
    );
    run('village', 3, [0, 20, 45], [300_000, 60_000, 59_000], true, '资金链跨越45天，超过30天，不应预警');
    run(
      'village',
      3,
      [10, 2, 12],
      [300_000, 60_000, 58_500],
      true,
      '中间一跳早于上一跳，资金不构成时间上的链条，不应预警',
    );
    run(
      'village',
      5,
      [0, 2, 4, 6, 8],
      [200_000, 50_000, 49_000, 48_000, 47_000],
      true,
      '经过4个中间账户，超过3个，不应预警',
    );
  }
}
