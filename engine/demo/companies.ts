// Background companies: registrations, shareholders (with holding chains), executives, accounts, employees.
import { ageOn, dateOf, dayOf } from './calendar.ts';
import type { County } from './county.ts';
import type { Company, Holding, Person, Town } from './model.ts';
import { BANKS, COUNTY, INDUSTRIES, REGION, STREETS, TRADE_NAMES, type Trade } from './places.ts';
import type { Rng } from './rng.ts';

const CAPITAL: Record<Trade, [number, number]> = {
  construction: [500, 5000],
  shop: [1, 50],
  coop: [10, 200],
  holding: [1000, 10000],
  service: [50, 1000],
};

const names = new WeakMap<County, Set<string>>();

function companyName(county: County, rng: Rng, trade: Trade, town: Town): string {
  const taken = names.get(county) ?? new Set<string>();
  names.set(county, taken);
  for (let attempt = 0; ; attempt += 1) {
    const brand = rng.pick(TRADE_NAMES) + (attempt > 40 ? rng.pick(TRADE_NAMES) : '');
    const industry = rng.pick(INDUSTRIES[trade]);
    const place = trade === 'shop' || trade === 'coop' ? `${COUNTY}${town.name}` : COUNTY;
    const name = `${place}${brand}${industry}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

export function companyAddress(county: County, rng: Rng, town: Town): string {
  for (;;) {
    const address = `${COUNTY}${town.name}${rng.pick(STREETS)}${rng.int(1, 399)}号`;
    if (!county.addresses.has(address)) {
      county.addresses.add(address);
      return address;
    }
  }
}

/** Registers a company; `holders` and `executives` may be filled in by the caller afterwards. */
export function addCompany(county: County, rng: Rng, trade: Trade, town: Town, legalRep: Person): Company {
  const [low, high] = CAPITAL[trade];
  const prefix = trade === 'shop' ? '92' : trade === 'coop' ? '93' : '91';
  const name = companyName(county, rng, trade, town);
  const bank = rng.weighted(BANKS, [50, 40, 10]);
  const account = county.newAccount('company', bank, name, '');
  const company: Company = {
    index: county.companies.length,
    code: county.newCreditCode(prefix, REGION),
    name,
    trade,
    town,
    legalRep,
    capital: rng.int(low, high),
    founded: dateOf(rng.int(dayOf('2005-01-01'), dayOf('2024-12-31'))),
    phone:
      trade === 'shop' || trade === 'coop' || rng.chance(0.4) ? county.newMobile() : county.newLandline(),
    address: companyAddress(county, rng, town),
    status: rng.chance(0.85) ? '存续' : '在业',
    holders: [],
    executives: [{ person: legalRep, post: trade === 'shop' ? '经营者' : '执行董事兼总经理' }],
    account,
    employees: [],
    tied: false,
    reserved: false,
  };
  account.holderId = company.code;
  account.company = company;
  account.rank = 2 + company.index;
  account.balance = rng.int(50, 2000) * 1_000_000;
  county.companies.push(company);
  return company;
}

/** Adults of a town who may run or work for background companies: not in any cadre's circle. */
export function townPool(county: County, town: Town, minAge: number, maxAge: number): Person[] {
  const { asOf } = county.settings;
  return county.people.filter((p) => {
    if (p.household.village.town !== town || p.related || p.reserved || p.death || p.malformedRow)
      return false;
    const age = ageOn(p.birth, asOf);
    return age >= minAge && age <= maxAge;
  });
}

function splitRatios(rng: Rng, parts: number): number[] {
  if (parts === 1) return [1];
  const first = rng.int(51, 90) / 100;
  if (parts === 2) return [first, Math.round((1 - first) * 100) / 100];
  const second = Math.round((((1 - first) * rng.int(30, 70)) / 100) * 100) / 100;
  return [first, second, Math.round((1 - first - second) * 100) / 100];
}

export function buildCompanies(county: County): void {
  const rng = county.rng('companies');
  for (const town of county.towns) {
    const owners = rng.shuffle(townPool(county, town, 28, 65));
    const workers = rng.shuffle(townPool(county, town, 18, 58).filter((p) => p.account));
    const relatives = rng.shuffle(
      county.people.filter(
        (p) =>
          p.household.village.town === town &&
          p.related &&
          !p.cadre &&
          ageOn(p.birth, county.settings.asOf) >= 25 &&
          !p.death,
      ),
    );
    let next = 0;
    const owner = (): Person => owners[next++ % owners.length]!;
    const holdings: Company[] = [];
    const count = town.villages.length * rng.int(4, 6);
    for (let i = 0; i < count; i += 1) {
      const trade = rng.weighted<Trade>(
        ['construction', 'shop', 'coop', 'service', 'holding'],
        [35, 30, 10, 15, 10],
      );
      // A few cadre relatives run a shop of their own: tied, so never paid by a collective.
      const tiedShop = trade === 'shop' && relatives.length > 0 && rng.chance(0.08);
      const rep = tiedShop ? relatives.pop()! : owner();
      const company = addCompany(county, rng, trade, town, rep);
      company.tied = tiedShop;
      if (trade === 'holding') holdings.push(company);
      const holders: Holding[] = [];
      if (trade !== 'shop' && trade !== 'holding' && holdings.length > 0 && rng.chance(0.25)) {
        const ratio = rng.int(60, 100) / 100;
        holders.push({ holder: rng.pick(holdings), ratio });
        if (ratio < 1) holders.push({ holder: rep, ratio: Math.round((1 - ratio) * 100) / 100 });
      } else {
        const people = [rep];
        const extra = trade === 'shop' ? 0 : rng.int(0, 2);
        for (let k = 0; k < extra; k += 1) people.push(owner());
        const ratios = splitRatios(rng, new Set(people).size);
        for (const [k, p] of [...new Set(people)].entries())
          holders.push({ holder: p, ratio: ratios[k] ?? 0 });
      }
      company.holders = holders;
      if (trade !== 'shop') company.executives.push({ person: owner(), post: '监事' });
      if (trade === 'construction' && rng.chance(0.4))
        company.executives.push({ person: owner(), post: '财务负责人' });
      const staff = { construction: [3, 8], service: [2, 5], coop: [1, 3], shop: [0, 1], holding: [0, 0] }[
        trade
      ];
      const n = rng.int(staff[0]!, staff[1]!);
      for (let k = 0; k < n && workers.length > 0; k += 1) {
        const worker = workers.pop()!;
        worker.employer = company;
        worker.salary = rng.int(35, 95) * 10_000;
        company.employees.push(worker);
      }
    }
  }
  const shops = county.companies.filter((c) => c.trade === 'shop' && !c.tied);
  const odd = rng.pick(shops);
  odd.badCheck = true;
  odd.reserved = true;
  markTied(county);
}

/** A company is tied when a cadre's relative is its legal rep, executive or holder, directly or via holdings. */
export function markTied(county: County): void {
  for (const company of county.companies) {
    if (company.legalRep.related || company.executives.some((e) => e.person.related)) company.tied = true;
    if (company.holders.some((h) => 'related' in h.holder && h.holder.related)) company.tied = true;
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const company of county.companies) {
      if (company.tied) continue;
      if (company.holders.some((h) => 'code' in h.holder && h.holder.tied)) {
        company.tied = true;
        changed = true;
      }
    }
  }
}
