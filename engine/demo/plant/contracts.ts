// Planted company schemes: cadre-related contractors, hidden owners through holding chains, shared contacts.
import type { Cadre, Company, Person, Village } from '../model.ts';
import type { Plan } from '../plan.ts';
import {
  account,
  company as companySubject,
  person,
  type Subject,
  village as villageSubject,
} from '../truth.ts';
import { cadreWith, type Kin, knownKin, take, undeclare } from './cadres.ts';

/** Two or three collective payments for works, returned as the total in yuan. */
function payWorks(plan: Plan, village: Village, payee: Company, count = 2): number {
  const { rng } = plan;
  let total = 0;
  for (let i = 0; i < count; i += 1) {
    const wan = rng.chance(0.4);
    const fen = wan ? rng.int(12, 48) * 1_000_00 : rng.int(1_500_000, 40_000_000);
    plan.pay(
      village,
      payee,
      plan.date(i * 2, rng.int(8, 26)),
      fen,
      rng.pick(['道路硬化工程款', '水利设施维修', '村部改造工程款', '绿化工程款']),
      wan,
    );
    total += fen;
  }
  return total / 100;
}

function cadreSubjects(cadre: Cadre, relative?: Person): Subject[] {
  return [person(cadre.person, 'cadre'), ...(relative ? [person(relative, 'relative')] : [])];
}

export function plantContractors(plan: Plan): void {
  const { rng, book } = plan;
  for (let i = 0; i < plan.k * 4; i += 1) {
    const variant = i % 4;
    const relation = ['配偶', '兄弟|姐妹|父亲', '', '儿子|女儿|兄弟|姐妹'][variant] ?? '';
    const hit = cadreWith<Kin | null>(plan, variant === 3 ? 'official' : 'village', (c) =>
      variant === 2 ? null : knownKin(plan, c, 22).find((k) => relation.split('|').includes(k.relation)),
    );
    if (!hit) continue;
    const { cadre } = hit;
    const relative = hit.found ? take(plan, hit.found) : undefined;
    const town = cadre.town;
    const nominee = plan.villager();
    let company: Company;
    let tie: string;
    if (variant === 0 || variant === 3) {
      company = plan.newCompany('construction', town, relative!, true);
      tie = `法定代表人为${cadre.post}${cadre.person.name}的${hit.found!.relation}${relative!.name}`;
      if (variant === 0) undeclare(cadre, relative!);
    } else if (variant === 1) {
      company = plan.newCompany('construction', town, nominee, true);
      company.holders = [
        { holder: relative!, ratio: 0.6 },
        { holder: nominee, ratio: 0.4 },
      ];
      tie = `${cadre.post}${cadre.person.name}的${hit.found!.relation}${relative!.name}持股60%`;
    } else {
      company = plan.newCompany('service', town, nominee, true);
      company.executives.push({ person: cadre.person, post: '监事' });
      tie = `${cadre.post}${cadre.person.name}本人任监事`;
    }
    let total: number;
    let payer: Subject;
    if (variant === 3) {
      const fens = [rng.int(150_000, 300_000) * 100, rng.int(40_000, 90_000) * 100];
      plan.transfer(town.account, company.account, plan.date(1, 16), fens[0]!, '工程款');
      plan.transfer(town.account, company.account, plan.date(3, 22), fens[1]!, '工程款');
      total = (fens[0]! + fens[1]!) / 100;
      payer = account(town.account, 'payer');
    } else {
      total = payWorks(plan, cadre.village!, company, variant === 1 ? 3 : 2);
      payer = villageSubject(cadre.village!, 'payer');
    }
    book.scheme(
      'cadre_related_contractor',
      [companySubject(company, 'payee'), ...cadreSubjects(cadre, relative), payer],
      total,
      `${company.name}承接${cadre.unit.replace('村民委员会', '')}工程，${tie}`,
    );
  }
  for (let i = 0; i < plan.k; i += 1) {
    const idle = cadreWith(plan, 'village', (c) => knownKin(plan, c, 25)[0]);
    if (idle) {
      const relative = take(plan, idle.found);
      const owner = plan.villager();
      const shop = plan.newCompany('service', idle.cadre.town, owner, true);
      shop.holders = [
        { holder: owner, ratio: 0.6 },
        { holder: relative, ratio: 0.4 },
      ];
      book.decoy(
        'cadre_related_contractor',
        [companySubject(shop, 'company'), person(relative, 'relative'), person(idle.cadre.person, 'cadre')],
        '干部亲属参股的企业，但从未收到村集体或公共资金，不应预警',
      );
    }
    const same = cadreWith(plan, 'village', (c) => knownKin(plan, c, 25)[0]);
    if (same) {
      const namesake = plan.newResident(same.cadre.village!, same.found.person.sex, 45, {
        name: same.found.person.name,
        reserve: true,
      });
      const firm = plan.newCompany('construction', same.cadre.town, namesake, false);
      payWorks(plan, same.cadre.village!, firm);
      book.decoy(
        'cadre_related_contractor',
        [companySubject(firm, 'payee'), person(namesake, 'legalRep'), person(same.found.person, 'namesake')],
        `法定代表人${namesake.name}与干部亲属同名但身份证号不同，不应预警`,
      );
    }
  }
}

