// The window's bank movements, streamed hour by hour: background activity checked by the guards, plus the plan's.
import { BankFiles } from './bank.ts';
import { dateOf, stamp } from './calendar.ts';
import type { County } from './county.ts';
import { Guards, type Movement } from './guards.ts';
import type { Account } from './model.ts';
import { EXTERNAL_SINKS, EXTERNAL_SOURCES } from './places.ts';
import type { Plan, PlannedTransfer } from './plan.ts';
import type { Rng } from './rng.ts';
import type { WrittenFile } from './write/text.ts';

interface Event extends Movement {
  memo: string;
  fixed: boolean;
  seq: number;
}

function external(county: County, kind: 'source' | 'sink', [name, bank]: string[]): Account {
  const account = county.newAccount(kind, undefined, name ?? '', '');
  account.bankName = bank ?? '';
  account.rank = kind === 'source' ? -1 : 1e9;
  return account;
}

/** A payment repeated every month: salaries and rents. */
interface Standing {
  from: Account;
  to: Account;
  fen: number;
}

/** Everyone and everything that can take part in background movements, drawn once. */
class Pools {
  readonly persons: Account[];
  readonly salaries: Standing[];
  readonly companies: Account[];
  readonly shops: Account[];
  readonly rents: Standing[];
  readonly sources: Account[];
  readonly sinks: Account[];
  readonly cash: Account;

  constructor(county: County, rng: Rng) {
    this.persons = county.people.filter((p) => p.account && !p.reserved).map((p) => p.account!);
    this.salaries = county.people
      .filter((p) => p.employer && p.account && !p.reserved && !p.employer.reserved)
      .map((p) => ({ from: p.employer!.account, to: p.account!, fen: p.salary! }));
    const active = county.companies.filter((c) => !c.reserved && c.trade !== 'holding');
    this.companies = active.map((c) => c.account);
    this.shops = active.filter((c) => c.trade === 'shop' || c.trade === 'coop').map((c) => c.account);
    this.rents = active
      .filter(() => rng.chance(0.2))
      .map((c) => ({
        from: c.account,
        to: c.town.villages[c.index % c.town.villages.length]!.account,
        fen: (2_000 + (c.index % 7) * 800) * 100,
      }));
    this.sources = EXTERNAL_SOURCES.map((s) => external(county, 'source', s));
    this.sinks = EXTERNAL_SINKS.map((s) => external(county, 'sink', s));
    this.cash = external(county, 'sink', ['', '']);
    this.cash.kind = 'cash';
  }
}

const CONSUMER = ['消费', '网购', '缴费', '充值'];

/** Candidate background movements for one hour of a day, in no particular order. */
function backgroundHour(
  county: County,
  pools: Pools,
  rng: Rng,
  day: number,
  hour: number,
  out: Event[],
): void {
  const s = county.settings.scale;
  const dom = Number(dateOf(day).slice(8));
  let seq = 0;
  const add = (from: Account, to: Account, fen: number, memo: string) => {
    out.push({
      t: stamp(day, hour, rng.int(0, 59), rng.int(0, 59)),
      from,
      to,
      fen,
      memo,
      fixed: false,
      seq: 1_000_000 + seq++,
    });
  };
  /** How many of a flow with `perDay` expected movements, spread evenly over hours h0..h1, fall in this hour. */
  const due = (perDay: number, h0: number, h1: number) =>
    hour >= h0 && hour <= h1 ? rng.count((perDay * s) / (h1 - h0 + 1)) : 0;
  for (let n = due(32, 7, 22); n > 0; n -= 1) {
    const from = rng.pick(pools.persons);
    const to = rng.chance(0.75) || pools.shops.length === 0 ? rng.pick(pools.sinks) : rng.pick(pools.shops);
    add(from, to, rng.amountFen(20, 1_800), rng.pick(CONSUMER));
  }
  for (let n = due(5.5, 8, 20); n > 0; n -= 1)
    add(
      rng.pick(pools.sources),
      rng.pick(pools.persons),
      rng.int(3_000, 9_500) * 100 + rng.int(0, 99),
      '劳务报酬',
    );
  for (let n = due(5.5, 7, 22); n > 0; n -= 1) {
    const large = rng.chance(0.1);
    const fen = large ? rng.int(10_000, 50_000) * 100 : rng.amountFen(100, 5_000);
    add(rng.pick(pools.persons), rng.pick(pools.persons), fen, '转账');
  }
  for (let n = due(1.6, 8, 20); n > 0; n -= 1)
    add(rng.pick(pools.companies), rng.pick(pools.companies), rng.amountFen(2_000, 150_000), '货款');
  for (let n = due(2, 8, 20); n > 0; n -= 1)
    add(rng.pick(pools.companies), rng.pick(pools.sinks), rng.amountFen(5_000, 200_000), '采购款');
  for (let n = due(2, 8, 20); n > 0; n -= 1)
    add(rng.pick(pools.sources), rng.pick(pools.companies), rng.amountFen(5_000, 120_000), '货款');
  for (let n = due(0.2, 8, 20); n > 0; n -= 1)
    add(
      rng.pick(pools.persons),
      rng.pick(pools.sinks),
      rng.int(20_000, 200_000) * 100,
      rng.pick(['购车款', '建材款']),
    );
  for (let n = due(2, 6, 22); n > 0; n -= 1)
    add(rng.pick(pools.persons), pools.cash, rng.int(5, 30) * 100_00, 'ATM取现');
  if (dom === 10 && hour >= 9 && hour <= 11) {
    pools.salaries.forEach((p, i) => {
      if (i % 3 === hour - 9) add(p.from, p.to, p.fen + rng.int(0, 500) * 100, '工资');
    });
  }
  if (dom === 5 && hour >= 9 && hour <= 16) {
    pools.rents.forEach((r, i) => {
      if (i % 8 === hour - 9) add(r.from, r.to, r.fen, '租金');
    });
  }
}

