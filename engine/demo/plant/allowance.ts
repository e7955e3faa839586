// Planted cadre_relative_allowance schemes (relatives on 低保 or 特困) and their near misses.
import { ageOn } from '../calendar.ts';
import type { Plan } from '../plan.ts';
import { DIBAO_FEN, PROGRAM, TEKUN_FEN } from '../subsidies.ts';
import { person, village as villageSubject } from '../truth.ts';
import { cadreWith, knownKin, take, undeclare } from './cadres.ts';
import { monthly } from './welfare.ts';

const ALL = [0, 1, 2, 3, 4, 5];

export function plantAllowance(plan: Plan): void {
  const { county, rng, book } = plan;
  const { asOf } = county.settings;
  for (let i = 0; i < plan.k * 4; i += 1) {
    const variant = i % 4;
    const scope = variant === 2 ? 'official' : 'village';
    const wanted = ['配偶', '父亲|母亲', '兄弟|姐妹', '儿子|女儿'][variant] ?? '配偶';
    const hit = cadreWith(plan, scope, (c) =>
      knownKin(plan, c, 18).find(
        (k) =>
          wanted.split('|').includes(k.relation) &&
          (variant !== 0 || k.person.household === c.person.household),
      ),
    );
    if (!hit) continue;
    const { cadre, found } = hit;
    const relative = take(plan, found);
    if (variant === 0) undeclare(cadre, relative);
    const program = variant === 1 ? 'tekun' : 'dibao';
    const village = relative.household.village;
    const recipient = { name: relative.name, idText: relative.id, card: county.cardOf(relative) };
    const total = monthly(
      plan,
      program,
      recipient,
      village,
      ALL,
      program === 'tekun' ? TEKUN_FEN : DIBAO_FEN,
    );
    const basis = found.declared && variant !== 0 ? '申报' : '户籍同户';
    const where = cadre.village === village ? '，由其本村发放' : '';
    book.scheme(
      'cadre_relative_allowance',
      [person(relative, 'recipient'), person(cadre.person, 'cadre'), villageSubject(village, 'village')],
      total,
      `${cadre.unit}${cadre.post}${cadre.person.name}的${found.relation}${relative.name}（${basis}）领取${PROGRAM[program]}${where}`,
    );
  }
  for (let i = 0; i < plan.k; i += 1) {
    const farm = cadreWith(plan, 'village', (c) => knownKin(plan, c, 18).find((k) => k.declared));
    if (farm) {
      const relative = take(plan, farm.found);
      const recipient = { name: relative.name, idText: relative.id, card: county.cardOf(relative) };
      monthly(plan, 'farmland', recipient, relative.household.village, [4], rng.int(8, 30) * 52_50);
      book.decoy(
        'cadre_relative_allowance',
        [person(relative, 'recipient'), person(farm.cadre.person, 'cadre')],
        '干部亲属领取耕地地力保护补贴（非困难救助类），不应预警',
      );
    }
    const name = cadreWith(plan, 'village', (c) => knownKin(plan, c, 30)[0]);
    if (name) {
      const relative = name.found.person;
      const namesake = plan.newResident(rng.pick(county.villages), relative.sex, rng.int(55, 75), {
        name: relative.name,
      });
      const recipient = { name: namesake.name, idText: namesake.id, card: county.cardOf(namesake) };
      monthly(plan, 'dibao', recipient, namesake.household.village, ALL, DIBAO_FEN);
      book.decoy(
        'cadre_relative_allowance',
        [person(namesake, 'recipient'), person(relative, 'namesake'), person(name.cadre.person, 'cadre')],
        `领取低保的${namesake.name}与干部亲属同名，但身份证号不同，不应预警`,
      );
    }
    const elder = cadreWith(plan, 'village', (c) =>
      knownKin(plan, c).find((k) => ageOn(k.person.birth, asOf) >= 81),
    );
    if (elder) {
      const relative = take(plan, elder.found);
      book.decoy(
        'cadre_relative_allowance',
        [person(relative, 'recipient'), person(elder.cadre.person, 'cadre')],
        '干部亲属按年龄领取高龄补贴（非困难救助类），不应预警',
      );
    }
  }
}