export function plantHiddenOwners(plan: Plan): void {
  const { book } = plan;
  const chain = (cadre: Cadre, owner: Person, ratios: number[], paid: boolean): Company => {
    // ratios[0] is the owner's stake in the top holding company, then each company's stake in the next.
    let holder: Person | Company = owner;
    let top: Company | undefined;
    ratios.forEach((ratio, level) => {
      const nominee = plan.villager();
      const trade = level === ratios.length - 1 ? 'construction' : 'holding';
      const company = plan.newCompany(trade, cadre.town, nominee, true);
      company.holders = [
        { holder, ratio },
        ...(ratio < 1 ? [{ holder: nominee, ratio: Math.round((1 - ratio) * 100) / 100 }] : []),
      ];
      holder = company;
      top = company;
    });
    if (paid) payWorks(plan, cadre.village!, top!);
    return top!;
  };
  for (let i = 0; i < plan.k * 3; i += 1) {
    const variant = i % 3;
    const hit = cadreWith(plan, 'village', (c) => knownKin(plan, c, 25).find((k) => k.declared));
    if (!hit) continue;
    const { cadre } = hit;
    const relative = variant === 1 ? undefined : take(plan, hit.found);
    const owner = relative ?? cadre.person;
    let target: Company;
    let effective: number;
    if (variant === 0) {
      target = chain(cadre, owner, [0.7, 0.6], true);
      effective = 0.42;
    } else if (variant === 1) {
      target = chain(cadre, owner, [0.9, 0.6, 0.8], true);
      effective = 0.432;
    } else {
      const a = plan.newCompany('holding', cadre.town, plan.villager(), true);
      const b = plan.newCompany('holding', cadre.town, plan.villager(), true);
      a.holders = [{ holder: owner, ratio: 1 }];
      b.holders = [{ holder: owner, ratio: 1 }];
      const nominee = plan.villager();
      target = plan.newCompany('construction', cadre.town, nominee, true);
      target.holders = [
        { holder: a, ratio: 0.2 },
        { holder: b, ratio: 0.15 },
        { holder: nominee, ratio: 0.65 },
      ];
      payWorks(plan, cadre.village!, target);
      effective = 0.35;
    }
    const paid = plan.ledger.filter((r) => r.payee === target.account).reduce((s, r) => s + r.fen, 0) / 100;
    book.scheme(
      'hidden_beneficial_owner',
      [
        companySubject(target, 'payee'),
        ...cadreSubjects(cadre, relative),
        villageSubject(cadre.village!, 'payer'),
      ],
      paid,
      `${cadre.post}${cadre.person.name}${relative ? `的${hit.found.relation}${owner.name}` : '本人'}通过多层持股间接控制${target.name}约${Math.round(effective * 1000) / 10}%，该公司承接${cadre.village!.name}工程`,
    );
  }
  for (let i = 0; i < plan.k * 2; i += 1) {
    const hit = cadreWith(plan, 'village', (c) => knownKin(plan, c, 25)[0]);
    if (!hit) continue;
    const relative = take(plan, hit.found);
    const [a, b] = i % 2 === 0 ? [0.25, 0.4] : [0.8, 0.3];
    const target = chain(hit.cadre, relative, [a, b], true);
    book.decoy(
      'hidden_beneficial_owner',
      [companySubject(target, 'payee'), person(relative, 'relative'), person(hit.cadre.person, 'cadre')],
      `干部亲属经持股链间接持有${Math.round(a * b * 1000) / 10}%（${a * 100}%×${b * 100}%），低于25%，不应预警`,
    );
  }
}

export function plantSharedContacts(plan: Plan): void {
  const { book } = plan;
  for (let i = 0; i < plan.k * 3; i += 1) {
    const variant = i % 3;
    const hit = cadreWith<Kin | null>(plan, 'village', (c) =>
      variant === 0 ? knownKin(plan, c, 22).find((k) => k.person.phone) : c.person.phone ? null : undefined,
    );
    if (!hit) continue;
    const { cadre } = hit;
    const relative = hit.found ? take(plan, hit.found) : undefined;
    const company = plan.newCompany('construction', cadre.town, plan.villager(), false);
    let how: string;
    if (variant === 0) {
      company.phone = relative!.phone!;
      how = `联系电话与${cadre.post}${cadre.person.name}的${hit.found!.relation}${relative!.name}相同`;
    } else if (variant === 1) {
      company.address = cadre.person.household.address;
      how = `注册地址与${cadre.post}${cadre.person.name}家庭住址相同`;
    } else {
      company.phone = cadre.person.phone!;
      how = `联系电话与${cadre.post}${cadre.person.name}本人手机相同`;
    }
    const total = payWorks(plan, cadre.village!, company);
    book.scheme(
      'shared_contact',
      [
        companySubject(company, 'payee'),
        ...cadreSubjects(cadre, relative),
        villageSubject(cadre.village!, 'payer'),
      ],
      total,
      `${company.name}收到${cadre.village!.name}集体资金，${how}，无登记关联`,
    );
  }
  for (let i = 0; i < plan.k; i += 1) {
    const village = plan.rng.pick(plan.county.villages);
    const neighbour = plan.pickPerson(
      (p) => !p.related && !p.cadre && p.phone !== undefined && p.household.village === village,
    );
    if (neighbour) {
      const company = plan.newCompany('service', village.town, plan.villager(), false);
      company.phone = neighbour.phone!;
      payWorks(plan, village, company);
      book.decoy(
        'shared_contact',
        [companySubject(company, 'payee'), person(neighbour, 'contact')],
        '企业与普通村民（非干部及亲属）共用电话，不应预警',
      );
    }
    const hit = cadreWith(plan, 'village', (c) => knownKin(plan, c, 22).find((k) => k.person.phone));
    if (hit) {
      const relative = take(plan, hit.found);
      const company = plan.newCompany('shop', hit.cadre.town, plan.villager(), false);
      company.phone = relative.phone!;
      book.decoy(
        'shared_contact',
        [companySubject(company, 'company'), person(relative, 'relative'), person(hit.cadre.person, 'cadre')],
        '企业与干部亲属共用电话，但从未收到集体或公共资金，不应预警',
      );
    }
  }
}
