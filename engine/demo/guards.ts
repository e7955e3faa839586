// Background transfers must not form a pattern by chance: the checks every background transfer passes.
import type { Account } from './model.ts';

const DAY = 86_400;
/** Conservative versions of the model thresholds, so near-boundary background never confuses a model. */
const SPLIT_WINDOW = 17 * DAY;
const SPLIT_EACH = 10_000_00;
const SPLIT_TOTAL = 9_000_00;
const LARGE = 9_000_00;
const BIG_INFLOW = 40_000_00;
const PASS_WINDOW = 48 * 3600;

export interface Movement {
  t: number;
  from: Account;
  to: Account;
  fen: number;
}

/**
 * The memory of small payments lives on the paying account, except for payers outside the county (they pay
 * thousands of people), where it lives on the payee. Fixed-size arrays on accounts, pruned in place, keep
 * the stream phase from producing garbage that outlives a young-generation collection.
 */
function memoryOf(m: Movement): { holder: Account; other: number } {
  return m.from.kind === 'source' ? { holder: m.to, other: m.from.id } : { holder: m.from, other: m.to.id };
}

/** Drops entries older than `since` in place; returns the new used length (the array never shrinks). */
function prune(list: number[], length: number, since: number): number {
  let keep = 0;
  for (let i = 0; i < length; i += 3) {
    if ((list[i + 1] ?? 0) >= since) {
      list[keep] = list[i] ?? 0;
      list[keep + 1] = list[i + 1] ?? 0;
      list[keep + 2] = list[i + 2] ?? 0;
      keep += 3;
    }
  }
  return keep;
}

/** Writes `values` at `at`, growing the array only when the slots are not there yet. */
function put(list: number[], at: number, ...values: number[]): void {
  for (const [k, v] of values.entries()) {
    if (at + k < list.length) list[at + k] = v;
    else list.push(v);
  }
}

export class Guards {
  /** True when a background movement is innocent of every transfer model given what came before. */
  accepts(m: Movement): boolean {
    const { from, to, fen, t } = m;
    if (from === to || from.reserved || to.reserved) return false;
    const day = Math.floor(t / DAY);
    if (
      (from.deathDay !== undefined && day >= from.deathDay) ||
      (to.deathDay !== undefined && day >= to.deathDay)
    )
      return false;
    if (from.bank && from.balance < fen) return false;
    // Kickback: a cadre's circle receives only from outside the county or from each other.
    if (to.related && !(from.kind === 'source' || from.related)) return false;
    // Cycles: large amounts only flow "downhill" in a fixed order of accounts.
    if (fen >= LARGE && from.rank >= to.rank) return false;
    // Pass-through: after a large inflow, an account sends on at most half of it within two days.
    if (from.ptUntil >= t && from.ptOut + fen >= from.ptMin / 2) return false;
    // Two identical transfers on one day would share the ingest's transfer key.
    if (from.outDay === day && from.outKeys) {
      for (let i = 0; i < (from.outLength ?? 0); i += 2)
        if (from.outKeys[i] === to.id && from.outKeys[i + 1] === fen) return false;
    }
    if (fen < SPLIT_EACH) {
      const { holder, other } = memoryOf(m);
      const list = holder.recent;
      if (list) {
        let count = 1;
        let sum = fen;
        for (let i = 0; i < (holder.recentLength ?? 0); i += 3) {
          if (list[i] === other && (list[i + 1] ?? 0) >= t - SPLIT_WINDOW) {
            count += 1;
            sum += list[i + 2] ?? 0;
          }
        }
        if (count >= 3 && sum > SPLIT_TOTAL) return false;
      }
    }
    return true;
  }

  /** Records a movement that happens (background or planted). */
  apply(m: Movement): void {
    const { from, to, fen, t } = m;
    from.balance -= fen;
    to.balance += fen;
    const day = Math.floor(t / DAY);
    if (from.outDay !== day) {
      from.outDay = day;
      from.outLength = 0;
    }
    from.outKeys ??= [];
    put(from.outKeys, from.outLength ?? 0, to.id, fen);
    from.outLength = (from.outLength ?? 0) + 2;
    if (from.ptUntil >= t) from.ptOut += fen;
    if (fen >= BIG_INFLOW) {
      if (to.ptUntil >= t) {
        to.ptMin = Math.min(to.ptMin, fen);
      } else {
        to.ptMin = fen;
        to.ptOut = 0;
      }
      to.ptUntil = t + PASS_WINDOW;
    }
    if (fen < SPLIT_EACH) {
      const { holder, other } = memoryOf(m);
      holder.recent ??= [];
      let length = holder.recentLength ?? 0;
      if (length >= 30) length = prune(holder.recent, length, t - SPLIT_WINDOW);
      put(holder.recent, length, other, t, fen);
      holder.recentLength = length + 3;
    }
  }
}
