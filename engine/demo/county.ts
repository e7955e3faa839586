// The county under construction: the unique-key allocators (ID numbers, phones, accounts, codes) and the lists.
import { CREDIT_CODE_CHARSET, makeCreditCode } from '../../ingest/normalise/creditcode.ts';
import { makeIdNumber } from '../../ingest/normalise/idnumber.ts';
import { addMonths, dayOf } from './calendar.ts';
import type { Account, AccountKind, Company, Household, Person, Sex, Town, Village } from './model.ts';
import { AREA_CODE, type BankInfo } from './places.ts';
import { Rng } from './rng.ts';

export interface DemoSettings {
  seed: number;
  scale: number;
  asOf: string;
}

/** Account number shapes per bank: personal cards and corporate accounts. */
const ACCOUNT_PREFIX: Record<
  BankInfo['id'] | 'card' | 'external',
  { person: string; org: string; len: number }
> = {
  ns: { person: '6217', org: '2010', len: 16 },
  abc: { person: '6228', org: '1937', len: 19 },
  psbc: { person: '6221', org: '9330', len: 19 },
  card: { person: '6230', org: '6230', len: 19 },
  external: { person: '6222', org: '3301', len: 18 },
};

export class County {
  readonly settings: DemoSettings;
  /** First day of the six-month window that ends on asOf. */
  readonly firstMonth: string;
  readonly months: string[];
  readonly startDay: number;
  readonly endDay: number;
  readonly towns: Town[] = [];
  readonly villages: Village[] = [];
  readonly households: Household[] = [];
  readonly people: Person[] = [];
  readonly companies: Company[] = [];
  /** Accounts whose statements are collected (county banks). */
  readonly accounts: Account[] = [];
  readonly sources: Account[] = [];
  readonly sinks: Account[] = [];
  private readonly ids = new Set<string>();
  private readonly phones = new Set<string>();
  private readonly accountNos = new Set<string>();
  private readonly codes = new Set<string>();
  readonly addresses = new Set<string>();
  private readonly keys: Rng;
  private accountCount = 0;

  constructor(settings: DemoSettings) {
    this.settings = settings;
    const month = settings.asOf.slice(0, 7);
    this.firstMonth = addMonths(month, -5);
    this.months = [0, 1, 2, 3, 4, 5].map((i) => addMonths(this.firstMonth, i));
    this.startDay = dayOf(`${this.firstMonth}-01`);
    this.endDay = dayOf(settings.asOf);
    this.keys = this.rng('keys');
  }

  /** An independent random stream for one part of the generator. */
  rng(label: string): Rng {
    return new Rng(this.settings.seed, label);
  }

  /** A fresh, valid, unused ID number; the sequence parity carries the sex. */
  newId(region: string, birth: string, sex: Sex, endsX = false): string {
    for (;;) {
      let seq = this.keys.int(1, 999);
      if ((seq % 2 === 1) !== (sex === 'M')) seq = seq === 999 ? 998 : seq + 1;
      const id = makeIdNumber(region, birth.replaceAll('-', ''), String(seq).padStart(3, '0'));
      if (endsX && !id.endsWith('X')) continue;
      if (!this.ids.has(id)) {
        this.ids.add(id);
        return id;
      }
    }
  }

  newMobile(): string {
    for (;;) {
      const phone = `1${this.keys.pick(['3', '5', '7', '8', '9'])}${this.keys.digits(9)}`;
      if (!this.phones.has(phone)) {
        this.phones.add(phone);
        return phone;
      }
    }
  }

  newLandline(): string {
    for (;;) {
      const phone = `${AREA_CODE}-${this.keys.pick(['2', '3', '5', '8'])}${this.keys.digits(6)}`;
      if (!this.phones.has(phone)) {
        this.phones.add(phone);
        return phone;
      }
    }
  }

  newAccountNo(bank: BankInfo['id'] | 'card' | 'external', personal: boolean): string {
    const shape = ACCOUNT_PREFIX[bank];
    const prefix = personal ? shape.person : shape.org;
    for (;;) {
      const no = prefix + this.keys.digits(shape.len - prefix.length);
      if (!this.accountNos.has(no)) {
        this.accountNos.add(no);
        return no;
      }
    }
  }

  /** A unified social credit code: '91' company, '92' sole trader, '93' co-operative. */
  newCreditCode(prefix: '91' | '92' | '93', region: string): string {
    for (;;) {
      let body = '';
      for (let i = 0; i < 7; i += 1) body += this.keys.pick([...CREDIT_CODE_CHARSET]);
      const code = makeCreditCode(`${prefix}${region}MA${body}`);
      if (!this.codes.has(code)) {
        this.codes.add(code);
        return code;
      }
    }
  }

  newAccount(kind: AccountKind, bank: BankInfo | undefined, holderName: string, holderId: string): Account {
    const personal = kind === 'person';
    const no = this.newAccountNo(bank?.id ?? 'external', personal);
    const account: Account = {
      id: this.accountCount++,
      no,
      kind,
      ...(bank ? { bank } : {}),
      bankName: bank?.name ?? '',
      holderName,
      holderId,
      rank: 0,
      balance: 0,
      ptUntil: -1,
      ptMin: 0,
      ptOut: 0,
    };
    if (bank) this.accounts.push(account);
    return account;
  }

  /** The welfare card of a person, made on first use. */
  cardOf(person: Person): string {
    person.card ??= this.newAccountNo('card', true);
    return person.card;
  }

  /**
   * Lets go of people, households and companies once their files are written: accounts keep copies of the
   * flags the transfer stream needs, so memory at scale 100 is the accounts, not the whole county.
   */
  release(): void {
    for (const account of this.accounts) {
      const { person, company } = account;
      if (person) {
        if (person.death) account.deathDay = dayOf(person.death);
        account.related = person.related;
        account.reserved = person.reserved;
      }
      if (company) account.reserved = company.reserved;
      account.person = undefined;
      account.company = undefined;
    }
    this.people.length = 0;
    this.households.length = 0;
    this.companies.length = 0;
    for (const village of this.villages) {
      village.households = [];
      village.cadres = [];
    }
    for (const town of this.towns) town.officials = [];
    this.ids.clear();
    this.phones.clear();
    this.addresses.clear();
    this.codes.clear();
    this.accountNos.clear();
  }

  isAlive(person: Person, date: string): boolean {
    return person.death === undefined || person.death > date;
  }
}
