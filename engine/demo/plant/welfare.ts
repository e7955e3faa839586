// Planted welfare schemes and decoys: deceased, uncovered elders, ghosts and duplicate payments.
import { idCheckDigit } from '../../../ingest/normalise/idnumber.ts';
import { ageOn, dateOf, dayOf } from '../calendar.ts';
import type { Person, Village } from '../model.ts';
import { REGION } from '../places.ts';
import type { Plan } from '../plan.ts';
import {
  DIBAO_FEN,
  elderlyDue,
  elderlyFen,
  PAY_DAY,
  PROGRAM,
  type ProgramKey,
  TEKUN_FEN,
} from '../subsidies.ts';
import { person } from '../truth.ts';

/** Adds one row per month index; returns the total in yuan. */
export function monthly(
  plan: Plan,
  program: ProgramKey,
  who: { name: string; idText: string; card: string },
  village: Village,
  months: number[],
  fen: number,
  date?: (monthIndex: number) => string,
): number {
  for (const m of months) {
    const month = plan.county.months[m]!;
    plan.subsidies.push({
      program,
      name: who.name,
      idText: who.idText,
      card: who.card,
      fen,
      date: date ? date(m) : plan.date(m, PAY_DAY[program]),
      period: program === 'farmland' ? `${month.slice(0, 4)}年度` : month,
      village,
    });
  }
  return (fen * months.length) / 100;
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

function asRecipient(plan: Plan, p: Person): { name: string; idText: string; card: string } {
  return { name: p.name, idText: p.id, card: plan.county.cardOf(p) };
}

export function plantDeceased(plan: Plan): void {
  const { county, rng, book } = plan;
  for (let i = 0; i < plan.k * 3; i += 1) {
    const village = rng.pick(county.villages);
    const variant = i % 3;
    if (variant === 0) {
      const p = plan.newResident(village, rng.chance(0.5) ? 'M' : 'F', rng.int(84, 95));
      p.noElderlyAllowance = true;
      p.death = plan.date(1, 20);
      const fen = elderlyFen(ageOn(p.birth, county.settings.asOf));
      monthly(plan, 'elderly', asRecipient(plan, p), village, [0, 1], fen);
      const after = monthly(plan, 'elderly', asRecipient(plan, p), village, [2, 3, 4], fen);
      book.scheme(
        'deceased_receiving',
        [person(p, 'recipient')],
        after,
        `${p.name}已于${p.death}死亡，其后仍领取高龄补贴3个月`,
      );
    } else {
      // 低保 holder dying early in month 2 (paid months 2–5 after), or 特困 late in month 1 (paid 2–3 after).
      const dibao = variant === 1;
      const program: ProgramKey = dibao ? 'dibao' : 'tekun';
      const p = plan.newResident(village, rng.chance(0.6) ? 'M' : 'F', rng.int(62, 76));
      p.death = dibao ? plan.date(2, 3) : plan.date(1, 25);
      const fen = dibao ? DIBAO_FEN : TEKUN_FEN;
      const who = asRecipient(plan, p);
      monthly(plan, program, who, village, [0, 1], fen);
      const after = monthly(plan, program, who, village, dibao ? [2, 3, 4, 5] : [2, 3], fen);
      book.scheme(
        'deceased_receiving',
        [person(p, 'recipient')],
        after,
        `${p.name}已于${p.death}死亡，死亡后仍领取${PROGRAM[program]}`,
      );
    }
  }
  for (let i = 0; i < plan.k; i += 1) {
    const village = rng.pick(county.villages);
    const old = plan.newResident(village, 'F', rng.int(85, 92));
    old.noElderlyAllowance = true;
    old.death = plan.date(3, 4);
    monthly(
      plan,
      'elderly',
      asRecipient(plan, old),
      village,
      [0, 1, 2],
      elderlyFen(ageOn(old.birth, county.settings.asOf)),
    );
    book.decoy(
      'deceased_receiving',
      [person(old, 'recipient')],
      '死亡前一个月领取最后一次高龄补贴，之后停发，不应预警',
    );
    const poor = plan.newResident(village, 'M', rng.int(60, 70));
    poor.death = plan.date(2, 20);
    monthly(plan, 'dibao', asRecipient(plan, poor), village, [0, 1, 2], DIBAO_FEN);
    book.decoy(
      'deceased_receiving',
      [person(poor, 'recipient')],
      '死亡当月死亡日前领取低保，之后停发，不应预警',
    );
    const gone = plan.newResident(village, 'M', rng.int(82, 90));
    gone.death = plan.date(1, 10);
    const namesake = plan.newResident(rng.pick(county.villages), 'M', rng.int(81, 89), { name: gone.name });
    book.decoy(
      'deceased_receiving',
      [person(namesake, 'recipient'), person(gone, 'deceased')],
      `与已故的${gone.name}同名但身份证号不同，本人健在，领取高龄补贴不应预警`,
    );
  }
}

export function plantUncovered(plan: Plan): void {
  const { county, rng, book } = plan;
  const { asOf } = county.settings;
  for (let i = 0; i < plan.k * 3; i += 1) {
    const age = [80, 86, 93][i % 3]!;
    const p = plan.newResident(rng.pick(county.villages), rng.chance(0.5) ? 'M' : 'F', age);
    p.noElderlyAllowance = true;
    const due = county.months.filter((_, m) => elderlyDue(county, p.birth, m)).length;
    const missed = (elderlyFen(age) * due) / 100;
    book.scheme(
      'eligible_not_covered',
      [person(p, 'resident')],
      missed,
      `${p.name}现年${age}周岁，健在，未领取高龄补贴`,
    );
  }
  for (let i = 0; i < plan.k; i += 1) {
    const birth = dateOf(dayOf(`${Number(asOf.slice(0, 4)) - 80}${asOf.slice(4)}`) + rng.int(5, 20));
    const young = plan.newResident(rng.pick(county.villages), 'M', 79, { birth });
    book.decoy(
      'eligible_not_covered',
      [person(young, 'resident')],
      `${young.name}于${birth}出生，截至${asOf}未满80周岁，不应预警`,
    );
    const dead = plan.newResident(rng.pick(county.villages), 'F', rng.int(85, 90));
    dead.noElderlyAllowance = true;
    dead.death = dateOf(county.startDay - 40);
    book.decoy(
      'eligible_not_covered',
      [person(dead, 'resident')],
      '高龄老人已于统计期前死亡，未领取高龄补贴不应预警',
    );
    const birthday = `${Number(county.months[3]!.slice(0, 4)) - 80}${county.months[3]!.slice(4)}-12`;
    const fresh = plan.newResident(rng.pick(county.villages), 'F', 80, { birth: birthday });
    book.decoy(
      'eligible_not_covered',
      [person(fresh, 'resident')],
      `${fresh.name}于${county.months[3]}满80周岁，当月起已领取高龄补贴，不应预警`,
    );
  }
}

/** An ID number with a wrong check character, or with a birth date that does not exist. */
function invalidId(plan: Plan, kind: 'check' | 'date'): string {
  const { rng } = plan;
  if (kind === 'date') {
    const first17 = `${REGION}${rng.int(1941, 1950)}0230${String(rng.int(10, 99))}${rng.int(0, 9)}`;
    return first17 + idCheckDigit(first17);
  }
  const first17 = `${REGION}${rng.int(1936, 1944)}0${rng.int(1, 9)}${String(rng.int(10, 28))}${String(rng.int(100, 998))}`;
  const right = idCheckDigit(first17);
  const wrong =
    '0123456789'.split('').find((c) => c !== right && rng.chance(0.5)) ?? (right === '1' ? '2' : '1');
  return first17 + wrong;
}

export function plantGhosts(plan: Plan): void {
  const { county, rng, book } = plan;
  for (let i = 0; i < plan.k * 3; i += 1) {
    const village = rng.pick(county.villages);
    const variant = i % 3;
    const name = `${rng.pick(['周', '吴', '郑', '王', '陈'])}${rng.pick(['德福', '桂香', '永根', '秀珍', '长生'])}`;
    const card = county.newAccountNo('card', true);
    if (variant === 0) {
      const id = county.newId(REGION, `${rng.int(1950, 1975)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`, 'M');
      const total = monthly(plan, 'dibao', { name, idText: id, card }, village, range(0, 5), DIBAO_FEN);
      book.scheme(
        'ghost_recipient',
        [{ type: 'Person', key: id, name, role: 'recipient' }],
        total,
        `${name}领取低保，但户籍登记中无此人`,
      );
    } else {
      const raw = invalidId(plan, variant === 1 ? 'check' : 'date');
      const program: ProgramKey = variant === 1 ? 'elderly' : 'tekun';
      const fen = variant === 1 ? 100_00 : TEKUN_FEN;
      const total = monthly(plan, program, { name, idText: raw, card }, village, range(0, 5), fen);
      const why = variant === 1 ? '校验码错误' : '出生日期不存在';
      book.scheme(
        'ghost_recipient',
        [{ type: 'PersonMention', key: raw, name, role: 'recipient' }],
        total,
        `${name}领取${PROGRAM[program]}，身份证号${why}`,
      );
    }
  }
  for (let i = 0; i < plan.k; i += 1) {
    const village = rng.pick(county.villages);
    const old = plan.newResident(village, 'M', rng.int(82, 90));
    old.noElderlyAllowance = true;
    const short = old.id.slice(0, 6) + old.id.slice(8, 17);
    const fen = elderlyFen(ageOn(old.birth, county.settings.asOf));
    monthly(
      plan,
      'elderly',
      { name: old.name, idText: short, card: county.cardOf(old) },
      village,
      range(0, 5),
      fen,
    );
    book.decoy(
      'ghost_recipient',
      [person(old, 'recipient')],
      `${old.name}以旧15位身份证号领取高龄补贴，升位后与户籍一致，不应预警`,
    );
    const x = plan.newResident(village, 'F', rng.int(81, 88), { endsX: true });
    x.noElderlyAllowance = true;
    const lower = `${x.id.slice(0, 17)}x`;
    monthly(
      plan,
      'elderly',
      { name: x.name, idText: lower, card: county.cardOf(x) },
      village,
      range(0, 5),
      elderlyFen(ageOn(x.birth, county.settings.asOf)),
    );
    book.decoy(
      'ghost_recipient',
      [person(x, 'recipient')],
      `${x.name}身份证号末位写作小写x，与户籍一致，不应预警`,
    );
  }
}

export function plantDuplicates(plan: Plan): void {
  const { county, rng, book } = plan;
  for (let i = 0; i < plan.k * 3; i += 1) {
    const village = rng.pick(county.villages);
    const variant = i % 3;
    const program: ProgramKey = variant === 0 ? 'dibao' : variant === 1 ? 'elderly' : 'tekun';
    const p = plan.newResident(
      village,
      rng.chance(0.5) ? 'M' : 'F',
      variant === 1 ? rng.int(82, 89) : rng.int(60, 75),
    );
    if (variant === 1) p.noElderlyAllowance = true;
    const fen =
      program === 'elderly'
        ? elderlyFen(ageOn(p.birth, county.settings.asOf))
        : program === 'dibao'
          ? DIBAO_FEN
          : TEKUN_FEN;
    monthly(plan, program, asRecipient(plan, p), village, range(0, 5), fen);
    const twice = [2, 3, 1][variant]!;
    const extra = monthly(
      plan,
      program,
      asRecipient(plan, p),
      village,
      [twice],
      fen,
      variant === 1 ? (m) => plan.date(m, 25) : undefined,
    );
    book.scheme(
      'duplicate_benefit',
      [person(p, 'recipient')],
      extra,
      `${p.name}在${county.months[twice]}重复领取${PROGRAM[program]}`,
    );
  }
  for (let i = 0; i < plan.k; i += 1) {
    const village = rng.pick(county.villages);
    const both = plan.newResident(village, 'F', rng.int(81, 88));
    monthly(plan, 'dibao', asRecipient(plan, both), village, range(0, 5), DIBAO_FEN);
    book.decoy(
      'duplicate_benefit',
      [person(both, 'recipient')],
      '同一期间分别领取低保和高龄补贴（两个不同项目），不应预警',
    );
    const late = plan.newResident(village, 'M', rng.int(55, 70));
    monthly(plan, 'dibao', asRecipient(plan, late), village, [0, 2, 3, 4, 5], DIBAO_FEN);
    monthly(plan, 'dibao', asRecipient(plan, late), village, [1], DIBAO_FEN, () =>
      plan.date(2, PAY_DAY.dibao),
    );
    book.decoy(
      'duplicate_benefit',
      [person(late, 'recipient')],
      `${county.months[1]}的低保与${county.months[2]}同日补发，期间不同，不应预警`,
    );
  }
}
