// The in-memory demo county: places, people, companies and accounts, before anything is written out.
import type { BankInfo, Trade } from './places.ts';

export interface Town {
  name: string;
  index: number;
  villages: Village[];
  officials: Cadre[];
  /** The township government's account: a public payer. */
  account: Account;
}

export interface Village {
  town: Town;
  name: string;
  /** 'town/village', the key investigators and truth.json use. */
  key: string;
  code: string;
  households: Household[];
  cadres: Cadre[];
  /** The village collective's account: a collective payer. */
  account: Account;
  groups: number;
}

export interface Household {
  no: string;
  village: Village;
  address: string;
  members: Person[];
}

export type Sex = 'M' | 'F';

export interface Person {
  index: number;
  id: string;
  name: string;
  sex: Sex;
  birth: string;
  household: Household;
  relation: string;
  phone?: string;
  father?: Person;
  mother?: Person;
  spouse?: Person;
  children: Person[];
  death?: string;
  account?: Account;
  /** 一卡通 (welfare card) account, made on first subsidy. */
  card?: string;
  cadre?: Cadre;
  employer?: Company;
  /** Monthly salary in fen. */
  salary?: number;
  /** In a cadre's family circle: background never pays them welfare or collective money. */
  related: boolean;
  /** Used by a planted scheme or decoy: background leaves them alone where it could blur the plant. */
  reserved: boolean;
  /** Planted flags read by the background subsidy generator. */
  noElderlyAllowance?: boolean;
  malformedRow?: boolean;
}

export interface Cadre {
  person: Person;
  unit: string;
  post: string;
  level: string;
  town: Town;
  village?: Village;
  declared: { person: Person; relation: string }[];
}

export interface Holding {
  holder: Person | Company;
  ratio: number;
}

export interface Company {
  index: number;
  code: string;
  name: string;
  trade: Trade;
  town: Town;
  legalRep: Person;
  capital: number;
  founded: string;
  phone: string;
  address: string;
  status: string;
  holders: Holding[];
  executives: { person: Person; post: string }[];
  account: Account;
  employees: Person[];
  /** Some cadre relative holds a role, directly or through holdings: never paid by a collective. */
  tied: boolean;
  reserved: boolean;
  /** Written with a wrong check character (a warning, not a rejection). */
  badCheck?: boolean;
}

export type AccountKind = 'person' | 'company' | 'village' | 'public' | 'source' | 'sink' | 'cash';

export interface Account {
  /** Sequential number, for the guards' compact memory. */
  id: number;
  no: string;
  kind: AccountKind;
  bank?: BankInfo;
  /** Name of the bank for out-of-county counterparties. */
  bankName: string;
  holderName: string;
  holderId: string;
  person?: Person;
  company?: Company;
  /** Copies of the owner's flags, so the streaming phase can let go of the people themselves. */
  deathDay?: number;
  related?: boolean;
  reserved?: boolean;
  /** Order for transfers of 10,000 and more: background ones only go from lower to higher rank. */
  rank: number;
  balance: number;
  /** Pass-through guard: window end, smallest large inflow in the window, outflow since. */
  ptUntil: number;
  ptMin: number;
  ptOut: number;
  /** Guard memory: recent small payments as (counterparty id, time, fen) triples; the first recentLength used. */
  recent?: number[];
  recentLength?: number;
  /** Guard memory: today's outgoing (payee id, fen) pairs; the first outLength used when outDay is today. */
  outDay?: number;
  outKeys?: number[];
  outLength?: number;
}

export function isCollected(account: Account): boolean {
  return account.bank !== undefined;
}
