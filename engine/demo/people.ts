// Making one person or household: birth dates that match ages, ID numbers, phones, accounts and kinship.
import { dateOf, dayOf, yearsBefore } from './calendar.ts';
import type { County } from './county.ts';
import type { Household, Person, Sex, Village } from './model.ts';
import { givenName, surname } from './names.ts';
import { BANKS, COUNTY, OTHER_REGIONS, REGION } from './places.ts';
import type { Rng } from './rng.ts';

/** A birth date giving exactly `age` full years on asOf, never within a few days of the birthday. */
export function birthForAge(rng: Rng, asOf: string, age: number): string {
  return dateOf(dayOf(yearsBefore(asOf, age)) - rng.int(4, 360));
}

export interface PersonSpec {
  sex: Sex;
  age?: number;
  birth?: string;
  family?: string;
  name?: string;
  relation: string;
  /** Married in from elsewhere: a chance of another region's ID number. */
  outsider?: boolean;
  /** The ID number must end in the check character X. */
  endsX?: boolean;
}

/** Adds a person to a household, with ID number, phone and (for most adults) a bank account. */
export function addPerson(county: County, rng: Rng, household: Household, spec: PersonSpec): Person {
  const { asOf } = county.settings;
  const birth = spec.birth ?? birthForAge(rng, asOf, spec.age ?? 40);
  const year = Number(birth.slice(0, 4));
  const family = spec.family ?? surname(rng);
  const name = spec.name ?? family + givenName(rng, spec.sex === 'M', year);
  const region = spec.outsider && rng.chance(0.35) ? rng.pick(OTHER_REGIONS) : REGION;
  const person: Person = {
    index: county.people.length,
    id: county.newId(region, birth, spec.sex, spec.endsX),
    name,
    sex: spec.sex,
    birth,
    household,
    relation: spec.relation,
    children: [],
    related: false,
    reserved: false,
  };
  const age = Number(asOf.slice(0, 4)) - year;
  if (age >= 18 && rng.chance(age >= 85 ? 0.3 : 0.9)) person.phone = county.newMobile();
  if (age >= 18 && rng.chance(age >= 80 ? 0.5 : 0.75)) openPersonalAccount(county, rng, person);
  household.members.push(person);
  county.people.push(person);
  return person;
}

export function openPersonalAccount(county: County, rng: Rng, person: Person): void {
  if (person.account) return;
  const bank = rng.weighted(BANKS, [60, 25, 15]);
  const account = county.newAccount('person', bank, person.name, person.id);
  account.person = person;
  account.rank = 1_000_000 + person.index;
  account.balance = rng.amountFen(5_000, 150_000);
  person.account = account;
}

/** A new, empty household in a village with its own house number and address. */
export function addHousehold(county: County, rng: Rng, village: Village): Household {
  const seq = village.households.length + 1;
  let address = '';
  do {
    address = `${COUNTY}${village.town.name}${village.name}${rng.int(1, village.groups)}组${rng.int(1, 199)}号`;
  } while (county.addresses.has(address));
  county.addresses.add(address);
  const household: Household = {
    no: `${village.code}${String(seq).padStart(4, '0')}`,
    village,
    address,
    members: [],
  };
  village.households.push(household);
  county.households.push(household);
  return household;
}

export function marry(a: Person, b: Person): void {
  a.spouse = b;
  b.spouse = a;
}

export function setParents(child: Person, father?: Person, mother?: Person): void {
  if (father) {
    child.father = father;
    father.children.push(child);
  }
  if (mother) {
    child.mother = mother;
    mother.children.push(child);
  }
}

/** A couple (if `withSpouse`) with `kids` children; the head is given, the rest drawn. */
export function nuclearHousehold(
  county: County,
  rng: Rng,
  village: Village,
  head: { sex: Sex; age: number; family?: string },
  withSpouse: boolean,
  kids: number,
): { household: Household; head: Person; spouse?: Person; kids: Person[] } {
  const household = addHousehold(county, rng, village);
  const headPerson = addPerson(county, rng, household, { ...head, relation: '户主' });
  let spouse: Person | undefined;
  if (withSpouse) {
    const spouseAge = Math.max(21, head.age + (head.sex === 'M' ? -rng.int(0, 5) : rng.int(0, 4)));
    const sex: Sex = head.sex === 'M' ? 'F' : 'M';
    spouse = addPerson(county, rng, household, { sex, age: spouseAge, relation: '配偶', outsider: true });
    marry(headPerson, spouse);
  }
  const father = head.sex === 'M' ? headPerson : spouse;
  const mother = head.sex === 'F' ? headPerson : spouse;
  const motherAge = mother ? Number(county.settings.asOf.slice(0, 4)) - Number(mother.birth.slice(0, 4)) : 30;
  const out: Person[] = [];
  const family = father ? father.name.charAt(0) : headPerson.name.charAt(0);
  for (let i = 0; i < kids; i += 1) {
    const age = motherAge - rng.int(21, 36);
    if (age < 0) break;
    const sex: Sex = rng.chance(0.52) ? 'M' : 'F';
    const kid = addPerson(county, rng, household, { sex, age, family, relation: sex === 'M' ? '子' : '女' });
    setParents(kid, father, mother);
    out.push(kid);
  }
  return { household, head: headPerson, ...(spouse ? { spouse } : {}), kids: out };
}