/** Writes a movement into the statements of its collected ends (once when both are at the same bank). */
async function emit(files: BankFiles, e: Event): Promise<void> {
  const serial = files.nextSerial(e.t);
  const cash = e.to.kind === 'cash';
  if (e.from.bank) {
    await files.write({
      own: e.from,
      cp: cash ? undefined : e.to,
      t: e.t,
      fen: e.fen,
      out: true,
      balance: e.from.balance,
      memo: e.memo,
      serial,
    });
  }
  if (e.to.bank && e.from.bank?.id !== e.to.bank.id) {
    await files.write({
      own: e.to,
      cp: e.from,
      t: e.t,
      fen: e.fen,
      out: false,
      balance: e.to.balance,
      memo: e.memo,
      serial,
    });
  }
}

/** At most this many accounts get a statement of their own, whatever the scale: the rest are bulk answers. */
export const MAX_STATEMENTS = 150;

/**
 * The accounts an investigator would ask statements for: the collected ones taking part in planted movements
 * (schemes and decoys), the lowest account ids first so the choice is stable.
 */
function accountsUnderInquiry(fixed: readonly PlannedTransfer[]): Set<number> {
  const ids = new Set<number>();
  for (const f of fixed) for (const a of [f.from, f.to]) if (a.bank) ids.add(a.id);
  return new Set([...ids].sort((a, b) => a - b).slice(0, MAX_STATEMENTS));
}

export interface TransferResult {
  files: WrittenFile[];
  transfers: number;
}

/** Streams every movement of the window into the statement files; memory holds one day at a time. */
export async function writeTransfers(county: County, plan: Plan, root: string): Promise<TransferResult> {
  const rng = county.rng('transfers');
  const pools = new Pools(county, rng);
  county.release();
  const guards = new Guards();
  const fixed: PlannedTransfer[] = [...plan.transfers].sort((a, b) => a.t - b.t);
  const files = new BankFiles(root, {
    printed: accountsUnderInquiry(fixed),
    from: dateOf(county.startDay),
    to: dateOf(county.endDay),
  });
  plan.transfers.length = 0;
  let next = 0;
  let transfers = 0;
  const brokenDay = county.startDay + 40;
  const slice: Event[] = [];
  for (let day = county.startDay; day <= county.endDay; day += 1) {
    for (let hour = 0; hour < 24; hour += 1) {
      slice.length = 0;
      const end = stamp(day, hour + 1, 0, 0);
      while (next < fixed.length && fixed[next]!.t < end) {
        const f = fixed[next]!;
        slice.push({ t: f.t, from: f.from, to: f.to, fen: f.fen, memo: f.memo, fixed: true, seq: next });
        next += 1;
      }
      backgroundHour(county, pools, rng, day, hour, slice);
      slice.sort((a, b) => a.t - b.t || a.seq - b.seq);
      for (const e of slice) {
        if (!e.fixed && !guards.accepts(e)) continue;
        guards.apply(e);
        transfers += 1;
        await emit(files, e);
      }
    }
    if (day === brokenDay) await writeBroken(county, plan, files, pools, day);
  }
  return { files: await files.close(), transfers };
}

/** Two malformed statement rows: an amount that is not a number, and a date that does not exist. */
async function writeBroken(
  county: County,
  plan: Plan,
  files: BankFiles,
  pools: Pools,
  day: number,
): Promise<void> {
  // A bulk answer's row: a statement of one account under inquiry is printed whole at the end.
  const pick = (bank: string) =>
    pools.persons.find((a) => a.bank?.id === bank && !files.isPrinted(a)) ?? county.accounts[0]!;
  const t = stamp(day, 23, 10, 0);
  const base = { cp: pools.sinks[0], t, fen: 12_345, out: true, memo: '消费', serial: files.nextSerial(t) };
  const ns = pick('ns');
  const a = await files.writeBroken({ ...base, own: ns, balance: ns.balance }, '交易金额', 'abc');
  plan.book.bad(a.file, a.row, 'amount.format: 交易金额为 abc');
  const psbc = pick('psbc');
  const b = await files.writeBroken(
    { ...base, own: psbc, balance: psbc.balance, serial: files.nextSerial(t) },
    '交易日期',
    `${dateOf(day).slice(0, 4)}0231`,
  );
  plan.book.bad(b.file, b.row, 'date.invalid: 交易日期为不存在的2月31日');
}
