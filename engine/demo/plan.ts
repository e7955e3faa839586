// What planting and background decide before anything is written: subsidy, ledger and transfer records.
import { ageOn, dateOf, dayOf, stamp } from './calendar.ts';
import { addCompany } from './companies.ts';
import type { County } from './county.ts';
import type { Account, Company, Person, Sex, Town, Village } from './model.ts';
import { addHousehold, addPerson, birthForAge, openPersonalAccount } from './people.ts';
import type { Trade } from './places.ts';
import type { Rng } from './rng.ts';
import type { ProgramKey } from './subsidies.ts';
import { TruthBook } from './truth.ts';

export interface SubsidyRow {
  program: ProgramKey;
  name: string;
  /** The ID number as written (may be invalid or an old 15-digit number). */
  idText: string;
  card: string;
  fen: number;
  date: string;
  period: string;
  village: Village;
}

export interface LedgerRow {
  village: Village;
  date: string;
  payeeName: string;
  /** ID number or credit code; '' when the clerk left it out. */
  payeeId: string;
  payee: Account;
  fen: number;
  /** Written as '5.2万' instead of digits. */
  wan?: boolean;
  purpose: string;
}

export interface PlannedTransfer {
  t: number;
  from: Account;
  to: Account;
  fen: number;
  memo: string;
}

export class Plan {
  readonly county: County;
  readonly rng: Rng;
  readonly book = new TruthBook();
  readonly subsidies: SubsidyRow[] = [];
  readonly ledger: LedgerRow[] = [];
  readonly transfers: PlannedTransfer[] = [];
  /** How many instances of each scheme and decoy variant to plant. */
  readonly k: number;
  /** People already given a part in some plant: one part each, so models never overlap by accident. */
  readonly used = new Set<Person>();

  constructor(county: County) {
    this.county = county;
    this.rng = county.rng('plant');
    this.k = Math.max(1, Math.ceil(Math.sqrt(county.settings.scale)));
  }

  /** A date in the i-th month of the window. */
  date(monthIndex: number, day: number): string {
    const month = this.county.months[Math.min(Math.max(monthIndex, 0), 5)]!;
    return `${month}-${String(day).padStart(2, '0')}`;
  }

  /** Someone alive through the window, not used by another plant, who fits `filter`; marked used. */
  pickPerson(filter: (p: Person) => boolean, reserve = false): Person | undefined {
    const { people } = this.county;
    for (let tries = 0; tries < people.length * 3; tries += 1) {
      const p = this.rng.pick(people);
      if (this.used.has(p) || p.death || p.malformedRow || !filter(p)) continue;
      this.used.add(p);
      if (reserve) this.reserve(p);
      return p;
    }
    return undefined;
  }

  /** Keeps background transfers away from a planted account, and funds it for the planted ones. */
  reserve(p: Person | Company): void {
    p.reserved = true;
    if (!p.account) openPersonalAccount(this.county, this.rng, p as Person);
    p.account!.balance += 2_000_000_00;
  }

  /** An ordinary adult outside every cadre's circle, with a bank account, reserved for a plant. */
  villager(village?: Village, minAge = 25, maxAge = 60): Person {
    const { asOf } = this.county.settings;
    const found = this.pickPerson((p) => {
      if (p.related || p.cadre || p.employer || !p.account) return false;
      if (village && p.household.village !== village) return false;
      const age = ageOn(p.birth, asOf);
      return age >= minAge && age <= maxAge;
    }, true);
    if (found) return found;
    return this.newResident(
      village ?? this.rng.pick(this.county.villages),
      this.rng.chance(0.6) ? 'M' : 'F',
      minAge + 5,
      { reserve: true },
    );
  }

  /** A new one-person household in a village (for people whose exact age or name matters). */
  newResident(
    village: Village,
    sex: Sex,
    age: number,
    options: { birth?: string; name?: string; reserve?: boolean; endsX?: boolean } = {},
  ): Person {
    const household = addHousehold(this.county, this.rng, village);
    const birth = options.birth ?? birthForAge(this.rng, this.county.settings.asOf, age);
    const person = addPerson(this.county, this.rng, household, {
      sex,
      birth,
      relation: '户主',
      ...(options.name ? { name: options.name } : {}),
      ...(options.endsX ? { endsX: true } : {}),
    });
    this.used.add(person);
    if (options.reserve) this.reserve(person);
    return person;
  }

  newCompany(trade: Trade, town: Town, legalRep: Person, tied: boolean): Company {
    const company = addCompany(this.county, this.rng, trade, town, legalRep);
    this.reserve(company);
    company.tied = tied;
    company.holders = [{ holder: legalRep, ratio: 1 }];
    return company;
  }

  /** A payment recorded in the village ledger and, on the same day, in the village account's statement. */
  pay(
    village: Village,
    payee: Person | Company,
    date: string,
    fen: number,
    purpose: string,
    wan = false,
  ): void {
    const account = payee.account;
    if (!account) throw new Error('demo: payee without account');
    const isCompany = 'code' in payee;
    this.ledger.push({
      village,
      date,
      payeeName: payee.name,
      payeeId: isCompany ? payee.code : payee.id,
      payee: account,
      fen,
      ...(wan ? { wan } : {}),
      purpose,
    });
    this.transfer(village.account, account, date, fen, purpose);
  }

  transfer(from: Account, to: Account, date: string, fen: number, memo: string, hour?: number): number {
    const t = stamp(dayOf(date), hour ?? this.rng.int(9, 16), this.rng.int(0, 59), this.rng.int(0, 59));
    this.transfers.push({ t, from, to, fen, memo });
    return t;
  }

  /** A transfer a number of hours after another. */
  transferAt(from: Account, to: Account, t: number, fen: number, memo: string): number {
    this.transfers.push({ t, from, to, fen, memo });
    return t;
  }

  day(date: string, offset: number): string {
    return dateOf(dayOf(date) + offset);
  }
}
